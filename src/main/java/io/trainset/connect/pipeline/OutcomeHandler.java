package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.state.PayloadSpill;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What a join unit does with each kind of join outcome, the one place that tells them apart: a match,
 * and a timed-out submission with policy {@code emit}, become rows; what a policy sends to the dead-letter
 * queue is reported with its original record; every outcome is counted for the unit's commit log line,
 * and the card counts the events settled without a row (but the ignored ones and those ahead of the clock,
 * which are bad records). Each settled event's original record is let go, and its spilled values once
 * every outcome of the call is handled (several may share an event under {@code join.resolutions=all}).
 */
final class OutcomeHandler implements JoinOutcome.Handler {

    private final UnitCounts counts;
    /** Where rows go: the unit's open files. */
    private final Consumer<Row> rows;
    /** Where the card's count of events settled without a row goes. */
    private final Consumer<CardStats.Dropped> dropped;

    private final OutcomeReports reports;
    private final Map<SourcePosition, SinkRecord> originals;
    /** The record being read when the outcomes came, if any: the original of an event it settles at once. */
    private final SinkRecord current;

    OutcomeHandler(
            UnitCounts counts,
            Consumer<Row> rows,
            Consumer<CardStats.Dropped> dropped,
            OutcomeReports reports,
            Map<SourcePosition, SinkRecord> originals,
            SinkRecord current) {
        this.counts = counts;
        this.rows = rows;
        this.dropped = dropped;
        this.reports = reports;
        this.originals = originals;
        this.current = current;
    }

    /** Handles {@code outcomes} in order, then releases their events' spilled values. */
    void handle(List<JoinOutcome> outcomes) {
        outcomes.forEach(outcome -> outcome.handledBy(this));
        outcomes.forEach(outcome -> outcome.events().forEach(event -> PayloadSpill.release(event.payload())));
    }

    @Override
    public void matched(JoinOutcome.Matched matched) {
        counts.joined();
        original(matched.submitted());
        original(matched.resolved());
        rows.accept(RowBuilder.matched(matched, PayloadSpill::features));
    }

    /** Written as an unlabelled row; its events stay held (and their originals kept) for the case's final row. */
    @Override
    public void provisional(JoinOutcome.Provisional provisional) {
        counts.provisional();
        rows.accept(RowBuilder.provisional(provisional, PayloadSpill::features));
    }

    @Override
    public void timedOut(JoinOutcome.TimedOut timedOut) {
        counts.timedOut(timedOut.policy() == Policies.TimedOut.EMIT);
        SinkRecord original = original(timedOut.submitted());
        if (timedOut.policy() == Policies.TimedOut.EMIT) {
            rows.accept(RowBuilder.timedOut(timedOut, PayloadSpill::features));
            return;
        }
        if (timedOut.policy() == Policies.TimedOut.DLQ) {
            reports.timedOut(timedOut, original);
        }
        dropped.accept(CardStats.Dropped.TIMED_OUT_DROPPED);
    }

    @Override
    public void orphaned(JoinOutcome.Orphaned orphan) {
        counts.orphaned();
        SinkRecord original = original(orphan.resolved());
        if (orphan.policy() == Policies.Orphan.DLQ) {
            reports.orphaned(orphan, original);
        }
        dropped.accept(CardStats.Dropped.ORPHANED_RESOLUTIONS);
    }

    @Override
    public void late(JoinOutcome.Late late) {
        counts.late(late.event().side());
        SinkRecord original = original(late.event());
        if (late.policy() == Policies.Late.DLQ) {
            reports.late(late, original);
        }
        dropped.accept(CardStats.Dropped.LATE_EVENTS);
    }

    @Override
    public void aheadOfClock(JoinOutcome.AheadOfClock ahead) {
        counts.aheadOfClock();
        reports.aheadOfClock(ahead, original(ahead.event()));
    }

    @Override
    public void duplicate(JoinOutcome.Duplicate duplicate) {
        counts.duplicate(duplicate.event().side());
        original(duplicate.event());
        dropped.accept(CardStats.Dropped.DUPLICATES);
    }

    @Override
    public void ignored(JoinOutcome.Ignored ignored) {
        counts.ignored();
        original(ignored.event());
    }

    /** Takes the original record kept for {@code event}, or the current one if it is the event's; else null. */
    private SinkRecord original(Event event) {
        SinkRecord original = originals.remove(event.source());
        if (original == null
                && current != null
                && EventExtractor.positionOf(current).equals(event.source())) {
            return current;
        }
        return original;
    }
}
