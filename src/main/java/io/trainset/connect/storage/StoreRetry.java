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
 * Bounded retries with exponential backoff of an object-store step that failed with an
 * {@link IOException} after the client's own retries (docs/guarantees.md): by default 5 retries,
 * 0.5 s doubling to 10 s, about 20 s in all. The last failure is rethrown; an
 * {@link UnretryableStoreException} at once.
 */
public final class StoreRetry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);

    private final RetryPolicy<Object> policy;

    /** {@code maxRetries} retries, waiting {@code firstDelay} doubling to {@code maxDelay} (none when zero). */
    public StoreRetry(String location, int maxRetries, Duration firstDelay, Duration maxDelay) {
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder().handle(IOException.class)
                .abortOn(UnretryableStoreException.class).withMaxRetries(maxRetries)
                .onRetry(e -> LOG.warn("Object store {} failed ({}); retry {} of {}", location,
                        e.getLastException().getMessage(), e.getAttemptCount(), maxRetries));
        this.policy = (firstDelay.isZero() ? builder : builder.withBackoff(firstDelay, maxDelay)).build();
    }

    /** 5 retries, 0.5 s doubling to 10 s. */
    public static StoreRetry defaults(String location) {
        return new StoreRetry(location, 5, Duration.ofMillis(500), Duration.ofSeconds(10));
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
