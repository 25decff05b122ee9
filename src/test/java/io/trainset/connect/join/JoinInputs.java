package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.Gen;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Seeded generators ({@link Gen}) of join inputs for one unit (issues-0, resolutions-0, sometimes issues2-0): random
 * settings, per-partition event sequences (mostly increasing times, some out of order within the
 * grace, some late, exact redeliveries, several versions and resolutions per key, keys with one side
 * only) and random interleavings that keep each partition's order. Every interleaving ends each
 * partition with a clock event far in the future under a key that matches nothing, to close all windows.
 */
final class JoinInputs {

    static final InputPartition ISSUES = new InputPartition(Events.SUBMITTED_TOPIC, 0);
    static final InputPartition RESOLUTIONS = new InputPartition(Events.RESOLVED_TOPIC, 0);
    static final InputPartition ISSUES2 = new InputPartition("issues2", 0);
    static final long BASE_T = 10_000;
    static final long CLOCK_T = 1_000_000_000L;
    static final String CLOCK_PREFIX = "~clock";
    /** The wall clock of the runs: at the clock events' time, so every generated event is plausible. */
    static final long NOW = CLOCK_T;

    enum Kind {
        FORWARD,
        WITHIN_GRACE,
        LATE,
        DUPLICATE
    }

    /**
     * How to make the next event of a partition (made concrete by {@link #build}); a resolution with
     * {@code follow} takes the key of a submission near its time, when there is one.
     */
    record Step(Kind kind, int delta, int key, int version, boolean follow) {}

    /** Settings, each partition's events in its order (clocks not included), and two interleavings. */
    record Input(
            JoinSettings settings,
            Map<InputPartition, List<Event>> partitions,
            List<Integer> order,
            List<Integer> otherOrder) {

        Set<InputPartition> inputs() {
            return partitions.keySet();
        }

        List<Event> events() {
            return partitions.values().stream().flatMap(List::stream).toList();
        }

        List<Event> arrival() {
            return interleave(partitions, order);
        }

        List<Event> otherArrival() {
            return interleave(partitions, otherOrder);
        }

        @Override
        public String toString() {
            JoinSettings s = settings;
            return String.format(
                    "%n  settings: before=%d after=%d grace=%d versions=%s resolutions=%s timedOut=%s "
                            + "orphan=%s late=%s early=%d%n  arrival: %s%n  other arrival: %s%n",
                    s.before().toMillis(),
                    s.after().toMillis(),
                    s.grace().toMillis(),
                    s.versions(),
                    s.resolutions(),
                    s.timedOut(),
                    s.orphan(),
                    s.late(),
                    s.early().toMillis(),
                    describe(arrival()),
                    describe(otherArrival()));
        }
    }

    private JoinInputs() {}

    /** Inputs whose late policy is one of {@code lates} and versions policy one of {@code versions}. */
    static Function<Gen, Input> inputs(Collection<Policies.Late> lates, Collection<Policies.Versions> versions) {
        return gen -> {
            JoinSettings settings = settings(gen, lates, versions);
            List<Step> issues = steps(gen, 12);
            List<Step> resolutions = steps(gen, 12);
            List<Step> issues2 = steps(gen, 8);
            boolean withIssues2 = gen.chance(1, 3);
            List<Integer> order = seeds(gen);
            List<Integer> otherOrder = seeds(gen);
            long grace = settings.grace().toMillis();
            Map<InputPartition, List<Event>> partitions = new LinkedHashMap<>();
            List<Event> submissions = new ArrayList<>(build(ISSUES, Side.SUBMITTED, issues, grace, List.of()));
            partitions.put(ISSUES, List.copyOf(submissions));
            if (withIssues2) {
                partitions.put(ISSUES2, build(ISSUES2, Side.SUBMITTED, issues2, grace, List.of()));
                submissions.addAll(partitions.get(ISSUES2));
            }
            partitions.put(RESOLUTIONS, build(RESOLUTIONS, Side.RESOLVED, resolutions, grace, submissions));
            return new Input(settings, partitions, order, otherOrder);
        };
    }

    private static List<Step> steps(Gen gen, int max) {
        return gen.list(
                0,
                max,
                () -> new Step(
                        gen.weighted(
                                new int[] {60, 20, 7, 13}, Kind.FORWARD, Kind.WITHIN_GRACE, Kind.LATE, Kind.DUPLICATE),
                        gen.between(0, 40),
                        gen.weighted(new int[] {1, 4, 4, 2, 1, 1}, 1, 2, 3, 4, 5, 6),
                        gen.between(1, 3),
                        gen.bool()));
    }

    /** How an interleaving picks the next partition: a cycle of 1 to 40 choices. */
    private static List<Integer> seeds(Gen gen) {
        return gen.list(1, 40, () -> gen.between(0, 5));
    }

    static JoinSettings settings(Gen gen, Collection<Policies.Late> lates, Collection<Policies.Versions> versions) {
        int before = gen.bool() ? 0 : gen.between(1, 40);
        int afterRange = gen.weighted(new int[] {1, 2, 5}, 0, 1, 2);
        int after = afterRange == 0 ? 0 : afterRange == 1 ? gen.between(1, 20) : gen.between(20, 80);
        int grace = gen.bool() ? 0 : gen.between(1, 30);
        return JoinSettings.of(Duration.ofMillis(after))
                .withBefore(Duration.ofMillis(before))
                .withGrace(Duration.ofMillis(grace))
                .with(gen.oneOf(List.copyOf(versions)))
                .with(gen.oneOf(Policies.Resolutions.values()))
                .with(gen.oneOf(Policies.TimedOut.values()))
                .with(gen.oneOf(Policies.Orphan.values()))
                .with(gen.oneOf(List.copyOf(lates)));
    }

    /**
     * The events of one partition. Keys k1..k6, mostly k2..k4; k1 is never resolved, k6 never
     * submitted; with {@code follow}, a resolution takes the key (not k1) of one of {@code submissions}
     * within 40 ms of its time. Payloads carry the topic, so events of different partitions are never
     * equal: only redeliveries within a partition are duplicates.
     */
    static List<Event> build(InputPartition p, Side side, List<Step> steps, long grace, List<Event> submissions) {
        List<Event> events = new ArrayList<>();
        Long max = null;
        for (Step s : steps) {
            SourcePosition position = new SourcePosition(p.topic(), p.partition(), events.size());
            Event e;
            if (s.kind() == Kind.DUPLICATE && !events.isEmpty()) {
                Event original = events.get(s.delta() % events.size());
                e = new Event(original.side(), original.key(), original.timestampMs(), position, original.payload());
            } else {
                // forward steps on a grid of 5 ms so that times of both sides often coincide
                long t = max == null
                        ? BASE_T + 5 * (s.delta() % 3)
                        : switch (s.kind()) {
                            case WITHIN_GRACE -> max - s.delta() % (grace + 1);
                            case LATE -> max - grace - 1 - s.delta() % 25;
                            default -> max + 5 * (s.delta() % 4);
                        };
                int n = s.key();
                String key = "k" + (side == Side.SUBMITTED && n == 6 ? 1 : side == Side.RESOLVED && n == 1 ? 6 : n);
                List<Event> near = submissions.stream()
                        .filter(x -> !x.key().equals("k1") && Math.abs(x.timestampMs() - t) <= 40)
                        .toList();
                if (s.follow() && !near.isEmpty()) {
                    key = near.get(s.delta() % near.size()).key();
                }
                String payload = p.topic() + (side == Side.SUBMITTED ? ":v" : ":r") + s.version();
                e = new Event(side, key, t, position, payload);
            }
            events.add(e);
            max = max == null ? e.timestampMs() : Math.max(max, e.timestampMs());
        }
        return events;
    }

    /** An interleaving of the partitions (each in its order, each ended by its clock event), chosen by seeds. */
    static List<Event> interleave(Map<InputPartition, List<Event>> partitions, List<Integer> seeds) {
        List<Deque<Event>> queues = new ArrayList<>();
        partitions.forEach((p, events) -> {
            Deque<Event> queue = new ArrayDeque<>(events);
            Side side = p.topic().startsWith(Events.RESOLVED_TOPIC) ? Side.RESOLVED : Side.SUBMITTED;
            queue.addLast(new Event(
                    side,
                    CLOCK_PREFIX + "-" + p,
                    CLOCK_T,
                    new SourcePosition(p.topic(), p.partition(), events.size()),
                    "clock"));
            queues.add(queue);
        });
        List<Event> arrival = new ArrayList<>();
        for (int i = 0; queues.stream().anyMatch(q -> !q.isEmpty()); i++) {
            List<Deque<Event>> open = queues.stream().filter(q -> !q.isEmpty()).toList();
            int seed = seeds.isEmpty() ? 0 : seeds.get(i % seeds.size());
            arrival.add(open.get(seed % open.size()).pollFirst());
        }
        return arrival;
    }

    static boolean isClock(Event e) {
        return e.key().startsWith(CLOCK_PREFIX);
    }

    static String describe(List<Event> events) {
        return events.stream().map(JoinInputs::describe).collect(Collectors.joining(", "));
    }

    static String describe(Event e) {
        return e.source() + (e.side() == Side.SUBMITTED ? " S " : " R ") + e.key() + " t=" + e.timestampMs() + " "
                + e.payload();
    }
}
