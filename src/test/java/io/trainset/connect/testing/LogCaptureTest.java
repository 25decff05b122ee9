package io.trainset.connect.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a capture holds: the messages, and for secret checks the exceptions with their whole cause chain. */
class LogCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogCaptureTest.class);

    @Test
    void theTextHoldsEachExceptionWithItsCauseChainAndStack() {
        try (LogCapture log = new LogCapture(LogCaptureTest.class.getName())) {
            LOG.info("opened {}", "store");
            LOG.warn("request failed", new IllegalStateException("outer", new IOException("inner secret-4711")));

            assertThat(log.messages()).containsExactly("opened store", "request failed");
            assertThat(log.text())
                    .startsWith("opened store\nrequest failed\n")
                    .contains(
                            "java.lang.IllegalStateException: outer",
                            "Caused by: java.io.IOException: inner " + "secret-4711",
                            "at " + LogCaptureTest.class.getName());
        }
    }
}
