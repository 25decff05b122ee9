package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.Events;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.JoinOutcomes;
import io.trainset.connect.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** What a join unit does with each kind of outcome: rows, dead-letter reports, unit and card counts. */
class OutcomeHandlerTest {

    private static final long T = 1_764_000_000_000L;

    private final TaskMetrics metrics = TaskMetrics.unpublished(TestClock.atMillis(T));
    private final UnitCounts counts = new UnitCounts(metrics);
    private final List<Row> rows = new ArrayList<>();
    private final List<CardStats.Dropped> dropped = new ArrayList<>();
    /** The records reported to the dead-letter queue. */
    private final List<SinkRecord> reported = new ArrayList<>();

    private final Map<SourcePosition, SinkRecord> originals = new HashMap<>();
    private final OutcomeReports reports = new OutcomeReports(
            JoinSettings.of(Duration.ofHours(1)),
            (record, e) -> {
                reported.add(record);
                return CompletableFuture.completedFuture(null);
            },
            new PendingReports(),
            new BadRecordLog(false, TestClock.atMillis(T)),
            metrics);

    private final Event issue = Events.submitted("a", T, 7, new Features(List.of(), List.of()));
    private final Event resolution = Events.resolved("a", T + 10, 3, new Resolution("billing"));

    private void handle(SinkRecord current, JoinOutcome... outcomes) {
        new OutcomeHandler(counts, rows::add, dropped::add, reports, originals).handle(List.of(outcomes), current);
    }

    private SinkRecord kept(Event event) {
        SinkRecord record = new SinkRecord(
                event.source().topic(),
                event.source().partition(),
                Schema.STRING_SCHEMA,
                event.key(),
                Schema.STRING_SCHEMA,
                "value",
                event.source().offset());
        originals.put(event.source(), record);
        return record;
    }

    @Test
    void aMatchIsALabelledRowAndLetsGoOfBothOriginals() {
        kept(issue);
        kept(resolution);

        handle(null, JoinOutcomes.matched(issue, resolution, 1));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(JoinStatus.JOINED);
            assertThat(row.label()).isEqualTo("billing");
            assertThat(row.sources()).containsExactly(issue.source(), resolution.source());
        });
        assertThat(originals).isEmpty();
        assertThat(dropped).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aProvisionalOutcomeIsAnUnlabelledRowThatKeepsTheOriginalForTheFinalDecision() {
        SinkRecord original = kept(issue);

        handle(null, new JoinOutcome.Provisional(issue, T + 3_600_000, T - 10));
        handle(null, JoinOutcomes.timedOut(issue, Policies.TimedOut.DLQ, 2));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(JoinStatus.PROVISIONAL);
            assertThat(row.label()).isNull();
            assertThat(row.resolvedAtMs()).isNull();
            assertThat(row.labelVersion()).isEqualTo(1);
            assertThat(row.labelFinal()).isFalse();
            assertThat(row.labelDeadlineMs()).as("judged at its early point").isEqualTo(T + 3_600_000);
            assertThat(row.caseStartedAtMs()).as("its case's anchor").isEqualTo(T - 10);
            assertThat(row.sources()).containsExactly(issue.source());
        });
        assertThat(reported).as("the final decision still reports the original").containsExactly(original);
        assertThat(counts.toString()).startsWith("joined=0 provisional=1 timedOut=0 timedOutNotWritten=1 ");
    }

    @Test
    void aFinalRowAfterAProvisionalOneIsVersionTwo() {
        handle(null, new JoinOutcome.Matched(issue, resolution, 1, 2, T - 10, null));
        handle(null, new JoinOutcome.TimedOut(issue, Policies.TimedOut.EMIT, 2, T - 20, null));

        assertThat(rows).extracting(Row::labelVersion).containsExactly(2, 2);
        assertThat(rows).extracting(Row::labelFinal).containsExactly(true, true);
        assertThat(rows).extracting(Row::caseStartedAtMs).containsExactly(T - 10, T - 20);
        assertThat(rows)
                .extracting(Row::labelDeadlineMs)
                .as("the dataset's default deadline")
                .containsOnlyNulls();
    }

    @Test
    void aTimedOutSubmissionIsARowUnderEmitElseReportedAsItsPolicySaysAndCountedInTheCard() {
        SinkRecord original = kept(issue);

        handle(null, JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT));
        handle(null, JoinOutcomes.timedOut(issue, Policies.TimedOut.DROP));
        kept(issue);
        handle(null, JoinOutcomes.timedOut(issue, Policies.TimedOut.DLQ));

        assertThat(rows).singleElement().extracting(Row::status).isEqualTo(JoinStatus.TIMED_OUT);
        assertThat(reported).containsExactly(original);
        assertThat(dropped).containsExactly(CardStats.Dropped.TIMED_OUT_DROPPED, CardStats.Dropped.TIMED_OUT_DROPPED);
        assertThat(originals).isEmpty();
    }

    @Test
    void eventsSettledWithoutARowAreReportedAsTheirPolicySaysAndCountedInTheCardButIgnoredOnesAndBadRecords() {
        SinkRecord orphan = kept(resolution);
        SinkRecord late = kept(issue);
        handle(
                null,
                new JoinOutcome.Orphaned(resolution, Policies.Orphan.DLQ),
                new JoinOutcome.Late(issue, Policies.Late.DLQ, T + 1));
        handle(
                null,
                new JoinOutcome.Orphaned(resolution, Policies.Orphan.DROP),
                new JoinOutcome.Late(issue, Policies.Late.DROP, T + 1),
                new JoinOutcome.Duplicate(issue),
                new JoinOutcome.Ignored(issue, "a superseded version"));
        SinkRecord ahead = kept(issue);
        handle(null, new JoinOutcome.AheadOfClock(issue, T - 3_600_001, 3_600_000));

        assertThat(reported).containsExactly(orphan, late, ahead);
        assertThat(dropped)
                .containsExactly(
                        CardStats.Dropped.ORPHANED_RESOLUTIONS,
                        CardStats.Dropped.LATE_EVENTS,
                        CardStats.Dropped.ORPHANED_RESOLUTIONS,
                        CardStats.Dropped.LATE_EVENTS,
                        CardStats.Dropped.DUPLICATES);
        assertThat(rows).isEmpty();
        assertThat(counts.toString())
                .isEqualTo("joined=0 provisional=0 timedOut=0 timedOutNotWritten=0 orphanResolutions=2 late=2 "
                        + "aheadOfClock=1 duplicates=1 ignored=1 files=0 rowsCommitted=0");
    }

    @Test
    void theRecordBeingReadIsTheOriginalOfAnEventItSettlesAtOnce() {
        SinkRecord current =
                new SinkRecord(Events.SUBMITTED_TOPIC, 0, Schema.STRING_SCHEMA, "a", Schema.STRING_SCHEMA, "value", 7);
        SinkRecord other =
                new SinkRecord(Events.SUBMITTED_TOPIC, 0, Schema.STRING_SCHEMA, "b", Schema.STRING_SCHEMA, "value", 8);

        handle(current, new JoinOutcome.Late(issue, Policies.Late.DLQ, T + 1));
        handle(other, new JoinOutcome.Late(issue, Policies.Late.DLQ, T + 1));

        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).isSameAs(current);
        assertThat(reported.get(1).value()).asString().startsWith("Restored from a Trainset checkpoint");
    }
}
