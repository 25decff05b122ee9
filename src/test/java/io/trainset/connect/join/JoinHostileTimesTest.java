package io.trainset.connect.join;

import static io.trainset.connect.join.JoinReferenceModel.rows;
import static io.trainset.connect.join.JoinReferenceModel.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.Gen;
import io.trainset.connect.testing.SeededCases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link JoinUnit} over hostile event times: far-future times are refused without
 * changing anything else, and no time, however extreme, throws or moves a watermark past the clock
 * plus {@link JoinSettings#maxAhead}.
 */
class JoinHostileTimesTest {

    private static final long NOW = JoinInputs.NOW;
    private static final long YEAR_9999 = 253_402_300_799_000L;

    /** Generated inputs, and far-future events to add to each partition. */
    record Poisoned(Input in, Map<InputPartition, List<Event>> future) {}

    /** Times beyond the default bound at {@link #NOW}: just beyond, placeholder dates, wrong units, the extreme. */
    private static long farFuture(Gen gen) {
        long bound = JoinSettings.DEFAULT_MAX_AHEAD.toMillis();
        return gen.oneOf(
                NOW + bound + 1,
                NOW + bound + gen.between(2, 1_000_000),
                YEAR_9999,
                NOW * 1_000,
                NOW * 1_000_000,
                Long.MAX_VALUE - gen.between(0, 100),
                gen.between(NOW + bound + 1, Long.MAX_VALUE));
    }

    private static Poisoned poisoned(Gen gen) {
        Input in = JoinUnitPropertiesTest.DETERMINISTIC_INPUTS.apply(gen);
        Map<InputPartition, List<Event>> future = new LinkedHashMap<>();
        in.partitions()
                .forEach((p, events) -> future.put(p, gen.list(0, 4, () -> {
                    Side side = p.equals(JoinInputs.RESOLUTIONS) ? Side.RESOLVED : Side.SUBMITTED;
                    String key = "k" + gen.between(1, 6);
                    // Offsets after the partition's own, which keep theirs; the clock event takes events.size().
                    return new Event(
                            side,
                            key,
                            farFuture(gen),
                            new SourcePosition(p.topic(), p.partition(), 1_000 + gen.between(0, 1_000_000)),
                            p.topic() + ":future");
                })));
        return new Poisoned(in, future);
    }

    @Test
    void farFutureEventsAreRefusedAndChangeNothingElse() {
        SeededCases.check(300, JoinHostileTimesTest::poisoned, JoinHostileTimesTest::refusedWithoutEffect);
    }

    private static void refusedWithoutEffect(Poisoned p) {
        Input in = p.in();
        Map<InputPartition, List<Event>> mixed = new LinkedHashMap<>();
        in.partitions().forEach((partition, events) -> {
            List<Event> all = new ArrayList<>(events);
            List<Event> future = p.future().get(partition);
            for (int i = 0; i < future.size(); i++) {
                all.add((int) (future.get(i).source().offset() % (all.size() + 1)), future.get(i));
            }
            mixed.put(partition, all);
        });
        JoinUnit unit = new JoinUnit(in.settings(), in.inputs(), NOW, event -> 0);
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (Event event : JoinInputs.interleave(mixed, in.order())) {
            outcomes.addAll(unit.accept(event, NOW));
            assertThat(unit.watermarkMs()).isLessThanOrEqualTo(in.settings().plausibleUntil(NOW));
        }
        outcomes.addAll(unit.expire(NOW));
        outcomes.removeIf(o -> o.events().stream().anyMatch(JoinInputs::isClock));

        List<JoinOutcome> expected = JoinReferenceModel.outcomes(in.settings(), in.partitions());
        assertThat(rows(outcomes)).as("rows").containsExactlyInAnyOrderElementsOf(rows(expected));
        assertThat(tags(outcomes)).as("orphaned, timed out, late").containsExactlyInAnyOrderElementsOf(tags(expected));
        List<JoinOutcome> refused = p.future().values().stream()
                .flatMap(List::stream)
                .map(e -> (JoinOutcome) new JoinOutcome.AheadOfClock(e, NOW, JoinSettings.DEFAULT_MAX_AHEAD.toMillis()))
                .toList();
        assertThat(outcomes)
                .filteredOn(o -> o instanceof JoinOutcome.AheadOfClock)
                .containsExactlyInAnyOrderElementsOf(refused);
    }

    /** Settings with any policy, grace, idle timeout and bound; events at any time; a clock that moves on. */
    record Run(JoinSettings settings, List<Event> events, List<Long> clockSteps, List<Boolean> restarts) {}

    private static long anyTime(Gen gen, long now) {
        return gen.weighted(
                new int[] {3, 3, 2, 2, 2, 1, 1},
                now - gen.between(0, 200),
                now + gen.between(0, 200),
                Long.MIN_VALUE + gen.between(0, 100),
                Long.MAX_VALUE - gen.between(0, 100),
                YEAR_9999,
                gen.oneOf(0L, -1L, 1L, now * 1_000),
                gen.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static Run run(Gen gen) {
        JoinSettings settings = JoinInputs.settings(
                        gen, EnumSet.allOf(Policies.Late.class), EnumSet.allOf(Policies.Versions.class))
                .withIdleTimeout(Duration.ofMillis(gen.oneOf(0, 0, 50)))
                .withMaxAhead(Duration.ofMillis(
                        gen.oneOf(0L, 1L, 100L, Duration.ofDays(1).toMillis(), Long.MAX_VALUE)));
        List<InputPartition> inputs = List.of(JoinInputs.ISSUES, JoinInputs.RESOLUTIONS);
        List<Event> events = new ArrayList<>();
        int count = gen.between(0, 40);
        for (int i = 0; i < count; i++) {
            InputPartition p = gen.oneOf(inputs);
            Side side = p.equals(JoinInputs.RESOLUTIONS) ? Side.RESOLVED : Side.SUBMITTED;
            events.add(new Event(
                    side,
                    "k" + gen.between(1, 3),
                    anyTime(gen, NOW),
                    new SourcePosition(p.topic(), p.partition(), i),
                    "v" + gen.between(1, 2)));
        }
        return new Run(
                settings,
                events,
                gen.list(count, count, () -> gen.oneOf(0L, 1L, 60L, 100_000L)),
                gen.list(count, count, () -> gen.chance(1, 20)));
    }

    @Test
    void extremeTimesNeverThrowNorMoveAWatermarkPastTheClockPlusTheBound() {
        SeededCases.check(300, JoinHostileTimesTest::run, JoinHostileTimesTest::saneWatermarks);
    }

    private static void saneWatermarks(Run run) {
        JoinSettings settings = run.settings();
        long now = NOW;
        JoinUnit unit = new JoinUnit(settings, Events.INPUTS, now, event -> 1);
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < run.events().size(); i++) {
            now += run.clockSteps().get(i);
            if (run.restarts().get(i)) {
                unit = JoinUnit.restore(
                        settings, Events.INPUTS, JoinSnapshotTest.throughTheCodec(unit.snapshot()), now, event -> 1);
                assertSane(unit, settings, now);
            }
            outcomes.addAll(unit.accept(run.events().get(i), now));
            assertSane(unit, settings, now);
            now++;
            outcomes.addAll(unit.expire(now));
            assertSane(unit, settings, now);
        }
        assertSettledAtMostOnce(run.events(), outcomes, unit.waitingCount());
    }

    /**
     * A checkpoint taken without a bound (as before it existed), restored under the run's bound: the
     * restored unit is sane at once, and every event fed before and after is settled at most once.
     */
    @Test
    void aRestoredUnitIsSaneWhateverItsCheckpointHolds() {
        SeededCases.check(300, JoinHostileTimesTest::run, run -> {
            JoinSettings unbounded = run.settings().withMaxAhead(Duration.ofMillis(Long.MAX_VALUE));
            int cut = run.events().size() / 2;
            JoinUnit before = new JoinUnit(unbounded, Events.INPUTS, NOW, event -> 1);
            List<JoinOutcome> outcomes = new ArrayList<>();
            run.events().subList(0, cut).forEach(e -> outcomes.addAll(before.accept(e, NOW)));
            long now =
                    NOW + run.clockSteps().stream().mapToLong(Long::longValue).sum();

            JoinUnit unit = JoinUnit.restore(run.settings(), Events.INPUTS, before.snapshot(), now, event -> 1);
            assertSane(unit, run.settings(), now);
            for (Event event : run.events().subList(cut, run.events().size())) {
                outcomes.addAll(unit.accept(event, now));
                assertSane(unit, run.settings(), now);
            }
            outcomes.addAll(unit.expire(now));
            assertSettledAtMostOnce(run.events(), outcomes, unit.waitingCount());
        });
    }

    /** The unit's watermark and its inputs' highest times are not beyond the clock plus the bound (plain checks: hot). */
    private static void assertSane(JoinUnit unit, JoinSettings settings, long now) {
        long bound = settings.plausibleUntil(now);
        JoinSnapshot snapshot = unit.snapshot();
        if (unit.watermarkMs() > bound
                || snapshot.inputMaxMs().values().stream().anyMatch(t -> t > bound)) {
            throw new AssertionError("At clock " + now + " a watermark is beyond " + bound + ": unit "
                    + unit.watermarkMs() + ", inputs " + snapshot.inputMaxMs());
        }
    }

    /** Each event in Matched rows or in one other outcome, never both; the rest still held. */
    private static void assertSettledAtMostOnce(List<Event> events, List<JoinOutcome> outcomes, int waiting) {
        Settlements settlements = Settlements.of(outcomes);
        int settled = 0;
        for (Event e : events) {
            int m = settlements.matched(e);
            int x = settlements.others(e);
            assertThat(x == 0 || x == 1 && m == 0)
                    .as("%s: in %d Matched and %d others", e, m, x)
                    .isTrue();
            settled += m + x > 0 ? 1 : 0;
        }
        assertThat(settled + waiting).as("settled and still held").isEqualTo(events.size());
    }
}
