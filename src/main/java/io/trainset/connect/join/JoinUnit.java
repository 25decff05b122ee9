package io.trainset.connect.join;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The correlation state of one join unit (partition N of every input topic). Pure logic: no I/O,
 * no Connect types, time passed in. Semantics: docs/join-semantics.md. Every decision waits until
 * the unit's watermark passes its decision point, so the rows do not depend on how the inputs'
 * records interleave. Not thread-safe: one task thread drives it.
 */
public final class JoinUnit {

    /** A key to re-evaluate once the watermark passes {@code point}; stale when the key's stamp moved on. */
    private record Due(long point, String key, long stamp) {}

    private static final Comparator<Due> BY_POINT = Comparator.comparingLong(Due::point).thenComparing(Due::key);

    private final JoinSettings settings;
    private final Watermarks watermarks;
    private final ToLongFunction<Event> sizer;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>(BY_POINT);
    private long heldBytes;
    private int heldCount;

    /** A unit fed by {@code inputs} whose held events are sized by {@code sizer} (for the memory bound). */
    public JoinUnit(JoinSettings settings, Set<InputPartition> inputs, long nowMs, ToLongFunction<Event> sizer) {
        this.settings = settings;
        this.watermarks = new Watermarks(inputs, settings.grace().toMillis(), settings.idleTimeout().toMillis(), nowMs);
        this.sizer = sizer;
    }

    public JoinUnit(JoinSettings settings, Set<InputPartition> inputs) {
        this(settings, inputs, 0, event -> 0);
    }

    /** A unit that continues from {@code snapshot} as the unit that took it would have continued. */
    public static JoinUnit restore(JoinSettings settings, Set<InputPartition> inputs, JoinSnapshot snapshot,
                                   long nowMs, ToLongFunction<Event> sizer) {
        JoinUnit unit = new JoinUnit(settings, inputs, nowMs, sizer);
        unit.watermarks.restore(snapshot.unitWatermarkMs(), snapshot.inputMaxMs());
        for (JoinSnapshot.KeySnapshot key : snapshot.keys()) {
            KeyState state = KeyState.restore(settings, key);
            unit.keys.put(key.key(), state);
            for (Event event : key.versions()) {
                unit.hold(event);
            }
            for (Event event : key.resolutions()) {
                unit.hold(event);
            }
            unit.schedule(key.key(), state);
        }
        return unit;
    }

    /** The unit's durable state: watermarks and every key's held events and decided windows. */
    public JoinSnapshot snapshot() {
        List<JoinSnapshot.KeySnapshot> states = new ArrayList<>(keys.size());
        new java.util.TreeMap<>(keys).forEach((key, state) -> states.add(state.snapshot(key)));
        return new JoinSnapshot(watermarks.unit(), watermarks.maxima(), states);
    }

    /** Accepts one event; returns what it and the watermark it moves settle. */
    public List<JoinOutcome> accept(Event event, long nowMs) {
        List<JoinOutcome> out = new ArrayList<>(2);
        InputPartition input = InputPartition.of(event.source());
        long lateBound = watermarks.lateBound(input, event.source());
        watermarks.observe(input, event.timestampMs(), nowMs);
        if (event.timestampMs() < lateBound && settings.late() != Policies.Late.JOIN) {
            out.add(new JoinOutcome.Late(event, settings.late(), lateBound));
        } else {
            admit(event, out);
        }
        advance(nowMs, out);
        return out;
    }

    /** Applies the wall clock (idle inputs) and returns the decisions that became due. */
    public List<JoinOutcome> expire(long nowMs) {
        List<JoinOutcome> out = new ArrayList<>();
        advance(nowMs, out);
        return out;
    }

    /** Events held, waiting for a decision. */
    public int waitingCount() {
        return heldCount;
    }

    /** Estimated bytes of the held events. */
    public long heldBytes() {
        return heldBytes;
    }

    /** The inputs whose watermark runs ahead of the unit's: pausing them lets the others catch up. */
    public Set<InputPartition> inputsAhead() {
        return watermarks.ahead();
    }

    /** The unit's watermark, or {@link Long#MIN_VALUE} until every input has delivered. */
    public long watermarkMs() {
        return watermarks.unit();
    }

    private void admit(Event event, List<JoinOutcome> out) {
        KeyState state = keys.computeIfAbsent(event.key(), k -> new KeyState(settings));
        JoinOutcome immediate = state.admit(event);
        if (immediate != null) {
            out.add(immediate);
        } else {
            hold(event);
        }
        schedule(event.key(), state);
    }

    private void hold(Event event) {
        heldBytes += sizer.applyAsLong(event);
        heldCount++;
    }

    private void advance(long nowMs, List<JoinOutcome> out) {
        long watermark = watermarks.advance(nowMs);
        while (!due.isEmpty() && due.peek().point() < watermark) {
            Due next = due.poll();
            KeyState state = keys.get(next.key());
            if (state == null || state.stamp != next.stamp()) {
                continue;
            }
            int from = out.size();
            state.evaluate(watermark, out);
            release(out.subList(from, out.size()));
            if (state.isEmpty()) {
                keys.remove(next.key());
            } else {
                schedule(next.key(), state);
            }
        }
    }

    private void release(List<JoinOutcome> decided) {
        Set<Event> released = Collections.newSetFromMap(new IdentityHashMap<>());
        for (JoinOutcome outcome : decided) {
            released.addAll(outcome.events());
        }
        for (Event event : released) {
            heldBytes -= sizer.applyAsLong(event);
            heldCount--;
        }
    }

    private void schedule(String key, KeyState state) {
        long point = state.nextDecision();
        state.stamp++;
        if (point != Long.MAX_VALUE) {
            due.add(new Due(point, key, state.stamp));
        }
    }
}
