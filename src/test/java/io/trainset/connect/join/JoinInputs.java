package io.trainset.connect.join;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of join inputs for one unit (issues-0, resolutions-0, sometimes issues2-0): random
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

    enum Kind { FORWARD, WITHIN_GRACE, LATE, DUPLICATE }

    /**
     * How to make the next event of a partition (made concrete by {@link #build}); a resolution with
     * {@code follow} takes the key of a submission near its time, when there is one.
     */
    record Step(Kind kind, int delta, int key, int version, boolean follow) {}

    /** Settings, each partition's events in its order (clocks not included), and two interleavings. */
    record Input(JoinSettings settings, Map<InputPartition, List<Event>> partitions,
                 List<Integer> order, List<Integer> otherOrder) {

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
            return String.format("%n  settings: before=%d after=%d grace=%d versions=%s resolutions=%s timedOut=%s "
                            + "orphan=%s late=%s%n  arrival: %s%n  other arrival: %s%n", s.before().toMillis(),
                    s.after().toMillis(), s.grace().toMillis(), s.versions(), s.resolutions(), s.timedOut(),
                    s.orphan(), s.late(), describe(arrival()), describe(otherArrival()));
        }
    }

    private JoinInputs() {}

    /** Inputs whose late policy is one of {@code lates} and versions policy one of {@code versions}. */
    static Arbitrary<Input> inputs(Collection<Policies.Late> lates, Collection<Policies.Versions> versions) {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(60, Kind.FORWARD), Tuple.of(20, Kind.WITHIN_GRACE),
                        Tuple.of(7, Kind.LATE), Tuple.of(13, Kind.DUPLICATE)),
                Arbitraries.integers().between(0, 40),
                Arbitraries.frequency(Tuple.of(1, 1), Tuple.of(4, 2), Tuple.of(4, 3), Tuple.of(2, 4), Tuple.of(1, 5),
                        Tuple.of(1, 6)),
                Arbitraries.integers().between(1, 3), Arbitraries.of(true, false)).as(Step::new);
        Arbitrary<List<Integer>> seeds = Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(40);
        return Combinators.combine(settings(lates, versions), steps(step, 12), steps(step, 12), steps(step, 8),
                        Arbitraries.of(false, false, true), seeds, seeds)
                .as((settings, issues, resolutions, issues2, withIssues2, order, otherOrder) -> {
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
                });
    }

    private static Arbitrary<List<Step>> steps(Arbitrary<Step> step, int max) {
        return step.list().ofMaxSize(max).withSizeDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<JoinSettings> settings(Collection<Policies.Late> lates, Collection<Policies.Versions> versions) {
        return Combinators.combine(
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 40)),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                        Tuple.of(2, Arbitraries.integers().between(1, 20)),
                        Tuple.of(5, Arbitraries.integers().between(20, 80))),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 30)),
                Arbitraries.of(versions), Arbitraries.of(Policies.Resolutions.class),
                Arbitraries.of(Policies.TimedOut.class), Arbitraries.of(Policies.Orphan.class), Arbitraries.of(lates))
                .as((before, after, grace, v, r, t, o, l) -> JoinSettings.of(Duration.ofMillis(after))
                        .withBefore(Duration.ofMillis(before)).withGrace(Duration.ofMillis(grace))
                        .with(v).with(r).with(t).with(o).with(l));
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
                long t = max == null ? BASE_T + 5 * (s.delta() % 3) : switch (s.kind()) {
                    case WITHIN_GRACE -> max - s.delta() % (grace + 1);
                    case LATE -> max - grace - 1 - s.delta() % 25;
                    default -> max + 5 * (s.delta() % 4);
                };
                int n = s.key();
                String key = "k" + (side == Side.SUBMITTED && n == 6 ? 1 : side == Side.RESOLVED && n == 1 ? 6 : n);
                List<Event> near = submissions.stream()
                        .filter(x -> !x.key().equals("k1") && Math.abs(x.timestampMs() - t) <= 40).toList();
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
            queue.addLast(new Event(side, CLOCK_PREFIX + "-" + p, CLOCK_T,
                    new SourcePosition(p.topic(), p.partition(), events.size()), "clock"));
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
        return e.source() + (e.side() == Side.SUBMITTED ? " S " : " R ") + e.key() + " t=" + e.timestampMs()
                + " " + e.payload();
    }
}
