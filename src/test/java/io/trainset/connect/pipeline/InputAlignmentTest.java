package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.testing.TestClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The event-time alignment's decisions: which inputs it holds, on an injected clock. */
class InputAlignmentTest {

    private static final long DRIFT = 60_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final TopicPartition ISSUES_0 = new TopicPartition("issues", 0);
    private static final TopicPartition RESOLUTIONS_0 = new TopicPartition("resolutions", 0);
    private static final TopicPartition ISSUES_1 = new TopicPartition("issues", 1);
    private static final TopicPartition RESOLUTIONS_1 = new TopicPartition("resolutions", 1);
    private static final Set<TopicPartition> UNIT_0 = Set.of(ISSUES_0, RESOLUTIONS_0);

    private final TestClock clock = TestClock.atMillis(5_000_000);
    private final InputAlignment alignment = new InputAlignment(DRIFT);
    private final Map<Integer, Map<InputPartition, Long>> maxima = new HashMap<>();

    @Test
    void anInputFurtherAheadOfTheSlowestThanTheDriftIsHeldAndReleasedWithinHalfOfIt() {
        deliver(ISSUES_0, T0);
        deliver(RESOLUTIONS_0, T0 + DRIFT);
        assertThat(hold(UNIT_0)).as("exactly the drift ahead").isEmpty();

        deliver(RESOLUTIONS_0, T0 + DRIFT + 1);
        assertThat(hold(UNIT_0)).containsExactly(RESOLUTIONS_0);

        deliver(ISSUES_0, T0 + DRIFT / 2);
        assertThat(hold(UNIT_0)).as("still more than half the drift ahead").containsExactly(RESOLUTIONS_0);

        deliver(ISSUES_0, T0 + DRIFT / 2 + 1);
        assertThat(hold(UNIT_0)).as("within half the drift").isEmpty();
        deliver(RESOLUTIONS_0, T0 + DRIFT / 2 + 1 + DRIFT);
        assertThat(hold(UNIT_0))
                .as("released: the whole drift ahead is allowed again, not only half of it")
                .isEmpty();
    }

    @Test
    void theSlowerInputIsNeverHeldWhicheverSideItIs() {
        deliver(RESOLUTIONS_0, T0);
        deliver(ISSUES_0, T0 + 10 * DRIFT);
        assertThat(hold(UNIT_0)).containsExactly(ISSUES_0);
    }

    @Test
    void nothingIsHeldWhileAnActiveInputHasDeliveredNoEvent() {
        alignment.notReadingUntil(clock.millis(), UNIT_0);
        deliver(ISSUES_0, T0 + 10 * DRIFT);
        assertThat(hold(UNIT_0))
                .as("resolutions-0 may still deliver from any time")
                .isEmpty();
    }

    @Test
    void aSilentInputHoldsNoOtherBackAndAHeldInputNeverFallsSilent() {
        deliver(ISSUES_0, T0);
        deliver(RESOLUTIONS_0, T0 + 10 * DRIFT);
        assertThat(hold(UNIT_0)).containsExactly(RESOLUTIONS_0);

        clock.advanceMillis(InputAlignment.SILENT_MS - 1);
        assertThat(hold(UNIT_0)).as("issues-0 silent for less than SILENT_MS").containsExactly(RESOLUTIONS_0);

        clock.advanceMillis(1);
        assertThat(hold(UNIT_0))
                .as("issues-0 delivered nothing for SILENT_MS: at its end, it holds resolutions-0 no longer")
                .isEmpty();

        deliver(ISSUES_0, T0 + 1);
        assertThat(hold(UNIT_0)).as("issues-0 delivers again").containsExactly(RESOLUTIONS_0);
    }

    @Test
    void timeTheTaskWasNotReadingIsNoSilence() {
        deliver(ISSUES_0, T0);
        deliver(RESOLUTIONS_0, T0 + 10 * DRIFT);
        assertThat(hold(UNIT_0)).containsExactly(RESOLUTIONS_0);

        clock.advanceMillis(InputAlignment.SILENT_MS);
        alignment.notReadingUntil(clock.millis(), UNIT_0);
        assertThat(hold(UNIT_0)).containsExactly(RESOLUTIONS_0);
    }

    @Test
    void eachUnitIsAlignedOnItsOwnAndRevokedPartitionsAreForgotten() {
        deliver(ISSUES_0, T0);
        deliver(RESOLUTIONS_0, T0 + 10 * DRIFT);
        deliver(ISSUES_1, T0 + 10 * DRIFT);
        deliver(RESOLUTIONS_1, T0 + 10 * DRIFT);
        Set<TopicPartition> all = Set.of(ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        assertThat(hold(all)).as("unit 1's inputs are level, unit 0's are not").containsExactly(RESOLUTIONS_0);

        alignment.forget(List.of(ISSUES_0, RESOLUTIONS_0));
        maxima.remove(0);
        deliver(ISSUES_0, T0);
        deliver(RESOLUTIONS_0, T0 + DRIFT);
        assertThat(hold(UNIT_0))
                .as("reassigned, resolutions-0 is no longer held: the whole drift ahead is allowed, not only half")
                .isEmpty();
        assertThat(hold(Set.of(ISSUES_1, RESOLUTIONS_1))).isEmpty();
    }

    @Test
    void aDriftOfZeroAlignsNothing() {
        InputAlignment off = new InputAlignment(0);
        off.delivering(ISSUES_0.topic(), 0, clock.millis());
        off.delivering(RESOLUTIONS_0.topic(), 0, clock.millis());
        maxima.put(0, Map.of(input(ISSUES_0), T0, input(RESOLUTIONS_0), T0 + 100 * DRIFT));
        assertThat(off.enabled()).isFalse();
        assertThat(off.hold(maxima, UNIT_0, clock.millis())).isEmpty();
    }

    /** {@code tp} delivers an event at {@code eventMs} (its highest so far, as the join would record it). */
    private void deliver(TopicPartition tp, long eventMs) {
        alignment.delivering(tp.topic(), tp.partition(), clock.millis());
        maxima.computeIfAbsent(tp.partition(), n -> new HashMap<>()).merge(input(tp), eventMs, Math::max);
    }

    private Set<TopicPartition> hold(Set<TopicPartition> assigned) {
        return alignment.hold(maxima, assigned, clock.millis());
    }

    private static InputPartition input(TopicPartition tp) {
        return new InputPartition(tp.topic(), tp.partition());
    }
}
