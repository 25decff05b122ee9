package io.trainset.connect.join;

import static io.trainset.connect.join.Events.resolved;
import static io.trainset.connect.join.Events.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.JoinOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join's cases, one timeline each (docs/join-semantics.md); time is passed in, nothing sleeps. */
class JoinUnitTest {

    private static final long AFTER = 1_000;
    private static final long NOW = 50_000;
    /** Event times of a backfill: a month before the clock. */
    private static final long WEEKS_AGO = NOW - Duration.ofDays(30).toMillis();

    private final JoinSettings defaults = JoinSettings.of(Duration.ofMillis(AFTER));
    /** With an idle timeout of 500 ms. */
    private final JoinSettings quiet = defaults.withIdleTimeout(Duration.ofMillis(500));

    private JoinUnit unit = new JoinUnit(defaults, Events.INPUTS, 0, e -> 0);
    private long clockOffset = 1_000_000;

    /** Advances both inputs to event time {@code t} with events of keys that match nothing. */
    private List<JoinOutcome> advanceTo(long t) {
        List<JoinOutcome> out = new ArrayList<>(unit.accept(submitted("~clock", t, clockOffset++), NOW));
        out.addAll(unit.accept(resolved("~clock-r", t, clockOffset++), NOW));
        out.removeIf(o -> o.events().stream().anyMatch(e -> e.key().startsWith("~")));
        return out;
    }

    private void use(JoinSettings settings) {
        unit = new JoinUnit(settings, Events.INPUTS, 0, e -> 0);
    }

    @Test
    void aMatchIsWrittenOnlyOnceTheWatermarkPassesBothEvents() {
        Event issue = submitted("a", 100, 0);
        Event resolution = resolved("a", 200, 0);

        assertThat(unit.accept(issue, NOW)).isEmpty();
        assertThat(unit.accept(resolution, NOW)).isEmpty();
        assertThat(advanceTo(200)).isEmpty();
        assertThat(advanceTo(201)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void theResolutionMayArriveFirst() {
        Event resolution = resolved("a", 200, 0);
        Event issue = submitted("a", 100, 0);

        unit.accept(resolution, NOW);
        unit.accept(issue, NOW);

        assertThat(advanceTo(300)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void aFastInputCannotDecideAnythingWhileTheOtherLags() {
        Event issue = submitted("a", 100, 0);
        unit.accept(issue, NOW);

        assertThat(unit.accept(submitted("later", 100 + 10 * AFTER, 1), NOW)).isEmpty();
        assertThat(unit.watermarkMs()).isEqualTo(Long.MIN_VALUE);
        Event resolution = resolved("a", 150, 0);
        assertThat(unit.accept(resolution, NOW)).isEmpty();
        assertThat(unit.accept(resolved("b", 160, 1), NOW)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void aSubmissionTimesOutWhenTheWatermarkPassesItsWindowEnd() {
        Event issue = submitted("a", 100, 0);
        unit.accept(issue, NOW);

        assertThat(advanceTo(100 + AFTER)).isEmpty();
        assertThat(advanceTo(101 + AFTER)).containsExactly(JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT));
    }

    @Test
    void timedOutPoliciesAreCarriedInTheOutcome() {
        use(defaults.with(Policies.TimedOut.DLQ));
        Event issue = submitted("a", 100, 0);
        unit.accept(issue, NOW);

        assertThat(advanceTo(2 * AFTER)).containsExactly(JoinOutcomes.timedOut(issue, Policies.TimedOut.DLQ));
    }

    @Test
    void aResolutionAfterTheWindowDoesNotMatch() {
        Event issue = submitted("a", 100, 0);
        Event tooLate = resolved("a", 101 + AFTER, 0);
        unit.accept(issue, NOW);
        unit.accept(tooLate, NOW);

        assertThat(advanceTo(10 * AFTER))
                .containsExactlyInAnyOrder(
                        JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT),
                        new JoinOutcome.Orphaned(tooLate, Policies.Orphan.DLQ));
    }

    @Test
    void aResolutionBeforeItsSubmissionMatchesWithinTheBeforeBound() {
        use(defaults.withBefore(Duration.ofMillis(50)));
        Event tooEarly = resolved("b", 40, 0);
        Event skewed = resolved("a", 60, 1);
        unit.accept(tooEarly, NOW);
        unit.accept(skewed, NOW);
        Event a = submitted("a", 100, 0);
        Event b = submitted("b", 100, 1);
        unit.accept(a, NOW);
        unit.accept(b, NOW);

        assertThat(advanceTo(10 * AFTER))
                .containsExactlyInAnyOrder(
                        JoinOutcomes.matched(a, skewed, 1),
                        new JoinOutcome.Orphaned(tooEarly, Policies.Orphan.DLQ),
                        JoinOutcomes.timedOut(b, Policies.TimedOut.EMIT));
    }

    @Test
    void outOfOrderWithinTheGraceIsNotLate() {
        use(defaults.withGrace(Duration.ofMillis(100)));
        unit.accept(submitted("x", 500, 0), NOW);
        Event behind = submitted("a", 400, 1);

        assertThat(unit.accept(behind, NOW)).isEmpty();
    }

    @Test
    void anEventBehindItsPartitionsWatermarkIsLate() {
        use(defaults.withGrace(Duration.ofMillis(100)));
        unit.accept(submitted("x", 500, 0), NOW);
        Event late = submitted("a", 399, 1);

        assertThat(unit.accept(late, NOW)).containsExactly(new JoinOutcome.Late(late, Policies.Late.DLQ, 400));
    }

    @Test
    void lateEventsMayBeDroppedOrJoinedBestEffort() {
        use(defaults.with(Policies.Late.DROP));
        unit.accept(submitted("x", 500, 0), NOW);
        Event dropped = submitted("a", 100, 1);
        assertThat(unit.accept(dropped, NOW)).containsExactly(new JoinOutcome.Late(dropped, Policies.Late.DROP, 500));

        use(defaults.with(Policies.Late.JOIN));
        Event issue = submitted("b", 500, 0);
        unit.accept(issue, NOW);
        Event lateResolution = resolved("b", 600, 0);
        unit.accept(lateResolution, NOW);
        assertThat(unit.accept(submitted("c", 100, 1), NOW)).isEmpty();
        assertThat(advanceTo(700)).contains(JoinOutcomes.matched(issue, lateResolution, 1));
    }

    @Test
    void anExactRedeliveryIsADuplicateAndWritesNoSecondRow() {
        Event issue = submitted("a", 100, 0);
        Event again = submitted("a", 100, 1);
        Event resolution = resolved("a", 200, 0);
        Event resolutionAgain = resolved("a", 200, 1);

        unit.accept(issue, NOW);
        assertThat(unit.accept(again, NOW)).containsExactly(new JoinOutcome.Duplicate(again));
        unit.accept(resolution, NOW);
        assertThat(unit.accept(resolutionAgain, NOW)).containsExactly(new JoinOutcome.Duplicate(resolutionAgain));
        assertThat(advanceTo(300)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void firstVersionGivesTheFeaturesByDefault() {
        Event v1 = submitted("a", 100, 0, "v1");
        Event v2 = submitted("a", 150, 1, "v2");
        Event resolution = resolved("a", 200, 0);
        unit.accept(v1, NOW);
        unit.accept(v2, NOW);
        unit.accept(resolution, NOW);

        assertThat(advanceTo(300))
                .containsExactly(
                        JoinOutcomes.matched(v1, resolution, 1),
                        new JoinOutcome.Ignored(v2, "a submission version that no row uses"));
    }

    @Test
    void latestVersionIsNeverOneFromAfterTheResolution() {
        use(defaults.with(Policies.Versions.LATEST));
        Event v1 = submitted("a", 100, 0, "v1");
        Event v2 = submitted("a", 150, 1, "v2");
        Event afterResolution = submitted("a", 250, 2, "v3 leaks the label");
        Event resolution = resolved("a", 200, 0);
        unit.accept(v1, NOW);
        unit.accept(v2, NOW);
        unit.accept(afterResolution, NOW);
        unit.accept(resolution, NOW);

        assertThat(advanceTo(300))
                .contains(new JoinOutcome.Matched(v2, resolution, 1, 1, 100, null))
                .doesNotContain(new JoinOutcome.Matched(afterResolution, resolution, 1, 1, 100, null));
    }

    @Test
    void theFirstResolutionLabelsTheRowAndLaterOnesAreIgnored() {
        Event issue = submitted("a", 100, 0);
        Event first = resolved("a", 200, 0, "billing");
        Event second = resolved("a", 300, 1, "technical");
        unit.accept(issue, NOW);
        unit.accept(first, NOW);

        assertThat(advanceTo(250)).containsExactly(JoinOutcomes.matched(issue, first, 1));
        assertThat(unit.accept(second, NOW))
                .containsExactly(
                        new JoinOutcome.Ignored(second, "a resolution of a case whose row was already decided"));
    }

    @Test
    void lastAndAllWaitForTheWindowAndCountEveryResolution() {
        Event issue = submitted("a", 100, 0);
        Event first = resolved("a", 200, 0, "billing");
        Event second = resolved("a", 300, 1, "technical");
        for (Policies.Resolutions policy : List.of(Policies.Resolutions.LAST, Policies.Resolutions.ALL)) {
            use(defaults.with(policy));
            unit.accept(issue, NOW);
            unit.accept(first, NOW);
            unit.accept(second, NOW);
            assertThat(advanceTo(100 + AFTER)).as(policy.name()).isEmpty();
            List<JoinOutcome> decided = advanceTo(101 + AFTER);
            if (policy == Policies.Resolutions.LAST) {
                assertThat(decided)
                        .containsExactly(
                                JoinOutcomes.matched(issue, second, 2),
                                new JoinOutcome.Ignored(
                                        first, "a resolution of a case that is labelled by another one (last)"));
            } else {
                assertThat(decided)
                        .containsExactly(JoinOutcomes.matched(issue, first, 2), JoinOutcomes.matched(issue, second, 2));
            }
        }
    }

    @Test
    void anUnmatchedResolutionBecomesAnOrphanOnceNoSubmissionCanMatchIt() {
        Event resolution = resolved("a", 100, 0);
        unit.accept(resolution, NOW);

        assertThat(advanceTo(100)).isEmpty();
        assertThat(advanceTo(101)).containsExactly(new JoinOutcome.Orphaned(resolution, Policies.Orphan.DLQ));
    }

    @Test
    void withoutIdleTimeoutAQuietStreamHoldsDecisionsBack() {
        unit.accept(submitted("a", 100, 0), NOW);
        unit.accept(resolved("b", 100, 0), NOW);

        assertThat(unit.expire(NOW + 1_000 * AFTER)).isEmpty();
    }

    @Test
    void inputsQuietForTheIdleTimeoutCloseEverythingUpToTheClockMinusTheTimeoutAndGrace() {
        unit = new JoinUnit(
                defaults.withIdleTimeout(Duration.ofMillis(500)).withGrace(Duration.ofMillis(200)),
                Events.INPUTS,
                NOW,
                e -> 0);
        Event issue = submitted("a", NOW - 100, 0);
        unit.accept(issue, NOW);
        unit.accept(resolved("b", NOW - 100, 0), NOW);

        assertThat(unit.expire(NOW + 499)).isEmpty();
        unit.expire(NOW + 500);
        assertThat(unit.watermarkMs()).isEqualTo(NOW - 200);
        assertThat(unit.expire(NOW + 500 + 100 + AFTER))
                .as("b can match no submission")
                .containsExactly(new JoinOutcome.Orphaned(resolved("b", NOW - 100, 0), Policies.Orphan.DLQ));
        assertThat(unit.expire(NOW + 500 + 101 + AFTER))
                .containsExactly(JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT));
    }

    @Test
    void aBackfillOfEventsWeeksOldIsDecidedOnceItsInputsAreQuietForTheIdleTimeout() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        Event joined = submitted("a", WEEKS_AGO, 0);
        Event resolution = resolved("a", WEEKS_AGO + 10, 0);
        Event unresolved = submitted("b", WEEKS_AGO + 20, 1);
        unit.accept(joined, NOW);
        unit.accept(unresolved, NOW);
        unit.accept(resolution, NOW + 100);

        assertThat(unit.expire(NOW + 599)).as("resolutions-0 read 499 ms ago").isEmpty();
        assertThat(unit.expire(NOW + 600))
                .containsExactly(
                        JoinOutcomes.matched(joined, resolution, 1),
                        JoinOutcomes.timedOut(unresolved, Policies.TimedOut.EMIT));
        assertThat(unit.waitingCount()).isZero();
    }

    @Test
    void aQuietInputNoLongerHoldsTheUnitBackWhileTheOtherStillDelivers() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        Event first = submitted("a", WEEKS_AGO, 0);
        Event orphan = resolved("r", WEEKS_AGO, 0);
        unit.accept(first, NOW);
        unit.accept(orphan, NOW);
        Event second = submitted("b", WEEKS_AGO + 10 * AFTER, 1);

        assertThat(unit.accept(second, NOW + 400))
                .as("resolutions-0 holds the unit back")
                .isEmpty();
        assertThat(unit.accept(submitted("c", WEEKS_AGO + 20 * AFTER, 2), NOW + 500))
                .as("resolutions-0 is quiet: the unit follows issues-0")
                .containsExactly(
                        new JoinOutcome.Orphaned(orphan, Policies.Orphan.DLQ),
                        JoinOutcomes.timedOut(first, Policies.TimedOut.EMIT),
                        JoinOutcomes.timedOut(second, Policies.TimedOut.EMIT));
        assertThat(unit.watermarkMs()).isEqualTo(WEEKS_AGO + 20 * AFTER);
    }

    @Test
    void anInputCountedAsDeliveringIsNotQuietEvenIfItsRecordsBecameNoEvents() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        unit.accept(submitted("a", WEEKS_AGO, 0), NOW);
        unit.accept(resolved("r", WEEKS_AGO, 0), NOW);

        unit.delivering(Events.RESOLVED_TOPIC, 0, NOW + 500); // e.g. a bad record, or one later in the batch
        assertThat(unit.accept(submitted("c", WEEKS_AGO + 20 * AFTER, 2), NOW + 500))
                .as("resolutions-0 delivered at NOW + 500: it still holds the unit back")
                .isEmpty();
        assertThat(unit.caughtUp(NOW + 500)).isFalse();
    }

    @Test
    void timeTheTaskWasNotReadingIsNotSilence() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        unit.accept(submitted("a", WEEKS_AGO, 0), NOW);
        unit.accept(resolved("r", WEEKS_AGO, 0), NOW);

        unit.notReadingUntil(NOW + 10_000); // a put() blocked on a full lane, a restore
        assertThat(unit.expire(NOW + 10_000))
                .as("no input was silent while the task read")
                .isEmpty();
        assertThat(unit.expire(NOW + 10_499)).isEmpty();
        assertThat(unit.expire(NOW + 10_500))
                .as("silent for the idle timeout since the task read again")
                .hasSize(2);
    }

    @Test
    void aResolutionArrivingAfterAQuietCloseIsLate() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        Event issue = submitted("a", WEEKS_AGO, 0);
        unit.accept(issue, NOW);
        Event orphan = resolved("r", WEEKS_AGO, 0);
        unit.accept(orphan, NOW);
        assertThat(unit.expire(NOW + 500))
                .containsExactly(
                        new JoinOutcome.Orphaned(orphan, Policies.Orphan.DLQ),
                        JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT));

        assertLateBehindNow(unit, NOW + 600);
    }

    /** A resolution of "a" from a month ago, read at {@code nowMs}, is late behind watermark NOW. */
    private static void assertLateBehindNow(JoinUnit target, long nowMs) {
        Event resolution = resolved("a", WEEKS_AGO + 10, 1);
        assertThat(target.accept(resolution, nowMs))
                .containsExactly(new JoinOutcome.Late(resolution, Policies.Late.DLQ, NOW));
    }

    @Test
    void aRestoredUnitKeepsTheWatermarkItsQuietInputsAdvanced() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        unit.accept(submitted("a", WEEKS_AGO, 0), NOW);
        unit.accept(resolved("r", WEEKS_AGO, 0), NOW);
        unit.expire(NOW + 500);

        JoinUnit restored = JoinUnit.restore(quiet, Events.INPUTS, unit.snapshot(), NOW + 1_000, e -> 0);

        assertThat(restored.watermarkMs()).isEqualTo(NOW);
        assertLateBehindNow(restored, NOW + 1_000);
    }

    @Test
    void aPausedInputIsNotIdleAndItsSilenceCountsAgainFromItsResumption() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        Event issue = submitted("a", WEEKS_AGO, 0);
        Event ahead = resolved("r", WEEKS_AGO + 10 * AFTER, 0);
        unit.accept(issue, NOW);
        unit.accept(ahead, NOW);
        unit.pausedInputs(Set.of(new InputPartition(Events.RESOLVED_TOPIC, 0)));

        assertThat(unit.expire(NOW + 10_000))
                .as("issues-0 is quiet; resolutions-0 is paused, not quiet")
                .containsExactly(JoinOutcomes.timedOut(issue, Policies.TimedOut.EMIT));
        assertThat(unit.watermarkMs()).isEqualTo(WEEKS_AGO + 10 * AFTER);
        unit.pausedInputs(Set.of());
        assertThat(unit.expire(NOW + 10_499)).isEmpty();
        assertThat(unit.expire(NOW + 10_500)).containsExactly(new JoinOutcome.Orphaned(ahead, Policies.Orphan.DLQ));
        assertThat(unit.watermarkMs()).isEqualTo(NOW + 10_000);
    }

    @Test
    void aUnitHasCaughtUpOnceEveryInputWasQuietForTheIdleTimeoutAndNoneIsPaused() {
        unit = new JoinUnit(quiet, Events.INPUTS, NOW, e -> 0);
        unit.accept(submitted("a", WEEKS_AGO, 0), NOW);
        unit.accept(resolved("a", WEEKS_AGO, 0), NOW + 100);

        assertThat(unit.caughtUp(NOW + 599))
                .as("resolutions-0 was read 499 ms ago")
                .isFalse();
        assertThat(unit.caughtUp(NOW + 600)).isTrue();
        unit.pausedInputs(Set.of(new InputPartition(Events.RESOLVED_TOPIC, 0)));
        assertThat(unit.caughtUp(NOW + 10_000))
                .as("a paused input is not read, so not caught up")
                .isFalse();
        assertThat(new JoinUnit(defaults, Events.INPUTS, NOW, e -> 0).caughtUp(NOW + 10_000))
                .as("without an idle timeout no input is ever idle")
                .isFalse();
    }

    @Test
    void aUnitNoneOfWhoseInputsDeliveredDoesNotJumpToTheClock() {
        unit = new JoinUnit(defaults.withIdleTimeout(Duration.ofMillis(500)), Events.INPUTS, NOW, e -> 0);

        unit.expire(NOW + 10_000);

        assertThat(unit.watermarkMs()).isEqualTo(Long.MIN_VALUE);
        Event issue = submitted("a", 100, 0);
        assertThat(unit.accept(issue, NOW + 10_000)).as("not late").isEmpty();
    }

    @Test
    void anIdleInputThatNeverDeliveredNoLongerHoldsTheUnitBack() {
        unit = new JoinUnit(defaults.withIdleTimeout(Duration.ofMillis(500)), Events.INPUTS, NOW, e -> 0);
        unit.accept(submitted("a", 100, 0), NOW);

        assertThat(unit.expire(NOW + 499)).isEmpty();
        assertThat(unit.watermarkMs()).isEqualTo(Long.MIN_VALUE);
        assertThat(unit.accept(submitted("b", 200, 1), NOW + 500)).isEmpty();
        assertThat(unit.watermarkMs())
                .as("issues-0 still delivers: the unit follows it")
                .isEqualTo(200);
    }

    @Test
    void anEventFromAnotherUnitIsRejected() {
        Event foreign = new Event(Side.SUBMITTED, "a", 100, new SourcePosition("issues", 7, 0), "x");

        assertThatThrownBy(() -> unit.accept(foreign, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Event issues-7@0 is not from an input of this unit: ");
    }

    @Test
    void heldEventsAreCountedAndSizedUntilDecided() {
        unit = new JoinUnit(defaults, Events.INPUTS, NOW, e -> 100);
        unit.accept(submitted("a", 100, 0), NOW);
        unit.accept(resolved("a", 200, 0), NOW);
        assertThat(unit.waitingCount()).isEqualTo(2);
        assertThat(unit.heldBytes()).isEqualTo(200);

        advanceTo(300);
        // a and its resolution are decided and released; the two clock events of advanceTo now wait
        assertThat(unit.waitingCount()).isEqualTo(2);
        assertThat(unit.heldBytes()).isEqualTo(200);
        assertThat(unit.inputsAhead()).isEmpty();
    }
}
