package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.testing.CheckpointStores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore ({@link CheckpointStore#newest(int, java.util.function.Supplier)}) whose read fails part-way and is retried: what
 * its failed attempt spilled is released, so the spill holds the restored state's payloads only.
 */
class RetriedRestoreTest {

    private static final int UNIT = 3;

    @TempDir
    Path root;

    @TempDir
    Path spillBase;

    private FailsOnce store;
    private CheckpointStore checkpoints;

    /** Fails the first read of one key, once. */
    private static final class FailsOnce extends ForwardingObjectStore {
        private final String failing;
        private int failures;

        FailsOnce(ObjectStore delegate, String failing) {
            super(delegate);
            this.failing = failing;
        }

        @Override
        public Optional<byte[]> read(String key) throws IOException {
            if (key.equals(failing) && failures++ == 0) {
                throw new IOException("injected failure of READ " + key);
            }
            return super.read(key);
        }
    }

    @BeforeEach
    void writeAChain() throws IOException {
        store = new FailsOnce(new LocalObjectStore(root), StateKeys.checkpointKey(UNIT, 1));
        checkpoints = new CheckpointStore(
                store,
                new StoreRetry(store.location(), 1, Duration.ZERO, Duration.ZERO),
                CheckpointStore.CHUNK_BYTES,
                Optional.empty());
        assertThat(checkpoints.create(new Checkpoint(UNIT, 1, offsets(1), state("A", "B"), List.of())))
                .isTrue();
        assertThat(checkpoints.create(new Checkpoint(UNIT, 2, 1, offsets(2), state("C", "D"), List.of())))
                .isTrue();
    }

    private static Map<InputPartition, Long> offsets(long next) {
        return Map.of(new InputPartition("issues", UNIT), next);
    }

    /** One waiting submission for each key. */
    private static JoinSnapshot state(String... keys) {
        return new JoinSnapshot(
                900,
                offsets(1_000),
                List.of(keys).stream()
                        .map(k -> new JoinSnapshot.KeySnapshot(
                                k, List.of(CheckpointCodecTest.submitted(k, 1, "title of " + k)), List.of(), List.of()))
                        .toList());
    }

    @Test
    void aRetriedRestoreReleasesWhatItsFailedAttemptSpilled() throws IOException {
        try (PayloadSpill spill = new PayloadSpill(spillBase, UNIT, 1 << 20)) {
            Checkpoint restored = checkpoints
                    .newest(
                            UNIT,
                            () -> payload -> payload instanceof Features features ? spill.spill(features) : payload)
                    .orElseThrow();

            assertThat(store.failures)
                    .as("checkpoint 1 failed once, then was read")
                    .isEqualTo(2);
            List<SpilledFeatures> held = restored.join().keys().stream()
                    .flatMap(k -> k.versions().stream())
                    .map(Event::payload)
                    .map(SpilledFeatures.class::cast)
                    .toList();
            assertThat(held).hasSize(4);
            assertThat(spill.spilledCount())
                    .as("C and D spilled by the failed attempt, then every key by the retry")
                    .isEqualTo(6);
            assertThat(spill.liveBytes())
                    .as("the spill holds the restored payloads only")
                    .isEqualTo(held.stream().mapToLong(SpilledFeatures::length).sum());
            assertThat(restored.join().keys())
                    .extracting(JoinSnapshot.KeySnapshot::key)
                    .containsExactly("A", "B", "C", "D");
        }
    }

    @Test
    void eachAttemptReadsThroughAFreshOperatorSoThatOneCountingWhatItKeptStartsFromNothing() throws IOException {
        List<int[]> attempts = new ArrayList<>();

        Checkpoint restored = checkpoints
                .newest(UNIT, () -> {
                    int[] read = {0};
                    attempts.add(read);
                    return payload -> {
                        read[0]++;
                        return payload;
                    };
                })
                .orElseThrow();

        assertThat(attempts)
                .as("the failed attempt read checkpoint 2's C and D; the retry, with its own operator, all four keys")
                .extracting(read -> read[0])
                .containsExactly(2, 4);
        assertThat(restored.join().keys()).hasSize(4);
    }

    @Test
    void aRestoreWhoseLastAttemptFailsLeavesNothingInTheSpill() throws IOException {
        CheckpointStore unretried = CheckpointStores.unowned(store);
        try (PayloadSpill spill = new PayloadSpill(spillBase, UNIT, 1 << 20)) {
            assertThatThrownBy(() -> unretried.newest(
                            UNIT,
                            () -> payload -> payload instanceof Features features ? spill.spill(features) : payload))
                    .isInstanceOf(IOException.class)
                    .hasMessage("injected failure of READ " + StateKeys.checkpointKey(UNIT, 1));

            assertThat(spill.spilledCount()).as("C and D, of checkpoint 2").isEqualTo(2);
            assertThat(spill.liveBytes()).isZero();
            assertThat(spill.openSegments())
                    .as("the segment written to stays open until the spill closes")
                    .isOne();
        }
    }
}
