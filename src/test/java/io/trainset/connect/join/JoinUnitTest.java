package io.trainset.connect.join;

import static io.trainset.connect.join.Events.resolved;
import static io.trainset.connect.join.Events.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JoinUnitTest {

    private static final long TIMEOUT = 1_000;
    private static final long NOW = 50_000;

    private final JoinUnit emitting = new JoinUnit(new JoinSettings(Duration.ofMillis(TIMEOUT), TimedOutPolicy.EMIT), Events.INPUTS);

    @Test
    void submissionThenResolutionIsOneMatch() {
        Event issue = submitted("a", 100, 0);
        Event resolution = resolved("a", 200, 0);

        assertThat(emitting.accept(issue, NOW)).isEmpty();
        assertThat(emitting.accept(resolution, NOW)).containsExactly(new JoinOutcome.Matched(issue, resolution));
        assertThat(emitting.waitingCount()).isZero();
    }

    @Test
    void resolutionMayArriveFirst() {
        Event resolution = resolved("a", 200, 0);
        Event issue = submitted("a", 100, 0);

        assertThat(emitting.accept(resolution, NOW)).isEmpty();
        assertThat(emitting.accept(issue, NOW)).containsExactly(new JoinOutcome.Matched(issue, resolution));
    }

    @Test
    void submissionTimesOutWhenEventTimePassesItsDeadline() {
        Event early = submitted("a", 100, 0);
        emitting.accept(early, NOW);
        emitting.accept(resolved("other", 100 + 5 * TIMEOUT, 0), NOW);

        assertThat(emitting.accept(submitted("b", 100 + TIMEOUT - 1, 1), NOW)).isEmpty();
        assertThat(emitting.accept(submitted("c", 100 + TIMEOUT, 2), NOW))
                .containsExactly(new JoinOutcome.TimedOut(early, true));
        assertThat(emitting.waitingCount()).isEqualTo(3);
    }

    @Test
    void aFastInputDoesNotTimeOutEventsWhileTheOtherInputLags() {
        Event issue = submitted("a", 100, 0);
        emitting.accept(issue, NOW);

        assertThat(emitting.accept(submitted("clock", 100 + 10 * TIMEOUT, 1), NOW)).isEmpty();
        assertThat(emitting.watermarkMs()).isEqualTo(Long.MIN_VALUE);
        Event resolution = resolved("a", 200, 0);
        assertThat(emitting.accept(resolution, NOW)).containsExactly(new JoinOutcome.Matched(issue, resolution));
    }

    @Test
    void anEventFromAnotherUnitIsRejected() {
        Event foreign = new Event(Side.SUBMITTED, "a", 100, new SourcePosition("issues", 7, 0), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> emitting.accept(foreign, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Event issues-7@0 is not from an input of this unit: ");
    }

    @Test
    void aQuietStreamTimesOutByWallClock() {
        Event issue = submitted("a", 100, 0);
        emitting.accept(issue, NOW);

        assertThat(emitting.expire(NOW + TIMEOUT - 1)).isEmpty();
        assertThat(emitting.expire(NOW + TIMEOUT)).containsExactly(new JoinOutcome.TimedOut(issue, true));
        assertThat(emitting.expire(NOW + 10 * TIMEOUT)).isEmpty();
    }

    @Test
    void dropPolicyMarksTimeoutsNotToEmit() {
        JoinUnit dropping = new JoinUnit(new JoinSettings(Duration.ofMillis(TIMEOUT), TimedOutPolicy.DROP), Events.INPUTS);
        Event issue = submitted("a", 100, 0);
        dropping.accept(issue, NOW);

        assertThat(dropping.expire(NOW + TIMEOUT)).containsExactly(new JoinOutcome.TimedOut(issue, false));
    }

    @Test
    void unmatchedResolutionBecomesAnOrphan() {
        Event resolution = resolved("a", 100, 0);
        emitting.accept(resolution, NOW);
        emitting.accept(resolved("b", 100 + TIMEOUT, 1), NOW);

        assertThat(emitting.accept(submitted("c", 100 + TIMEOUT, 0), NOW))
                .containsExactly(new JoinOutcome.Orphaned(resolution));
    }

    @Test
    void secondSubmissionOfAWaitingKeyIsADuplicateAndTheFirstOneJoins() {
        Event first = submitted("a", 100, 0);
        Event again = submitted("a", 150, 1);
        Event resolution = resolved("a", 200, 0);

        emitting.accept(first, NOW);
        assertThat(emitting.accept(again, NOW)).containsExactly(new JoinOutcome.Duplicate(again));
        assertThat(emitting.accept(resolution, NOW)).containsExactly(new JoinOutcome.Matched(first, resolution));
    }

    @Test
    void duplicateResolutionWhileWaitingIsReported() {
        Event first = resolved("a", 100, 0);
        Event again = resolved("a", 100, 1);

        emitting.accept(first, NOW);
        assertThat(emitting.accept(again, NOW)).containsExactly(new JoinOutcome.Duplicate(again));
        assertThat(emitting.waitingCount()).isEqualTo(1);
    }

    @Test
    void aMatchedEventNoLongerTimesOut() {
        Event issue = submitted("a", 100, 0);
        Event resolution = resolved("a", 200, 0);
        emitting.accept(issue, NOW);
        emitting.accept(resolution, NOW);

        assertThat(emitting.expire(NOW + 10 * TIMEOUT)).isEmpty();
        assertThat(emitting.accept(resolved("y", 100 + 10 * TIMEOUT, 1), NOW)).isEmpty();
        assertThat(emitting.accept(submitted("z", 100 + 10 * TIMEOUT, 1), NOW)).isEmpty();
    }

    @Test
    void timeoutsComeOutInDeadlineOrder() {
        Event later = submitted("b", 300, 1);
        Event earlier = submitted("a", 100, 0);
        emitting.accept(later, NOW);
        emitting.accept(earlier, NOW);
        emitting.accept(submitted("c", 300 + TIMEOUT, 2), NOW);

        assertThat(emitting.accept(resolved("d", 300 + TIMEOUT, 0), NOW)).containsExactly(
                new JoinOutcome.TimedOut(earlier, true), new JoinOutcome.TimedOut(later, true));
    }

    @Test
    void watermarkIsTheLowestOfTheInputsHighestTimestamps() {
        emitting.accept(submitted("a", 500, 0), NOW);
        emitting.accept(resolved("b", 300, 0), NOW);
        emitting.accept(resolved("c", 200, 1), NOW);

        assertThat(emitting.watermarkMs()).isEqualTo(300);
    }
}
