package io.trainset.connect.join;

import static io.trainset.connect.join.Events.resolved;
import static io.trainset.connect.join.Events.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.Policies;
import io.trainset.connect.testing.JoinOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The early-label mode, one timeline each (docs/join-semantics.md, "Early labels"): window 1000 ms, early 100 ms. */
class EarlyLabelsTest {

    private static final long NOW = 50_000;
    private static final JoinSettings EARLY =
            JoinSettings.of(Duration.ofMillis(1_000)).withEarly(Duration.ofMillis(100));

    private JoinUnit unit = new JoinUnit(EARLY, Events.INPUTS, 0, e -> 0);
    private long clockOffset = 1_000_000;

    /** Advances both inputs to event time {@code t} with events of keys that match nothing; their outcomes left out. */
    private List<JoinOutcome> advanceTo(long t) {
        List<JoinOutcome> out = new ArrayList<>(unit.accept(submitted("~clock", t, clockOffset++), NOW));
        out.addAll(unit.accept(resolved("~clock-r", t, clockOffset++), NOW));
        out.removeIf(EarlyLabelsTest::aboutClock);
        return out;
    }

    private static boolean aboutClock(JoinOutcome o) {
        return o instanceof JoinOutcome.Provisional p
                ? p.submitted().key().startsWith("~")
                : o.events().stream().anyMatch(e -> e.key().startsWith("~"));
    }

    /** Accepts the events at {@link #NOW}; their outcomes left out. */
    private void accept(Event... events) {
        for (Event event : events) {
            unit.accept(event, NOW);
        }
    }

    private void use(JoinSettings settings) {
        unit = new JoinUnit(settings, Events.INPUTS, 0, e -> 0);
    }

    /**
     * Accepts {@code issue}, key a's case at 1000 without a resolution, and advances to {@code t}, past its early
     * point 1100: exactly its provisional row is written.
     */
    private Event pastItsEarlyPoint(Event issue, long t) {
        unit.accept(issue, NOW);
        assertThat(advanceTo(t)).containsExactly(new JoinOutcome.Provisional(issue, 1_100));
        return issue;
    }

    /** The final row of a case that had a provisional row and timed out (policy emit): version 2. */
    private static JoinOutcome.TimedOut finalTimeout(Event issue) {
        return JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT, 2);
    }

    @Test
    void aCaseResolvedBeforeItsEarlyPointHasOnlyItsFinalRow() {
        Event issue = submitted("a", 1_000, 0);
        Event resolution = resolved("a", 1_100, 0);
        accept(issue, resolution);

        assertThat(advanceTo(1_101)).containsExactly(JoinOutcomes.matched(issue, resolution, 1, 1));
    }

    @Test
    void aCaseResolvedAfterItsEarlyPointHasAProvisionalRowThenItsFinalOne() {
        Event issue = submitted("a", 1_000, 0);
        accept(issue);

        assertThat(advanceTo(1_100)).as("at the early point: not yet").isEmpty();
        assertThat(advanceTo(1_101)).containsExactly(new JoinOutcome.Provisional(issue, 1_100));
        assertThat(unit.snapshot().keys())
                .as("the provisional row settles nothing: the submission stays held")
                .filteredOn(k -> k.key().equals("a"))
                .singleElement()
                .isEqualTo(new JoinSnapshot.KeySnapshot("a", List.of(issue), List.of(), List.of(), 1_000));
        Event resolution = resolved("a", 1_500, 0);
        accept(resolution);
        assertThat(advanceTo(1_600)).containsExactly(JoinOutcomes.matched(issue, resolution, 1, 2));
    }

    @Test
    void aCaseNeverResolvedHasAProvisionalRowThenItsTimeout() {
        Event issue = pastItsEarlyPoint(submitted("a", 1_000, 0), 1_101);

        assertThat(advanceTo(2_001)).containsExactly(finalTimeout(issue));
    }

    @Test
    void aWatermarkThatJumpsPastBothPointsStillWritesTheProvisionalRowFirst() {
        Event issue = submitted("a", 1_000, 0);
        Event resolution = resolved("a", 1_500, 0);
        accept(issue, resolution);

        assertThat(advanceTo(5_000))
                .containsExactly(
                        new JoinOutcome.Provisional(issue, 1_100), JoinOutcomes.matched(issue, resolution, 1, 2));
    }

    @Test
    void withLatestVersionsTheProvisionalRowTakesTheLatestVersionAtItsEarlyPoint() {
        use(EARLY.with(Policies.Versions.LATEST));
        Event v1 = submitted("a", 1_000, 0, "v1");
        Event v2 = submitted("a", 1_100, 1, "v2");
        Event v3 = submitted("a", 1_200, 2, "v3");
        accept(v1, v2, v3);

        assertThat(advanceTo(1_201)).containsExactly(new JoinOutcome.Provisional(v2, 1_100, 1_000));
    }

    @Test
    void withLastResolutionAResolutionBeforeTheEarlyPointMeansNoProvisionalRow() {
        use(EARLY.with(Policies.Resolutions.LAST));
        Event issue = submitted("a", 1_000, 0);
        Event first = resolved("a", 1_050, 0);
        accept(issue, first);

        assertThat(advanceTo(1_500))
                .as("resolved at its early point, decided when the window closes")
                .isEmpty();
        assertThat(advanceTo(2_001)).containsExactly(JoinOutcomes.matched(issue, first, 1, 1));
    }

    @Test
    void aRestoreAfterTheProvisionalRowNeitherWritesItAgainNorForgetsTheFinalRowsVersion() {
        Event issue = pastItsEarlyPoint(submitted("a", 1_000, 0), 1_101);
        JoinSnapshot snapshot = JoinSnapshotTest.throughTheCodec(unit.snapshot());
        assertThat(snapshot.keys())
                .filteredOn(k -> k.key().equals("a"))
                .singleElement()
                .extracting(JoinSnapshot.KeySnapshot::provisional)
                .isEqualTo(true);

        unit = JoinUnit.restore(EARLY, Events.INPUTS, snapshot, NOW, e -> 0);
        assertThat(advanceTo(1_900)).isEmpty();
        assertThat(advanceTo(2_001)).containsExactly(finalTimeout(issue));
    }

    @Test
    void aRestoreBeforeTheProvisionalRowWritesItOnce() {
        Event issue = submitted("a", 1_000, 0);
        accept(issue);
        assertThat(advanceTo(1_050)).isEmpty();
        JoinSnapshot snapshot = JoinSnapshotTest.throughTheCodec(unit.snapshot());

        unit = JoinUnit.restore(EARLY, Events.INPUTS, snapshot, NOW, e -> 0);
        List<JoinOutcome> after = new ArrayList<>(advanceTo(1_101));
        after.addAll(advanceTo(2_001));
        assertThat(after).containsExactly(new JoinOutcome.Provisional(issue, 1_100), finalTimeout(issue));
    }

    @Test
    void aKeysNextCaseHasItsOwnProvisionalRow() {
        Event first = submitted("a", 1_000, 0, "case-1");
        Event second = submitted("a", 2_500, 1, "case-2");
        accept(first, second);

        assertThat(advanceTo(5_000))
                .containsExactly(
                        new JoinOutcome.Provisional(first, 1_100),
                        finalTimeout(first),
                        new JoinOutcome.Provisional(second, 2_600),
                        finalTimeout(second));
    }

    @Test
    void withTheModeOffNothingChanges() {
        use(EARLY.withEarly(Duration.ZERO));
        Event issue = submitted("a", 1_000, 0);
        accept(issue);

        assertThat(advanceTo(2_001)).containsExactly(JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT, 1));
    }

    /** Under join.late.policy=join, key a's case at 1000, past its early point (its provisional row written). */
    private Event heldWithItsProvisionalRowUnderLateJoins(String payload) {
        use(EARLY.with(Policies.Late.JOIN));
        return pastItsEarlyPoint(submitted("a", 1_000, 0, payload), 1_150);
    }
    /** The outcomes of a late event and of advancing to {@code t} after it. */
    private List<JoinOutcome> acceptLate(Event event, long t) {
        List<JoinOutcome> out = new ArrayList<>(unit.accept(event, NOW));
        out.removeIf(EarlyLabelsTest::aboutClock);
        out.addAll(advanceTo(t));
        return out;
    }

    /**
     * join.late.policy=join: a late version of an earlier, separate case of the key (its window closed before the held
     * case's early point) is a case of its own, with its own provisional row at once and its final row (version 2);
     * the held case keeps its one provisional row and its final row is version 2.
     */
    @Test
    void aLateEarlierCaseLeavesTheHeldCaseItsProvisionalRow() {
        Event caseB = heldWithItsProvisionalRowUnderLateJoins("case-B");
        Event caseA = submitted("a", -100, 1, "case-A");

        assertThat(acceptLate(caseA, 1_160))
                .containsExactly(new JoinOutcome.Provisional(caseA, 0), finalTimeout(caseA));
        assertThat(advanceTo(3_000)).containsExactly(finalTimeout(caseB));
    }

    /**
     * join.late.policy=join: a late version whose window holds the held case's anchor joins that case; it had its
     * provisional row, so there is no second one and the final row is version 2 of the case that row started (its
     * case start is the provisional row's, so the two reconcile).
     */
    @Test
    void aLateVersionThatJoinsTheHeldCaseWritesNoSecondProvisionalRow() { // its row is judged until 500 + 1,000
        Event held = heldWithItsProvisionalRowUnderLateJoins("held");
        Event late = submitted("a", 500, 1, "late");

        assertThat(acceptLate(late, 1_499))
                .as("the case [500, 1500] holds the flagged version: no second provisional row")
                .isEmpty();
        assertThat(advanceTo(3_000))
                .containsExactly(
                        new JoinOutcome.TimedOut(late, Policies.TimedOut.EMIT, 2, 1_000, 1_500L),
                        new JoinOutcome.Ignored(held, "a submission version that no row uses"));
    }
}
