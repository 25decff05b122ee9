package io.trainset.connect.join;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The correlation state of one join unit (partition N of every input topic): the events that wait
 * for their other side, by key. Pure logic: no I/O, no Connect types, time passed in.
 *
 * <p>Each input partition's watermark is the highest event timestamp read from it; the unit's
 * watermark is the lowest of its input partitions' watermarks (none until every input has
 * delivered), so a fast topic cannot time out events whose other side is merely read later. A
 * waiting event times out when the unit's watermark reaches its timestamp plus the timeout, or
 * when it has waited the timeout by the wall clock passed to {@link #accept} and {@link #expire}
 * (a quiet stream must not hold rows back forever). Not thread-safe: one task thread drives it.
 */
public final class JoinUnit {

    private static final Comparator<Waiting> BY_EVENT_DEADLINE = Comparator
            .comparingLong(Waiting::eventDeadline)
            .thenComparing(w -> w.event().source().topic())
            .thenComparingLong(w -> w.event().source().offset());

    private final JoinSettings settings;
    private final long timeoutMs;
    private final Map<String, Waiting> submitted = new HashMap<>();
    private final Map<String, Waiting> resolved = new HashMap<>();
    private final PriorityQueue<Waiting> byEventDeadline = new PriorityQueue<>(BY_EVENT_DEADLINE);
    private final ArrayDeque<Waiting> byArrival = new ArrayDeque<>();
    private final Map<InputPartition, Long> inputWatermarks = new HashMap<>();
    private long watermarkMs = Long.MIN_VALUE;

    /** A unit fed by {@code inputs}: partition N of every input topic. */
    public JoinUnit(JoinSettings settings, Set<InputPartition> inputs) {
        this.settings = settings;
        this.timeoutMs = settings.timeout().toMillis();
        inputs.forEach(input -> inputWatermarks.put(input, Long.MIN_VALUE));
    }

    /**
     * Accepts one event and returns what it settles: a match with the waiting other side, a
     * duplicate, and any waiting events that time out now. An event with no match waits.
     */
    public List<JoinOutcome> accept(Event event, long nowMs) {
        advanceWatermark(event);
        List<JoinOutcome> outcomes = new ArrayList<>(1);
        Map<String, Waiting> own = waitingOf(event.side());
        Waiting other = waitingOf(opposite(event.side())).remove(event.key());
        if (other != null) {
            outcomes.add(event.side() == Side.SUBMITTED
                    ? new JoinOutcome.Matched(event, other.event())
                    : new JoinOutcome.Matched(other.event(), event));
        } else if (own.containsKey(event.key())) {
            outcomes.add(new JoinOutcome.Duplicate(event));
        } else {
            Waiting waiting = new Waiting(event, saturatedAdd(event.timestampMs(), timeoutMs), nowMs);
            own.put(event.key(), waiting);
            byEventDeadline.add(waiting);
            byArrival.addLast(waiting);
        }
        expireInto(outcomes, nowMs);
        return outcomes;
    }

    /** Times out the events whose deadline has passed, by event time or by wall clock. */
    public List<JoinOutcome> expire(long nowMs) {
        List<JoinOutcome> outcomes = new ArrayList<>();
        expireInto(outcomes, nowMs);
        return outcomes;
    }

    /** Events waiting for their other side. */
    public int waitingCount() {
        return submitted.size() + resolved.size();
    }

    /** The lowest of the input partitions' highest timestamps; {@link Long#MIN_VALUE} until all delivered. */
    public long watermarkMs() {
        return watermarkMs;
    }

    private void advanceWatermark(Event event) {
        InputPartition input = InputPartition.of(event.source());
        Long previous = inputWatermarks.get(input);
        if (previous == null) {
            throw new IllegalArgumentException("Event " + event.source() + " is not from an input of this unit: "
                    + inputWatermarks.keySet());
        }
        if (event.timestampMs() > previous) {
            inputWatermarks.put(input, event.timestampMs());
            long lowest = Long.MAX_VALUE;
            for (long value : inputWatermarks.values()) {
                lowest = Math.min(lowest, value);
            }
            watermarkMs = lowest;
        }
    }

    private void expireInto(List<JoinOutcome> outcomes, long nowMs) {
        while (!byEventDeadline.isEmpty()) {
            Waiting head = byEventDeadline.peek();
            if (isWaiting(head) && head.eventDeadline() > watermarkMs) {
                break;
            }
            byEventDeadline.poll();
            settleIfWaiting(head, outcomes);
        }
        while (!byArrival.isEmpty()) {
            Waiting head = byArrival.peekFirst();
            if (isWaiting(head) && saturatedAdd(head.arrivedAtMs(), timeoutMs) > nowMs) {
                break;
            }
            byArrival.pollFirst();
            settleIfWaiting(head, outcomes);
        }
    }

    private void settleIfWaiting(Waiting waiting, List<JoinOutcome> outcomes) {
        if (!isWaiting(waiting)) {
            return;
        }
        Event event = waiting.event();
        waitingOf(event.side()).remove(event.key());
        outcomes.add(event.side() == Side.SUBMITTED
                ? new JoinOutcome.TimedOut(event, settings.timedOutPolicy() == TimedOutPolicy.EMIT)
                : new JoinOutcome.Orphaned(event));
    }

    private boolean isWaiting(Waiting waiting) {
        return waitingOf(waiting.event().side()).get(waiting.event().key()) == waiting;
    }

    private Map<String, Waiting> waitingOf(Side side) {
        return side == Side.SUBMITTED ? submitted : resolved;
    }

    private static Side opposite(Side side) {
        return side == Side.SUBMITTED ? Side.RESOLVED : Side.SUBMITTED;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A waiting event; compared by identity, so a later equal event is a different wait. */
    private static final class Waiting {
        private final Event event;
        private final long eventDeadline;
        private final long arrivedAtMs;

        Waiting(Event event, long eventDeadline, long arrivedAtMs) {
            this.event = event;
            this.eventDeadline = eventDeadline;
            this.arrivedAtMs = arrivedAtMs;
        }

        Event event() {
            return event;
        }

        long eventDeadline() {
            return eventDeadline;
        }

        long arrivedAtMs() {
            return arrivedAtMs;
        }
    }
}
