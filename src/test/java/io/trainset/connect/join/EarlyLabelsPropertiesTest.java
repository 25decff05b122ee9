package io.trainset.connect.join;

import static io.trainset.connect.join.JoinReferenceModel.rows;
import static io.trainset.connect.join.JoinReferenceModel.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.join.JoinReferenceModel.Row;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import io.trainset.connect.testing.Gen;
import io.trainset.connect.testing.SeededCases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties of the early-label mode (docs/join-semantics.md, "Early labels") against {@link JoinReferenceModel}:
 * random settings with an early window below the join window, random inputs and interleavings, 300 seeded cases
 * each. With the mode on, the rows are the mode-off rows plus at most one provisional row per case, each before its
 * case's final outcome, only for cases unresolved at their early point.
 */
class EarlyLabelsPropertiesTest {

    private static final int CASES = 300;

    /** Deterministic inputs with an early window in [1, after - 1] when the window allows one (else off). */
    static final Function<Gen, Input> EARLY_INPUTS = withEarly(JoinUnitPropertiesTest.DETERMINISTIC_INPUTS);

    /** As {@link #EARLY_INPUTS}, with every late policy (for properties that hold under best-effort joins too). */
    static final Function<Gen, Input> EARLY_ANY_LATE_POLICY = withEarly(JoinUnitPropertiesTest.ANY_LATE_POLICY);

    private static Function<Gen, Input> withEarly(Function<Gen, Input> inputs) {
        return gen -> {
            Input in = inputs.apply(gen);
            long after = in.settings().after().toMillis();
            long early = after < 2 ? 0 : gen.between(1L, after - 1);
            return new Input(
                    in.settings().withEarly(Duration.ofMillis(early)), in.partitions(), in.order(), in.otherOrder());
        };
    }

    @Test
    void equalToTheModel() {
        int[] provisional = {0};
        SeededCases.check(CASES, EARLY_INPUTS, in -> {
            List<JoinOutcome> expected = JoinReferenceModel.outcomes(in.settings(), in.partitions());
            List<JoinOutcome> actual = JoinUnitPropertiesTest.run(in, in.arrival());
            assertThat(rows(actual))
                    .as("rows, early %s", in.settings().early())
                    .containsExactlyInAnyOrderElementsOf(rows(expected));
            assertThat(tags(actual)).containsExactlyInAnyOrderElementsOf(tags(expected));
            provisional[0] += (int) actual.stream()
                    .filter(o -> o instanceof JoinOutcome.Provisional)
                    .count();
        });
        assertThat(provisional[0])
                .as("the generated inputs have provisional rows")
                .isGreaterThan(CASES);
    }

    @Test
    void identicalAcrossInterleavings() {
        SeededCases.check(
                CASES,
                EARLY_INPUTS,
                in -> assertThat(rows(JoinUnitPropertiesTest.run(in, in.otherArrival())))
                        .as("early %s", in.settings().early())
                        .containsExactlyInAnyOrderElementsOf(rows(JoinUnitPropertiesTest.run(in, in.arrival()))));
    }

    /** The mode adds provisional rows and changes nothing else but the final rows' version. */
    @Test
    void theModeOffRowsPlusProvisionalOnes() {
        SeededCases.check(CASES, EARLY_INPUTS, in -> {
            List<Row> on = rows(JoinUnitPropertiesTest.run(in, in.arrival()));
            Input off = new Input(in.settings().withEarly(Duration.ZERO), in.partitions(), in.order(), in.otherOrder());
            List<Row> finals = on.stream()
                    .filter(r -> !r.status().equals("provisional"))
                    .map(Row::withoutEarlyLabels)
                    .toList();
            assertThat(finals)
                    .as("early %s", in.settings().early())
                    .containsExactlyInAnyOrderElementsOf(rows(JoinUnitPropertiesTest.run(off, off.arrival())));
        });
    }

    /**
     * Each provisional outcome comes before its case's final outcome (same key), once per case, only for a case
     * without a resolution at or before its early point, with the version a timeout at that point would take; the
     * final outcomes of that case are version 2, all others version 1.
     */
    @Test
    void oneProvisionalRowBeforeTheFinalOneOnlyForCasesUnresolvedAtTheEarlyPoint() {
        SeededCases.check(CASES, EARLY_INPUTS, EarlyLabelsPropertiesTest::provisionalRowsFollowTheRule);
    }

    private static void provisionalRowsFollowTheRule(Input in) {
        List<JoinOutcome> outcomes = JoinUnitPropertiesTest.run(in, in.arrival());
        long early = in.settings().early().toMillis();
        Map<String, JoinOutcome.Provisional> open = new HashMap<>();
        List<Long> anchors = new ArrayList<>();
        for (JoinOutcome outcome : outcomes) {
            if (outcome instanceof JoinOutcome.Provisional p) {
                assertThat(in.settings().earlyLabels()).isTrue();
                assertThat(open.put(p.submitted().key(), p))
                        .as("one provisional row per case, before its final one: %s", p)
                        .isNull();
                anchors.add(p.earlyPointMs() - early);
                assertProvisionalVersion(in, p);
            }
            String key = finalKey(outcome);
            if (key != null) {
                int version = finalVersion(outcome);
                JoinOutcome.Provisional before = open.get(key);
                assertThat(version).as("label version of %s", outcome).isEqualTo(before == null ? 1 : 2);
                if (before != null && !(outcome instanceof JoinOutcome.Matched m && moreRowsOfTheCase(m, outcomes))) {
                    open.remove(key);
                }
            }
        }
        assertThat(open)
                .as("every provisional row has a final outcome after it")
                .isEmpty();
        Map<String, List<JoinReferenceModel.Case>> cases = JoinReferenceModel.cases(in.settings(), in.partitions());
        for (long anchor : anchors) {
            assertThat(cases.values().stream().flatMap(List::stream).anyMatch(c -> c.anchor() == anchor))
                    .as("a provisional row's early point is its case's anchor + early")
                    .isTrue();
        }
    }

    /** The key of a case's final outcome (a match or a timeout), or null. */
    private static String finalKey(JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.Matched m) {
            return m.submitted().key();
        }
        return outcome instanceof JoinOutcome.TimedOut t ? t.submitted().key() : null;
    }

    /** Under {@code join.resolutions=all} a case has several matches in a row: the case closes at its last. */
    private static boolean moreRowsOfTheCase(JoinOutcome.Matched m, List<JoinOutcome> outcomes) {
        int at = outcomes.indexOf(m);
        return at + 1 < outcomes.size()
                && outcomes.get(at + 1) instanceof JoinOutcome.Matched next
                && next.submitted().key().equals(m.submitted().key())
                && next.resolutionCount() == m.resolutionCount()
                && next.labelVersion() == m.labelVersion();
    }

    /** The case of a provisional row had no resolution at or before its early point; its version is the rule's. */
    private static void assertProvisionalVersion(Input in, JoinOutcome.Provisional p) {
        long anchor = p.earlyPointMs() - in.settings().early().toMillis();
        JoinReferenceModel.Case owner =
                JoinReferenceModel.cases(in.settings(), in.partitions())
                        .getOrDefault(p.submitted().key(), List.of())
                        .stream()
                        .filter(c -> c.anchor() == anchor)
                        .findFirst()
                        .orElseThrow();
        List<JoinOutcome> reference = JoinReferenceModel.outcomes(in.settings(), in.partitions());
        assertThat(reference).as("the reference has this provisional outcome").contains(p);
        Event expected = owner.versions().get(0);
        for (Event version : owner.versions()) {
            if (in.settings().versions() == Policies.Versions.LATEST && version.timestampMs() <= p.earlyPointMs()) {
                expected = version;
            }
        }
        assertThat(p.submitted()).isEqualTo(expected);
    }

    /** Early inputs under join.late.policy=join: late versions start or extend cases of keys with a flagged case. */
    static final Function<Gen, Input> EARLY_LATE_JOIN =
            withEarly(JoinInputs.inputs(EnumSet.of(Policies.Late.JOIN), EnumSet.allOf(Policies.Versions.class)));

    /**
     * join.late.policy=join: at most one provisional row per case (no submission record is in two, and no two of a
     * key's open ones share an anchor time), and a final outcome of version 2 only after a provisional row of its key that no final outcome
     * closed yet (it closes the earliest: a late earlier case is decided at once, the held one later); every
     * provisional row is closed by one in the end. (A late event redelivered after its case was decided is a case
     * again, under this best-effort policy with or without the mode.)
     */
    @Test
    void underLateJoinsOneProvisionalRowPerCaseAndVersionTwoOnlyAfterOne() {
        int[] provisional = {0};
        SeededCases.check(CASES, EARLY_LATE_JOIN, in -> {
            List<JoinOutcome> outcomes = JoinUnitPropertiesTest.run(in, in.arrival());
            long early = in.settings().early().toMillis();
            Map<String, TreeSet<Long>> open = new HashMap<>();
            Set<Object> sources = new HashSet<>();
            for (JoinOutcome outcome : outcomes) {
                if (outcome instanceof JoinOutcome.Provisional p) {
                    provisional[0]++;
                    assertThat(sources.add(p.submitted().source()))
                            .as("a submission in one provisional row: %s", p)
                            .isTrue();
                    assertThat(open.computeIfAbsent(p.submitted().key(), k -> new TreeSet<>())
                                    .add(p.earlyPointMs() - early))
                            .as("one provisional row per case anchor: %s", p)
                            .isTrue();
                }
                String key = finalKey(outcome);
                if (key != null && finalVersion(outcome) == 2) {
                    TreeSet<Long> anchors = open.getOrDefault(key, new TreeSet<>());
                    assertThat(anchors)
                            .as("version 2 only after a provisional row: %s", outcome)
                            .isNotEmpty();
                    if (!(outcome instanceof JoinOutcome.Matched m && moreRowsOfTheCase(m, outcomes))) {
                        anchors.pollFirst();
                    }
                }
            }
            assertThat(open.values())
                    .as("every provisional row has its final outcome")
                    .allMatch(Set::isEmpty);
        });
        assertThat(provisional[0])
                .as("the generated inputs have provisional rows")
                .isGreaterThan(CASES);
    }

    private static int finalVersion(JoinOutcome outcome) {
        return outcome instanceof JoinOutcome.Matched m
                ? m.labelVersion()
                : ((JoinOutcome.TimedOut) outcome).labelVersion();
    }

    @Test
    void nothingLost() {
        SeededCases.check(
                CASES,
                EARLY_ANY_LATE_POLICY,
                in -> JoinUnitPropertiesTest.assertSettledOnce(
                        in.settings(), in.events(), JoinUnitPropertiesTest.run(in, in.arrival())));
    }

    @Test
    void theModeNeedsAnEarlyWindowShorterThanTheJoinWindow() {
        JoinSettings settings = JoinSettings.of(Duration.ofMillis(100));
        assertThat(settings.earlyLabels()).isFalse();
        assertThat(settings.withEarly(Duration.ofMillis(99)).earlyLabels()).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings.withEarly(Duration.ofMillis(100)))
                .withMessageContaining("shorter than the join window");
    }
}
