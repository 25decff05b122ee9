package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The callback a task counts its store retries with (upload-retries-total): once per retry, never per attempt. */
class StoreRetryCallbackTest {

    private final AtomicInteger retries = new AtomicInteger();
    private final StoreRetry retry =
            new StoreRetry("file:///tmp/x", 3, Duration.ZERO, Duration.ZERO, Duration.ZERO, retries::incrementAndGet);

    @Test
    void eachRetryRunsTheCallbackOnce() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        retry.run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("flaky");
            }
        });
        assertThat(retries).hasValue(2);
    }

    @Test
    void aStepThatNeverSucceedsRunsItForEveryRetryAndNoMore() {
        assertThatThrownBy(() -> retry.run(() -> {
                    throw new IOException("down");
                }))
                .isInstanceOf(IOException.class);
        assertThat(retries).hasValue(3);
    }
}
