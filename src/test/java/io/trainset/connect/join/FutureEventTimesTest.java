package io.trainset.connect.join;

import static io.trainset.connect.join.Events.resolved;
import static io.trainset.connect.join.Events.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.testing.JoinOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Event times far ahead of the clock (docs/join-semantics.md, "Event times ahead of the clock"): such an
 * event is refused and moves no watermark, and a checkpoint whose watermarks such events raised before
 * they were refused is repaired when restored.
 */
class FutureEventTimesTest {

    private static final long AFTER = 1_000;
    /** The worker's clock: the events' times are around it. */
    private static final long NOW = Instant.parse("2026-12-05T10:00:00Z").toEpochMilli();

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    private static final InputPartition ISSUES = new InputPartition(Events.SUBMITTED_TOPIC, 0);
    private static final InputPartition RESOLUTIONS = new InputPartition(Events.RESOLVED_TOPIC, 0);

    private final JoinSettings settings = JoinSettings.of(Duration.ofMillis(AFTER));
    private JoinUnit unit = new JoinUnit(settings, Events.INPUTS, NOW, event -> 1);
    private long clockOffset = 1_000_000;

    /** Advances both inputs to event time {@code t} with events of keys that match nothing. */
    private List<JoinOutcome> advanceTo(long t) {
        List<JoinOutcome> out = new ArrayList<>(accept(submitted("~clock", t, clockOffset++), NOW));
        out.addAll(accept(resolved("~clock-r", t, clockOffset++), NOW));
        return out;
    }

    /** The outcomes of accepting {@code event}, but those about the clock events of {@link #advanceTo}. */
    private List<JoinOutcome> accept(Event event, long nowMs) {
        List<JoinOutcome> out = new ArrayList<>(unit.accept(event, nowMs));
        out.removeIf(o -> o.events().stream().anyMatch(e -> e.key().startsWith("~")));
        return out;
    }

    private static JoinOutcome ahead(Event event) {
        return new JoinOutcome.AheadOfClock(event, NOW, DAY);
    }

    @Test
    void aYear9999SubmissionIsRefusedAndItsPartitionJoinsOn() {
        advanceTo(NOW - 10_000);
        long watermark = unit.watermarkMs();
        Event poison = submitted("p", YEAR_9999, 0);

        assertThat(accept(poison, NOW)).containsExactly(ahead(poison));
        assertThat(unit.watermarkMs()).isEqualTo(watermark);
        assertThat(unit.snapshot().inputMaxMs()).containsEntry(ISSUES, NOW - 10_000);
        assertThat(unit.waitingCount()).as("the clock events only").isEqualTo(2);

        Event issue = submitted("a", NOW - 5_000, 1);
        Event resolution = resolved("a", NOW - 4_000, 1);
        assertThat(accept(issue, NOW)).as("not late").isEmpty();
        assertThat(accept(resolution, NOW)).isEmpty();
        assertThat(advanceTo(NOW - 3_999)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void year9999EventsOnBothSidesTimeOutNothingAndTheRealResolutionJoins() {
        Event issue = submitted("a", NOW - 5_000, 0);
        unit.accept(issue, NOW);
        advanceTo(NOW - 4_500);
        Event poisonIssue = submitted("p", YEAR_9999, 1);
        Event poisonResolution = resolved("q", YEAR_9999, 1);

        assertThat(accept(poisonIssue, NOW)).containsExactly(ahead(poisonIssue));
        assertThat(accept(poisonResolution, NOW)).containsExactly(ahead(poisonResolution));
        assertThat(unit.watermarkMs()).isEqualTo(NOW - 4_500);

        Event resolution = resolved("a", NOW - 4_400, 2);
        assertThat(accept(resolution, NOW)).as("not late, and a still waits").isEmpty();
        assertThat(advanceTo(NOW - 4_399)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    @Test
    void theBoundIsTheClockPlusTheSettingInclusive() {
        unit = new JoinUnit(settings.withMaxAhead(Duration.ofHours(1)), Events.INPUTS, NOW, event -> 1);
        long bound = NOW + Duration.ofHours(1).toMillis();
        Event atTheBound = submitted("a", bound, 0);
        Event beyond = submitted("b", bound + 1, 1);

        assertThat(accept(atTheBound, NOW)).isEmpty();
        assertThat(accept(beyond, NOW))
                .containsExactly(new JoinOutcome.AheadOfClock(
                        beyond, NOW, Duration.ofHours(1).toMillis()));
        assertThat(accept(beyond, NOW + 1))
                .as("the clock moved on: now plausible")
                .isEmpty();
        assertThat(unit.waitingCount()).isEqualTo(2);
    }

    @Test
    void aRestoredUnitKeepsItsSaneWatermarkAfterARefusedEvent() {
        advanceTo(NOW - 10_000);
        Event poison = resolved("p", YEAR_9999, 0);
        unit.accept(poison, NOW);
        JoinSnapshot snapshot = unit.snapshot();

        unit = JoinUnit.restore(settings, Events.INPUTS, snapshot, NOW + 1_000, event -> 1);

        assertThat(unit.restoreRepair()).isEmpty();
        assertThat(unit.watermarkMs()).isEqualTo(NOW - 10_000);
        Event issue = submitted("a", NOW - 5_000, 1);
        Event resolution = resolved("a", NOW - 5_000, 1);
        accept(issue, NOW + 1_000);
        accept(resolution, NOW + 1_000);
        assertThat(advanceTo(NOW - 4_999)).containsExactly(JoinOutcomes.matched(issue, resolution, 1));
    }

    /**
     * A checkpoint written before the bound existed: a year-9999 event on each side raised both inputs'
     * watermarks and the unit's; the state still holds the year-9999 submission and one normal one.
     */
    private static JoinSnapshot poisonedCheckpoint(Event poison, Event waiting) {
        return new JoinSnapshot(
                YEAR_9999 - AFTER,
                Map.of(ISSUES, YEAR_9999, RESOLUTIONS, YEAR_9999),
                List.of(
                        new JoinSnapshot.KeySnapshot("a", List.of(waiting), List.of(), List.of()),
                        new JoinSnapshot.KeySnapshot("p", List.of(poison), List.of(), List.of())));
    }

    @Test
    void aPoisonedCheckpointIsRepairedAtRestoreAndANormalEventIsThenJoinedNotLate() {
        Event poison = submitted("p", YEAR_9999, 7);
        Event waiting = submitted("a", NOW - 5_000, 3);

        unit = JoinUnit.restore(settings, Events.INPUTS, poisonedCheckpoint(poison, waiting), NOW, event -> 1);

        assertThat(unit.restoreRepair())
                .contains(new WatermarkRepair(
                        YEAR_9999 - AFTER,
                        Long.MIN_VALUE,
                        Map.of(ISSUES, YEAR_9999, RESOLUTIONS, YEAR_9999),
                        Map.of(ISSUES, NOW - 5_000),
                        1));
        assertThat(unit.watermarkMs())
                .as("resolutions-0 holds nothing: set again by its next event")
                .isEqualTo(Long.MIN_VALUE);
        assertThat(unit.waitingCount()).isEqualTo(1);
        JoinSnapshot changes = unit.takeChanges();
        assertThat(changes.inputMaxMs()).isEqualTo(Map.of(ISSUES, NOW - 5_000));
        assertThat(changes.keys())
                .as("the next checkpoint drops the year-9999 event")
                .containsExactly(JoinSnapshot.KeySnapshot.removed("p"));

        Event resolution = resolved("a", NOW - 4_000, 5);
        assertThat(accept(resolution, NOW))
                .as("the year-9999 event is reported with the first outcomes")
                .containsExactly(ahead(poison));
        assertThat(advanceTo(NOW - 3_999)).containsExactly(JoinOutcomes.matched(waiting, resolution, 1));
    }

    @Test
    void aRepairIsTheSameWhateverTheClockAndOnlyTheEventsBeyondTheBoundGo() {
        Event poison = submitted("p", YEAR_9999, 7);
        Event waiting = submitted("a", NOW - 5_000, 3);
        JoinSnapshot checkpoint = poisonedCheckpoint(poison, waiting);

        JoinUnit now = JoinUnit.restore(settings, Events.INPUTS, checkpoint, NOW, event -> 1);
        JoinUnit later = JoinUnit.restore(settings, Events.INPUTS, checkpoint, NOW + 7 * DAY, event -> 1);

        assertThat(later.snapshot()).isEqualTo(now.snapshot());
        assertThat(now.snapshot().keys())
                .extracting(JoinSnapshot.KeySnapshot::key)
                .containsExactly("a");
    }

    @Test
    void aSaneCheckpointIsRestoredUnchanged() {
        Event waiting = submitted("a", NOW - 5_000, 3);
        Event early = submitted("b", NOW + DAY, 4);
        JoinSnapshot checkpoint = new JoinSnapshot(
                NOW - 6_000,
                Map.of(ISSUES, NOW + DAY, RESOLUTIONS, NOW - 6_000),
                List.of(
                        new JoinSnapshot.KeySnapshot("a", List.of(waiting), List.of(), List.of()),
                        new JoinSnapshot.KeySnapshot("b", List.of(early), List.of(), List.of())));

        unit = JoinUnit.restore(settings, Events.INPUTS, checkpoint, NOW, event -> 1);

        assertThat(unit.restoreRepair()).isEmpty();
        assertThat(unit.snapshot()).isEqualTo(checkpoint);
        assertThat(unit.expire(NOW)).isEmpty();
    }
}
