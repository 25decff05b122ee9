package io.trainset.connect.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointCodec;
import io.trainset.connect.testing.SeededCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A unit restored from a snapshot continues exactly as the unit that took it: feeding a prefix,
 * snapshotting (through the checkpoint codec), restoring into a fresh unit and feeding the suffix gives the same outcomes, in the
 * same order, as feeding everything to one unit.
 */
class JoinSnapshotTest {

    private static final long NOW = JoinInputs.NOW;

    /** An input, and where to cut it (a percentage) or how many checkpoints to take. */
    record Cut(Input in, int value) {}

    @Test
    void restoredUnitContinuesIdentically() {
        SeededCases.check(
                300,
                gen -> new Cut(JoinUnitPropertiesTest.ANY_LATE_POLICY.apply(gen), gen.between(0, 100)),
                cut -> restoredUnitContinuesIdentically(cut.in(), cut.value()));
    }

    /** Early labels: a provisional row is neither written twice nor lost, wherever the restore falls. */
    @Test
    void restoredUnitContinuesIdenticallyWithEarlyLabels() {
        SeededCases.check(
                300,
                gen -> new Cut(EarlyLabelsPropertiesTest.EARLY_ANY_LATE_POLICY.apply(gen), gen.between(0, 100)),
                cut -> restoredUnitContinuesIdentically(cut.in(), cut.value()));
    }

    private static void restoredUnitContinuesIdentically(Input in, int cutPercent) {
        List<Event> arrival = in.arrival();
        int cut = arrival.size() * cutPercent / 100;
        List<JoinOutcome> expected = feed(new JoinUnit(in.settings(), in.inputs(), NOW, event -> 0), arrival);

        JoinUnit original = new JoinUnit(in.settings(), in.inputs(), NOW, event -> 0);
        List<JoinOutcome> actual = new ArrayList<>(feedPrefix(original, arrival.subList(0, cut)));
        JoinSnapshot snapshot = throughTheCodec(original.snapshot());
        JoinUnit restored = JoinUnit.restore(in.settings(), in.inputs(), snapshot, NOW, event -> 1);
        assertThat(restored.waitingCount()).isEqualTo(original.waitingCount()).isEqualTo(snapshot.heldCount());
        assertThat(restored.watermarkMs()).isEqualTo(original.watermarkMs());
        assertThat(restored.snapshot())
                .as("a restored unit snapshots to the same value")
                .isEqualTo(snapshot);
        actual.addAll(feed(restored, arrival.subList(cut, arrival.size())));

        // The same outcomes; their order within one watermark advance is not specified (a unit that
        // decided a key's earlier case before the cut emits its later case in a separate evaluation).
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Deltas: a unit that checkpoints a full snapshot and then only its changes, at random points, can
     * be read back at every point as the base with the changes applied, equal to a full snapshot of a
     * twin unit fed the same events; so a unit restored from a chain continues as the test above shows.
     */
    @Test
    void theChangesAppliedToTheSnapshotBeforeGiveTheWholeState() {
        SeededCases.check(
                300,
                gen -> new Cut(JoinUnitPropertiesTest.ANY_LATE_POLICY.apply(gen), gen.between(1, 7)),
                cut -> theChangesAppliedToTheSnapshotBeforeGiveTheWholeState(cut.in(), cut.value()));
    }

    /** Early labels: a key whose case had its provisional row is a changed key, so the deltas carry the flag. */
    @Test
    void theChangesCarryTheEarlyLabelFlag() {
        SeededCases.check(
                300,
                gen -> new Cut(EarlyLabelsPropertiesTest.EARLY_ANY_LATE_POLICY.apply(gen), gen.between(1, 7)),
                cut -> theChangesAppliedToTheSnapshotBeforeGiveTheWholeState(cut.in(), cut.value()));
    }

    private static void theChangesAppliedToTheSnapshotBeforeGiveTheWholeState(Input in, int checkpoints) {
        List<Event> arrival = in.arrival();
        JoinUnit deltas = new JoinUnit(in.settings(), in.inputs(), NOW, event -> 0);
        JoinUnit twin = new JoinUnit(in.settings(), in.inputs(), NOW, event -> 0);
        JoinSnapshot base = throughTheCodec(deltas.snapshot());
        List<JoinSnapshot> changes = new ArrayList<>();
        for (int c = 1; c <= checkpoints; c++) {
            List<Event> part =
                    arrival.subList(arrival.size() * (c - 1) / checkpoints, arrival.size() * c / checkpoints);
            feedPrefix(deltas, part);
            feedPrefix(twin, part);
            if (c == checkpoints) {
                deltas.expire(NOW);
                twin.expire(NOW);
            }
            changes.add(throughTheCodec(deltas.takeChanges()));
            assertThat(deltas.changedCount()).isZero();

            JoinSnapshot whole = base.withChanges(changes);
            assertThat(whole).isEqualTo(twin.snapshot());
            assertThat(JoinUnit.restore(in.settings(), in.inputs(), whole, NOW, event -> 1)
                            .waitingCount())
                    .isEqualTo(deltas.waitingCount());
        }
    }

    /** The snapshot as a checkpoint stores and reads it. */
    static JoinSnapshot throughTheCodec(JoinSnapshot snapshot) {
        try {
            return CheckpointCodec.decode(
                            CheckpointCodec.encode(new Checkpoint(0, 1, Map.of(), snapshot, List.of())), "test")
                    .join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JoinOutcome> feedPrefix(JoinUnit unit, List<Event> events) {
        List<JoinOutcome> out = new ArrayList<>();
        for (Event event : events) {
            out.addAll(unit.accept(event, NOW));
        }
        return out;
    }

    private static List<JoinOutcome> feed(JoinUnit unit, List<Event> events) {
        List<JoinOutcome> out = feedPrefix(unit, events);
        out.addAll(unit.expire(NOW));
        return out;
    }

    @Test
    void aChangeReplacesAKeysStateAndAnEmptyStateRemovesTheKey() {
        Event a1 = Events.submitted("A", 1, 0);
        Event a2 = Events.submitted("A", 2, 1);
        Event b1 = Events.submitted("B", 1, 2);
        JoinSnapshot base = new JoinSnapshot(
                0,
                Map.of(),
                List.of(
                        new JoinSnapshot.KeySnapshot("A", List.of(a1), List.of(), List.of()),
                        new JoinSnapshot.KeySnapshot("B", List.of(b1), List.of(), List.of())));
        JoinSnapshot change = new JoinSnapshot(
                5,
                Map.of(),
                List.of(
                        new JoinSnapshot.KeySnapshot("A", List.of(a2), List.of(), List.of()),
                        JoinSnapshot.KeySnapshot.removed("B")));
        JoinSnapshot whole = base.withChanges(List.of(change));

        assertThat(whole.unitWatermarkMs()).as("the change's watermark").isEqualTo(5);
        assertThat(whole.keys()).containsExactly(new JoinSnapshot.KeySnapshot("A", List.of(a2), List.of(), List.of()));
    }
}
