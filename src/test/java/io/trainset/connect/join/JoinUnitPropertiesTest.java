package io.trainset.connect.join;

import static io.trainset.connect.join.Events.resolved;
import static io.trainset.connect.join.Events.submitted;
import static io.trainset.connect.join.JoinReferenceModel.rows;
import static io.trainset.connect.join.JoinReferenceModel.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.join.JoinReferenceModel.Row;
import io.trainset.connect.join.JoinReferenceModel.Tag;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.Gen;
import io.trainset.connect.testing.SeededCases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link JoinUnit} against the join spec, with {@link JoinReferenceModel} as the
 * oracle: random settings, per-partition sequences and interleavings from {@link JoinInputs}, 300
 * seeded cases per property ({@link SeededCases}).
 */
class JoinUnitPropertiesTest {

    private static final Set<Policies.Late> DETERMINISTIC = EnumSet.of(Policies.Late.DLQ, Policies.Late.DROP);

    private static final int CASES = 300;
    static final Function<Gen, Input> DETERMINISTIC_INPUTS =
            JoinInputs.inputs(DETERMINISTIC, EnumSet.allOf(Policies.Versions.class));
    static final Function<Gen, Input> ANY_LATE_POLICY =
            JoinInputs.inputs(EnumSet.allOf(Policies.Late.class), EnumSet.allOf(Policies.Versions.class));
    private static final Function<Gen, Input> LATEST_VERSIONS =
            JoinInputs.inputs(DETERMINISTIC, EnumSet.of(Policies.Versions.LATEST));

    private static void forDeterministic(int cases, Consumer<Input> property) {
        SeededCases.check(cases, DETERMINISTIC_INPUTS, property);
    }

    @Test
    void equalToTheModel() {
        forDeterministic(CASES, JoinUnitPropertiesTest::equalToTheModel);
    }

    private static void equalToTheModel(Input in) {
        List<JoinOutcome> expected = JoinReferenceModel.outcomes(in.settings(), in.partitions());
        List<JoinOutcome> actual = run(in, in.arrival());
        assertThat(rows(actual)).as("rows").containsExactlyInAnyOrderElementsOf(rows(expected));
        assertThat(tags(actual))
                .as("orphaned, timed out (not emitted), late")
                .containsExactlyInAnyOrderElementsOf(tags(expected));
    }

    @Test
    void identicalAcrossInterleavings() {
        forDeterministic(CASES, JoinUnitPropertiesTest::identicalAcrossInterleavings);
    }

    private static void identicalAcrossInterleavings(Input in) {
        List<JoinOutcome> one = run(in, in.arrival());
        List<JoinOutcome> other = run(in, in.otherArrival());
        assertThat(rows(other)).as("rows").containsExactlyInAnyOrderElementsOf(rows(one));
        assertThat(tags(other))
                .as("orphaned, timed out (not emitted), late")
                .containsExactlyInAnyOrderElementsOf(tags(one));
    }

    @Test
    void nothingLost() {
        SeededCases.check(
                CASES, ANY_LATE_POLICY, in -> assertSettledOnce(in.settings(), in.events(), run(in, in.arrival())));
    }

    @Test
    void noLabelLeakWithLatestVersions() {
        SeededCases.check(CASES, LATEST_VERSIONS, JoinUnitPropertiesTest::noLabelLeak);
    }

    private static void noLabelLeak(Input in) {
        Map<String, List<JoinReferenceModel.Case>> cases = JoinReferenceModel.cases(in.settings(), in.partitions());
        for (JoinOutcome outcome : run(in, in.arrival())) {
            if (outcome instanceof JoinOutcome.Matched m
                    && m.submitted().timestampMs() > m.resolved().timestampMs()) {
                boolean earliest = cases.getOrDefault(m.submitted().key(), List.of()).stream()
                        .anyMatch(c -> sameContent(c.versions().get(0), m.submitted()));
                assertThat(earliest)
                        .as("version after its resolution and not the case's earliest: %s", m)
                        .isTrue();
            }
        }
    }

    @Test
    void theModelSettlesEveryEventOnce() {
        forDeterministic(
                100,
                in -> assertSettledOnce(
                        in.settings(), in.events(), JoinReferenceModel.outcomes(in.settings(), in.partitions())));
    }

    // ---- the model itself, by hand-written examples ----

    @Test
    void modelFirstResolutionCountsTheResolutionsUpToTheDecisionPoint() {
        JoinSettings settings = JoinSettings.of(Duration.ofMillis(100)).withBefore(Duration.ofMillis(20));
        List<JoinOutcome> out = model(
                settings,
                List.of(submitted("k", 100, 0, "v1")),
                List.of(resolved("k", 85, 0, "r1"), resolved("k", 95, 1, "r2"), resolved("k", 150, 2, "r3")));
        assertThat(rows(out)).containsExactly(matched("k", "v1", 100, "r1", 85, 2));
        assertThat(tags(out)).isEmpty();
    }

    @Test
    void modelLatestVersionIsNeverAfterTheResolutionUnlessItIsTheEarliest() {
        JoinSettings settings = JoinSettings.of(Duration.ofMillis(100))
                .withBefore(Duration.ofMillis(20))
                .with(Policies.Versions.LATEST)
                .with(Policies.Resolutions.ALL);
        List<JoinOutcome> out = model(
                settings,
                List.of(submitted("k", 100, 0, "v1"), submitted("k", 120, 1, "v2"), submitted("k", 160, 2, "v3")),
                List.of(resolved("k", 90, 0, "r1"), resolved("k", 130, 1, "r2")));
        assertThat(rows(out))
                .containsExactlyInAnyOrder(matched("k", "v1", 100, "r1", 90, 2), matched("k", "v2", 120, "r2", 130, 2));
    }

    @Test
    void modelChainsCasesGreedilyAndGivesOverlapsToTheEarliestCase() {
        JoinSettings settings = JoinSettings.of(Duration.ofMillis(50))
                .withBefore(Duration.ofMillis(10))
                .with(Policies.Resolutions.LAST)
                .with(Policies.TimedOut.DLQ);
        List<JoinOutcome> out = model(
                settings,
                List.of(
                        submitted("k", 100, 0, "v1"),
                        submitted("k", 140, 1, "v2"),
                        submitted("k", 151, 2, "v3"),
                        submitted("k", 160, 3, "v4"),
                        submitted("k", 300, 4, "v5")),
                List.of(
                        resolved("k", 145, 0, "r1"),
                        resolved("k", 149, 1, "r2"),
                        resolved("k", 155, 2, "r3"),
                        resolved("k", 240, 3, "r4")));
        assertThat(rows(out))
                .containsExactlyInAnyOrder(
                        matched("k", "v1", 100, "r2", 149, 2), matched("k", "v3", 151, "r3", 155, 1));
        assertThat(tags(out))
                .containsExactlyInAnyOrder(new Tag("orphaned", "k", 240, "DLQ"), new Tag("timed_out", "k", 300, "DLQ"));
    }

    @Test
    void modelReportsLateEventsPerPartitionAndDropsDuplicates() {
        JoinSettings settings = JoinSettings.of(Duration.ofMillis(100))
                .withGrace(Duration.ofMillis(5))
                .with(Policies.Late.DROP);
        List<JoinOutcome> out = model(
                settings,
                List.of(
                        submitted("k1", 100, 0, "v1"),
                        submitted("k1", 100, 1, "v1"),
                        submitted("k2", 120, 2, "v1"),
                        submitted("k3", 110, 3, "v1"),
                        submitted("k3", 116, 4, "v2")),
                List.of(resolved("k9", 50, 0, "r1"), resolved("k1", 130, 1, "r1"), resolved("k1", 130, 2, "r1")));
        assertThat(rows(out))
                .containsExactlyInAnyOrder(
                        matched("k1", "v1", 100, "r1", 130, 1),
                        new Row("timed_out", "k2", "v1", 120, null, null, 0, 1),
                        new Row("timed_out", "k3", "v2", 116, null, null, 0, 1));
        assertThat(tags(out))
                .containsExactlyInAnyOrder(new Tag("late", "k3", 110, "DROP"), new Tag("orphaned", "k9", 50, "DLQ"));
        assertThat(out).filteredOn(o -> o instanceof JoinOutcome.Duplicate).hasSize(2);
    }

    // ---- helpers ----

    /**
     * Feeds the arrival order to a fresh unit (the wall clock standing at {@link JoinInputs#NOW}: no idle
     * timeout, every event plausible), dropping outcomes about clock events.
     */
    static List<JoinOutcome> run(Input in, List<Event> arrival) {
        JoinUnit unit = new JoinUnit(in.settings(), in.inputs(), JoinInputs.NOW, event -> 0);
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (Event event : arrival) {
            outcomes.addAll(unit.accept(event, JoinInputs.NOW));
        }
        outcomes.addAll(unit.expire(JoinInputs.NOW));
        return outcomes.stream()
                .filter(o -> o.events().stream().noneMatch(JoinInputs::isClock))
                .toList();
    }

    private static List<JoinOutcome> model(JoinSettings settings, List<Event> issues, List<Event> resolutions) {
        Map<InputPartition, List<Event>> partitions = new LinkedHashMap<>();
        partitions.put(JoinInputs.ISSUES, issues);
        partitions.put(JoinInputs.RESOLUTIONS, resolutions);
        List<JoinOutcome> out = JoinReferenceModel.outcomes(settings, partitions);
        assertSettledOnce(
                settings, partitions.values().stream().flatMap(List::stream).toList(), out);
        return out;
    }

    /** Every event in >= 1 Matched or in exactly one other outcome, never both; no outcome about an unknown event. */
    static void assertSettledOnce(JoinSettings settings, List<Event> events, List<JoinOutcome> outcomes) {
        Settlements settlements = Settlements.of(outcomes);
        Set<SourcePosition> known = new HashSet<>();
        for (Event e : events) {
            known.add(e.source());
            int m = settlements.matched(e);
            int x = settlements.others(e);
            String where = String.format(
                    "%s: in %d Matched and %d other outcomes: %s",
                    JoinInputs.describe(e),
                    m,
                    x,
                    outcomes.stream().filter(o -> o.events().contains(e)).toList());
            assertThat(x == 1 ? m == 0 : x == 0 && m >= 1).as(where).isTrue();
            boolean severalRowsAllowed =
                    settings.resolutions() == Policies.Resolutions.ALL && e.side() == Side.SUBMITTED;
            assertThat(m <= 1 || severalRowsAllowed).as(where).isTrue();
        }
        assertThat(known)
                .as("outcomes only about fed events")
                .containsAll(settlements.matched().keySet())
                .containsAll(settlements.others().keySet());
    }

    private static boolean sameContent(Event a, Event b) {
        return a.side() == b.side()
                && a.key().equals(b.key())
                && a.timestampMs() == b.timestampMs()
                && Objects.equals(a.payload(), b.payload());
    }

    private static Row matched(String key, String version, long t, String label, long resolvedT, int count) {
        return new Row("matched", key, version, t, label, resolvedT, count, 1);
    }
}
