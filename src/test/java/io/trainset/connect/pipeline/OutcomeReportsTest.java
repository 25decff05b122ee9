package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.Events;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The messages of reported join outcomes at the edges of the time range (extreme producer times). */
class OutcomeReportsTest {

    private final RecordingErrors errors = new RecordingErrors();
    private final TestClock clock = TestClock.atMillis(PipelineFixture.T0);
    private final OutcomeReports reports = reports(true);

    /** Reports whose messages quote keys and times only with {@code includeMessages}. */
    private OutcomeReports reports(boolean includeMessages) {
        return new OutcomeReports(
                JoinSettings.of(Duration.ofHours(1)),
                errors,
                new PendingReports(),
                new BadRecordLog(includeMessages, clock),
                TaskMetrics.unpublished(clock));
    }

    @Test
    void anOrphanAtTheStartOfTimeNamesAWindowThatDoesNotWrapAround() {
        Event orphan = Events.resolved("k", Long.MIN_VALUE + 1, 0);

        reports.orphaned(new JoinOutcome.Orphaned(orphan, Policies.Orphan.DLQ), null);

        assertThat(errors.errors())
                .singleElement()
                .extracting(Throwable::getMessage)
                .asString()
                .contains("none has a time in [-292275055-05-16T16:47:04.192Z, -292275055-05-16T16:47:04.193Z]");
    }

    @Test
    void anEventLessThanADayAheadIsNamedInMilliseconds() {
        Event ahead = Events.submitted("k", 1_000 + 3_600_001, 7);

        reports.aheadOfClock(new JoinOutcome.AheadOfClock(ahead, 1_000, 3_600_000), null);

        assertThat(errors.errors())
                .singleElement()
                .extracting(Throwable::getMessage)
                .asString()
                .startsWith("Submission issues-0@7 (key k, time 1970-01-01T01:00:01.001Z) is 3600001 ms ahead of the "
                        + "worker's clock 1970-01-01T00:00:01Z, more than join.time.max.ahead.ms (3600000 ms) allows");
    }

    @Test
    void eventsAheadOfTheClockAreLoggedAtWarnOncePerMinuteWithoutContent() {
        OutcomeReports contentFree = reports(false);
        String line = "Submission issues-0@%d has an event time ahead of the worker's clock by more than "
                + "join.time.max.ahead.ms (3600000 ms): it was not joined and moved no watermark. Fix the producer's "
                + "clock or time unit (a placeholder date, or micro- or nanoseconds read as milliseconds), or raise "
                + "join.time.max.ahead.ms if such times are real.";

        try (LogCapture log = new LogCapture(BadRecordLog.class.getName())) {
            for (long offset = 0; offset < 3; offset++) {
                Event ahead = Events.submitted("customer-" + offset, clock.millis() + 3_600_001, offset);
                contentFree.aheadOfClock(new JoinOutcome.AheadOfClock(ahead, clock.millis(), 3_600_000), null);
            }
            clock.advance(Duration.ofSeconds(61));
            Event later = Events.submitted("customer-3", clock.millis() + 3_600_001, 3);
            contentFree.aheadOfClock(new JoinOutcome.AheadOfClock(later, clock.millis(), 3_600_000), null);

            assertThat(log.messages())
                    .containsExactly(
                            line.formatted(0),
                            line.formatted(3)
                                    + " (2 more records with this reason since 61000 ms ago were not logged)");
        }
        assertThat(errors.errors())
                .extracting(Throwable::getMessage)
                .containsExactly(line.formatted(0), line.formatted(1), line.formatted(2), line.formatted(3));
    }
}
