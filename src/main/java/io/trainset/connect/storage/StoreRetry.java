package io.trainset.connect.storage;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retries with jittered exponential backoff of an object-store step that failed with an
 * {@link IOException} after the client's own retries (docs/guarantees.md, docs/production.md): by
 * default 5 retries, 0.5 s doubling to 10 s (each wait varied by up to 25%), about 20 s of waiting in
 * all, and no retry begins more than 5 minutes after the first attempt. The last failure is rethrown;
 * an {@link UnretryableStoreException} at once.
 */
public final class StoreRetry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
    /** No retry of the default policy starts later than this after the first attempt. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(5);

    private final RetryPolicy<Object> policy;

    /** {@code maxRetries} retries, waiting {@code firstDelay} doubling to {@code maxDelay} (none when zero). */
    public StoreRetry(String location, int maxRetries, Duration firstDelay, Duration maxDelay) {
        this(location, maxRetries, firstDelay, maxDelay, Duration.ZERO);
    }

    /** As above; no retry starts once {@code maxDuration} has passed since the first attempt (zero: no limit). */
    StoreRetry(String location, int maxRetries, Duration firstDelay, Duration maxDelay, Duration maxDuration) {
        this(location, maxRetries, firstDelay, maxDelay, maxDuration, () -> {});
    }

    /** As above; {@code onRetry} runs before each retry (the task counts them). */
    StoreRetry(
            String location,
            int maxRetries,
            Duration firstDelay,
            Duration maxDelay,
            Duration maxDuration,
            Runnable onRetry) {
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
                .handle(IOException.class)
                .abortOn(UnretryableStoreException.class)
                .withMaxRetries(maxRetries)
                .onRetry(e -> {
                    onRetry.run();
                    LOG.warn(
                            "Object store {} failed ({}); retry {} of {}",
                            location,
                            e.getLastException().getMessage(),
                            e.getAttemptCount(),
                            maxRetries);
                });
        if (!firstDelay.isZero()) {
            builder.withBackoff(firstDelay, maxDelay).withJitter(0.25);
        }
        if (!maxDuration.isZero()) {
            builder.withMaxDuration(maxDuration);
        }
        this.policy = builder.build();
    }

    /** 5 retries, 0.5 s doubling to 10 s with 25% jitter, none starting after {@link #DEFAULT_MAX_DURATION}. */
    public static StoreRetry defaults(String location) {
        return defaults(location, () -> {});
    }

    /** The defaults; {@code onRetry} runs before each retry (the task counts them in its metrics). */
    public static StoreRetry defaults(String location, Runnable onRetry) {
        return new StoreRetry(
                location, 5, Duration.ofMillis(500), Duration.ofSeconds(10), DEFAULT_MAX_DURATION, onRetry);
    }

    /** Runs {@code step}, retrying it on {@link IOException}. */
    public <T> T get(CheckedSupplier<T> step) throws IOException {
        try {
            return Failsafe.with(policy).get(step);
        } catch (FailsafeException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Runs {@code step}, retrying it on {@link IOException}. */
    public void run(IoStep step) throws IOException {
        get(() -> {
            step.run();
            return null;
        });
    }

    /** A step that may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface IoStep {
        void run() throws IOException;
    }
}
