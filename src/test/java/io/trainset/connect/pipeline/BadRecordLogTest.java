package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadRecordLogTest {

    private final TestClock clock = TestClock.atMillis(1_764_000_000_000L);

    private static BadRecordException badTime(long offset) {
        return new BadRecordException(
                BadRecordException.Kind.TIME,
                new SourcePosition("issues", 0, offset),
                "its time field 'created_at' is a " + "text, neither epoch milliseconds nor an ISO-8601 instant",
                "'card 4111-1111-1111-1111'",
                "fix the producer");
    }

    private static BadRecordException noKey(long offset) {
        return new BadRecordException(
                BadRecordException.Kind.KEY,
                new SourcePosition("issues", 0, offset),
                "it has no join key",
                "",
                "produce the records with a key");
    }

    @Test
    void withoutIncludeMessagesTheLogNamesThePositionAndReasonButNoContent() {
        BadRecordLog log = BadRecordLog.of(Map.of(), clock);

        try (LogCapture capture = new LogCapture(BadRecordLog.class.getName())) {
            log.log(badTime(7));

            assertThat(capture.messages())
                    .containsExactly("Record issues-0@7 cannot be used: its time field "
                            + "'created_at' is a text, neither epoch milliseconds nor an ISO-8601 instant. Fix: fix the "
                            + "producer.");
        }
    }

    @Test
    void withIncludeMessagesTheLogQuotesTheContent() {
        BadRecordLog log = BadRecordLog.of(Map.of(BadRecordLog.INCLUDE_MESSAGES, "true"), clock);

        try (LogCapture capture = new LogCapture(BadRecordLog.class.getName())) {
            log.log(badTime(7));

            assertThat(capture.messages()).singleElement().asString().contains("4111-1111-1111-1111");
        }
    }

    @Test
    void repeatedReportsOfAReasonAreLoggedOncePerMinuteWithTheCountNotLogged() {
        BadRecordLog log = new BadRecordLog(false, clock);

        try (LogCapture capture = new LogCapture(BadRecordLog.class.getName())) {
            for (long offset = 0; offset < 1_000; offset++) {
                log.log(badTime(offset));
                clock.advance(Duration.ofMillis(50));
            }
            log.log(noKey(1_000));
            clock.advance(Duration.ofSeconds(11));
            log.log(badTime(1_001));

            assertThat(capture.messages())
                    .containsExactly(
                            badTime(0).withoutContent(),
                            noKey(1_000).withoutContent(),
                            badTime(1_001).withoutContent()
                                    + " (999 more records with this reason since 61000 ms ago were " + "not logged)");
        }
    }
}
