package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTest {

    private final StoreRetry retry = new StoreRetry("file:///tmp/x", 3, Duration.ZERO, Duration.ZERO);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void anIoFailureIsRetriedUntilTheStepSucceeds() throws IOException {
        String result = retry.get(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("flaky");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anUnretryableFailureIsThrownAtOnce() {
        assertThatThrownBy(() -> retry.run(() -> {
                    attempts.incrementAndGet();
                    throw new UnretryableStoreException("Writing a.parquet failed (No space left on device)", null);
                }))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessage("Writing a.parquet failed (No space left on device)");
        assertThat(attempts).hasValue(1);
    }
}
