package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.state.PayloadSpill;
import java.util.ArrayList;
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
 * every outcome of the call is handled (several may share an event under {@code join.resolutions=all}). One per unit,
 * given each call's outcomes in turn (task thread).
 *
 * <p>The events to release are noted by the method of each kind as it takes their originals, not asked of every
 * outcome again after the pass: one dispatch on the outcome's kind per outcome, so a compiled caller that has only
 * seen matches meets a first outcome of another kind at one site, not at two.
 */
final class OutcomeHandler implements JoinOutcome.Handler {

    private final UnitCounts counts;
    /** Where rows go: the unit's open files. */
    private final Consumer<Row> rows;
    /** Where the card's count of events settled without a row goes. */
    private final Consumer<CardStats.Dropped> dropped;

    private final OutcomeReports reports;
    private final Map<SourcePosition, SinkRecord> originals;
    /** The payloads of the events settled by the outcomes handled so far in this call: released after the call. */
    private final ArrayList<Object> settled = new ArrayList<>();
    /** The record being read when the outcomes came, if any: the original of an event it settles at once. */
    private SinkRecord current;

    OutcomeHandler(
            UnitCounts counts,
            Consumer<Row> rows,
            Consumer<CardStats.Dropped> dropped,
            OutcomeReports reports,
            Map<SourcePosition, SinkRecord> originals) {
        this.counts = counts;
        this.rows = rows;
        this.dropped = dropped;
        this.reports = reports;
        this.originals = originals;
    }

    /**
     * Handles {@code outcomes} in order, then releases their events' spilled values; {@code current} is the record
     * being read when they came, or null.
     */
    void handle(List<JoinOutcome> outcomes, SinkRecord current) {
        this.current = current;
        try {
            // Through the list's forEach: its call of the lambda is shared by every lambda of the JVM, so the one
            // dispatch on the outcome's kind (a trap when the first timeout comes after the first rows) stays a small
            // compilation of its own instead of being inlined into the unit's per-event root (a1: 69 KB thrown away).
            outcomes.forEach(outcome -> outcome.handledBy(this));
            for (int i = 0; i < settled.size(); i++) {
                PayloadSpill.release(settled.get(i));
            }
        } finally {
            clearShrinking(settled);
            this.current = null;
        }
    }

    @Override
    public void matched(JoinOutcome.Matched matched) {
        counts.joined();
        settle(matched.submitted());
        settle(matched.resolved());
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
        SinkRecord kept = settle(timedOut.submitted());
        if (timedOut.policy() == Policies.TimedOut.EMIT) {
            rows.accept(RowBuilder.timedOut(timedOut, PayloadSpill::features));
            return;
        }
        if (timedOut.policy() == Policies.TimedOut.DLQ) {
            reports.timedOut(timedOut, original(timedOut.submitted(), kept));
        }
        dropped.accept(CardStats.Dropped.TIMED_OUT_DROPPED);
    }

    @Override
    public void orphaned(JoinOutcome.Orphaned orphan) {
        counts.orphaned();
        SinkRecord kept = settle(orphan.resolved());
        if (orphan.policy() == Policies.Orphan.DLQ) {
            reports.orphaned(orphan, original(orphan.resolved(), kept));
        }
        dropped.accept(CardStats.Dropped.ORPHANED_RESOLUTIONS);
    }

    @Override
    public void late(JoinOutcome.Late late) {
        counts.late(late.event().side());
        SinkRecord kept = settle(late.event());
        if (late.policy() == Policies.Late.DLQ) {
            reports.late(late, original(late.event(), kept));
        }
        dropped.accept(CardStats.Dropped.LATE_EVENTS);
    }

    @Override
    public void aheadOfClock(JoinOutcome.AheadOfClock ahead) {
        counts.aheadOfClock();
        reports.aheadOfClock(ahead, original(ahead.event(), settle(ahead.event())));
    }

    @Override
    public void duplicate(JoinOutcome.Duplicate duplicate) {
        counts.duplicate(duplicate.event().side());
        settle(duplicate.event());
        dropped.accept(CardStats.Dropped.DUPLICATES);
    }

    @Override
    public void ignored(JoinOutcome.Ignored ignored) {
        counts.ignored();
        settle(ignored.event());
    }

    /**
     * Notes {@code event} as settled (its spilled values released after the call) and takes the original record kept
     * for it, if any: null for most events (only those a policy may report later are kept).
     */
    private SinkRecord settle(Event event) {
        settled.add(event.payload());
        return originals.remove(event.source());
    }

    /**
     * The original record of a settled event, for its report: {@code kept} (from {@link #settle}), else the record
     * being read if it is the event's; else null. Asked only where a report is made, not for every settled event.
     */
    private SinkRecord original(Event event, SinkRecord kept) {
        if (kept == null
                && current != null
                && EventExtractor.positionOf(current).equals(event.source())) {
            return current;
        }
        return kept;
    }

    /** Outlives the call only as a small list: a catching-up call that settled a million events keeps no 8 MB array. */
    private static void clearShrinking(ArrayList<Object> list) {
        boolean large = list.size() > 4_096;
        list.clear();
        if (large) {
            list.trimToSize();
        }
    }
}
