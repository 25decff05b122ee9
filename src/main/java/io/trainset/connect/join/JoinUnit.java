package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The correlation state of one join unit (partition N of every input topic). Pure logic: no I/O,
 * no Connect types, time passed in. Semantics: docs/join-semantics.md. Every decision waits until
 * the unit's watermark passes its decision point, so the rows do not depend on how the inputs'
 * records interleave. Not thread-safe: one task thread drives it.
 */
public final class JoinUnit {

    private final JoinSettings settings;
    private final Watermarks watermarks;
    private final UnitKeys keys;
    private final KeyStates states;
    private final HeldEvents held;
    private final CallOutcomes outcomes = new CallOutcomes();

    private WatermarkRepair repair;
    /** Counts the calls that may change the keys' states ({@link #accept}, {@link #expire}): {@link KeysInPlace}. */
    private int version;

    /** A unit fed by {@code inputs} whose held events are sized by {@code sizer} (for the memory bound). */
    public JoinUnit(JoinSettings settings, Set<InputPartition> inputs, long nowMs, ToLongFunction<Event> sizer) {
        this.settings = settings;
        this.watermarks = new Watermarks(
                inputs, settings.grace().toMillis(), settings.idleTimeout().toMillis(), nowMs);
        this.keys = new UnitKeys(KeyRules.of(settings), sizer);
        this.states = keys.states();
        this.held = keys.held();
    }

    /**
     * A unit that continues from {@code snapshot} as the unit that took it would have continued, once
     * what was beyond the clock in it is repaired ({@link #restoreRepair}).
     */
    public static JoinUnit restore(
            JoinSettings settings,
            Set<InputPartition> inputs,
            JoinSnapshot snapshot,
            long nowMs,
            ToLongFunction<Event> sizer) {
        JoinUnit unit = new JoinUnit(settings, inputs, nowMs, sizer);
        FutureTimeRepair repair = FutureTimeRepair.of(snapshot, settings.plausibleUntil(nowMs));
        JoinSnapshot sane = repair.snapshot();
        unit.watermarks.restore(sane.unitWatermarkMs(), sane.inputMaxMs());
        sane.keys().forEach(unit.keys::restore);
        if (repair.repaired()) {
            unit.repaired(repair, nowMs);
        }
        return unit;
    }

    /** Lists the keys the repair changed, defers its evicted events' outcomes and computes the watermark again. */
    private void repaired(FutureTimeRepair repair, long nowMs) {
        repair.changedKeys().forEach(states::changed);
        long maxAheadMs = settings.maxAhead().toMillis();
        repair.evicted().forEach(e -> outcomes.defer(new JoinOutcome.AheadOfClock(e, nowMs, maxAheadMs)));
        Map<InputPartition, Long> lowered = watermarks.maxima();
        lowered.keySet().retainAll(repair.inputsBefore().keySet());
        this.repair = new WatermarkRepair(
                repair.unitWatermarkBefore(),
                watermarks.advance(nowMs),
                repair.inputsBefore(),
                lowered,
                repair.evicted().size());
    }

    /** What {@link #restore} repaired, if the snapshot had watermarks or events beyond the clock. */
    public Optional<WatermarkRepair> restoreRepair() {
        return Optional.ofNullable(repair);
    }

    /**
     * The unit's durable state: watermarks and every key's held events and decided windows. Starts
     * a new round of {@link #takeChanges changes}: a checkpoint is taken from here on.
     */
    public JoinSnapshot snapshot() {
        return JoinSnapshot.of(snapshotInPlace());
    }

    /**
     * {@link #snapshot}, read from the keys in place: no copy per key, valid (and encoded, on this thread) only until
     * the next {@link #accept} or {@link #expire}; reading it later throws.
     */
    public JoinState snapshotInPlace() {
        return states.snapshotAll(watermarks.unit(), watermarks.maxima(), () -> version);
    }

    /**
     * The watermarks and the state of every key that changed since the last {@link #snapshot} or
     * {@link #takeChanges}; a key whose state is gone appears with an empty state. Applied to the
     * snapshot before ({@link JoinSnapshot#withChanges}), it gives the current snapshot. The caller
     * stores it or discards this unit: the changes are not given twice.
     */
    public JoinSnapshot takeChanges() {
        return JoinSnapshot.of(takeChangesInPlace());
    }

    /**
     * {@link #takeChanges}, read from the keys in place: no copy per key, valid (and encoded, on this thread) only
     * until the next {@link #accept} or {@link #expire}; reading it later throws.
     */
    public JoinState takeChangesInPlace() {
        return states.takeChanges(watermarks.unit(), watermarks.maxima(), () -> version);
    }

    /** Keys whose state changed since the last {@link #snapshot} or {@link #takeChanges}. */
    public int changedCount() {
        return states.changedCount();
    }

    /** Keys that hold some state: events or decided windows. */
    public int keyCount() {
        return states.size();
    }

    /** Accepts one event; returns what it and the watermark it moves settle (an unmodifiable list). */
    public List<JoinOutcome> accept(Event event, long nowMs) {
        start();
        SourcePosition source = event.source();
        long lateBound = watermarks.lateBound(source);
        if (event.timestampMs() > settings.plausibleUntil(nowMs)) {
            // Never observed: a time from far ahead would hold its input's watermark there until the clock caught up.
            outcomes.appending()
                    .add(new JoinOutcome.AheadOfClock(
                            event, nowMs, settings.maxAhead().toMillis()));
            advance(nowMs);
            return outcomes.take();
        }
        watermarks.observe(source, event.timestampMs(), nowMs);
        if (event.timestampMs() < lateBound && settings.late() != Policies.Late.JOIN) {
            outcomes.appending().add(new JoinOutcome.Late(event, settings.late(), lateBound));
        } else {
            keys.admit(event, outcomes.appending());
        }
        advance(nowMs);
        return outcomes.take();
    }

    /** Applies the wall clock (idle inputs) and returns the decisions that became due (an unmodifiable list). */
    public List<JoinOutcome> expire(long nowMs) {
        start();
        advance(nowMs);
        return outcomes.take();
    }

    /** Starts a call that may change the keys' states: its outcomes (with the restore's, the first time). */
    private void start() {
        version++;
        outcomes.start();
    }

    /** Whether decisions may come due with the wall clock alone: an idle timeout is set and events wait. */
    public boolean followsWallClock() {
        return settings.idleTimeout().toMillis() > 0 && held.count() > 0;
    }

    /** Events held, waiting for a decision. */
    public int waitingCount() {
        return held.count();
    }

    /** Estimated bytes of the held events. */
    public long heldBytes() {
        return held.bytes();
    }

    /** The inputs whose watermark runs ahead of the unit's: pausing them lets the others catch up. */
    public Set<InputPartition> inputsAhead() {
        return watermarks.ahead();
    }

    /** The highest event time read from each input partition that delivered (a new map; for input alignment). */
    public Map<InputPartition, Long> inputMaxima() {
        return watermarks.maxima();
    }

    /**
     * Counts an input partition as delivering at {@code nowMs} (a record of it was read, event or not), so
     * its silence for the idle timeout starts again.
     */
    public void delivering(String topic, int partition, long nowMs) {
        watermarks.delivering(topic, partition, nowMs);
    }

    /**
     * The task was not reading until {@code nowMs} (a restore, a stalled put()): no input counts that time
     * as silence, so a stall never looks like a caught-up input.
     */
    public void notReadingUntil(long nowMs) {
        watermarks.notReadingUntil(nowMs);
    }

    /** The inputs the task paused: their silence does not make them idle (counted again from resumption). */
    public void pausedInputs(Set<InputPartition> paused) {
        watermarks.paused(paused);
    }

    /**
     * Whether the unit has caught up at {@code nowMs}: every input quiet for the idle timeout and none
     * paused, so its watermark follows the clock (docs/join-semantics.md, "Quiet streams and backfills").
     * Always false without an idle timeout.
     */
    public boolean caughtUp(long nowMs) {
        return watermarks.allIdle(nowMs);
    }

    /** The unit's watermark, or {@link Long#MIN_VALUE} until every input has delivered. */
    public long watermarkMs() {
        return watermarks.unit();
    }

    private void advance(long nowMs) {
        keys.decide(watermarks.advance(nowMs), outcomes.appending());
    }
}
