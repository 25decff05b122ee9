package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.Event;
import io.trainset.connect.join.Events;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.Policies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The messages of reported join outcomes at the edges of the time range (extreme producer times). */
class OutcomeReportsTest {

    private final List<Throwable> reported = new ArrayList<>();
    private final OutcomeReports reports = new OutcomeReports(JoinSettings.of(Duration.ofHours(1)),
            (record, error) -> {
                reported.add(error);
                return CompletableFuture.completedFuture(null);
            }, new PendingReports());

    @Test
    void anOrphanAtTheStartOfTimeNamesAWindowThatDoesNotWrapAround() {
        Event orphan = Events.resolved("k", Long.MIN_VALUE + 1, 0);

        reports.report(new JoinOutcome.Orphaned(orphan, Policies.Orphan.DLQ), orphan, null);

        assertThat(reported).singleElement().extracting(Throwable::getMessage).asString()
                .contains("none has a time in [-292275055-05-16T16:47:04.192Z, -292275055-05-16T16:47:04.193Z]");
    }

    @Test
    void anEventLessThanADayAheadIsNamedInMilliseconds() {
        Event ahead = Events.submitted("k", 1_000 + 3_600_001, 7);

        reports.report(new JoinOutcome.AheadOfClock(ahead, 1_000, 3_600_000), ahead, null);

        assertThat(reported).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("Submission issues-0@7 (key k, time 1970-01-01T01:00:01.001Z) is 3600001 ms ahead of the "
                        + "worker's clock 1970-01-01T00:00:01Z, more than join.time.max.ahead.ms (3600000 ms) allows");
    }
}
