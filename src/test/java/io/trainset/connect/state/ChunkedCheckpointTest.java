package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.RecordingObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join states larger than a chunk through {@link CheckpointStore} on a local store: written in chunk
 * objects, read back one at a time, cleaned up with their checkpoints.
 */
class ChunkedCheckpointTest {

    private static final int CHUNK = 1024;
    private static final int UNIT = 3;
    private static final String DIRECTORY = "_trainset/checkpoints/unit-0003/";

    @TempDir
    Path root;

    private RecordingObjectStore store;
    private CheckpointStore checkpoints;

    @BeforeEach
    void openStore() throws IOException {
        store = new RecordingObjectStore(new LocalObjectStore(root));
        checkpoints = CheckpointStores.unowned(store, CHUNK);
    }

    /** {@code keys} keys, each with a waiting submission of 300 random letters: about 250 bytes a key, compressed. */
    private static JoinSnapshot largeState(String prefix, int keys, long seed) {
        Random random = new Random(seed);
        List<JoinSnapshot.KeySnapshot> snapshots = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            StringBuilder title = new StringBuilder();
            random.ints(300, 'a', 'z' + 1).forEach(c -> title.append((char) c));
            snapshots.add(new JoinSnapshot.KeySnapshot(
                    prefix + k,
                    List.of(CheckpointCodecTest.submitted(prefix + k, k, title.toString())),
                    List.of(),
                    List.of(new JoinSnapshot.Decided(k, k, k + 10))));
        }
        return new JoinSnapshot(900 + seed, Map.of(new InputPartition("issues", UNIT), 1_000L + seed), snapshots);
    }

    private static Checkpoint full(long sequence, JoinSnapshot state) {
        return new Checkpoint(
                UNIT,
                sequence,
                Map.of(new InputPartition("issues", UNIT), 100 + sequence),
                state,
                List.of(new Checkpoint.File("split=train/f-" + sequence + ".parquet", "staged-" + sequence, 7)));
    }

    /** The join state encoded as a unit's writer does, its chunks uploaded as they fill. */
    private EncodedJoin encode(Checkpoint checkpoint, String token) {
        return checkpoints.encodeJoin(
                UNIT, checkpoint.sequence(), token, checkpoint.join(), UnaryOperator.identity(), (key, bytes) -> {
                    try {
                        checkpoints.writeChunk(key, bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** A commit's checkpoint step: the chunks, then the conditional create; whether this writer won. */
    private boolean commit(Checkpoint checkpoint, String token) throws IOException {
        return checkpoints.create(checkpoint, encode(checkpoint, token));
    }

    private List<String> listed(String part) throws IOException {
        return store.list(DIRECTORY).stream().filter(k -> k.contains(part)).toList();
    }

    /** The directories of the chunk objects in the unit's checkpoint directory, in order. */
    private List<String> chunkDirectories() throws IOException {
        return listed("/state-").stream()
                .map(k -> k.substring(0, k.lastIndexOf('/') + 1))
                .distinct()
                .toList();
    }

    @Test
    void aFullStateLargerThanAChunkIsWrittenInChunkObjectsAndReadBackEqual() throws IOException {
        Checkpoint checkpoint = full(42, largeState("K", 100, 1));
        byte[] whole = CheckpointCodec.encodeJoin(checkpoint.join());

        assertThat(commit(checkpoint, "aaaa")).isTrue();

        List<String> chunks = listed("/state-");
        assertThat(chunks)
                .hasSize((whole.length + CHUNK - 1) / CHUNK)
                .startsWith(DIRECTORY + "000000000042-aaaa/state-00000", DIRECTORY + "000000000042-aaaa/state-00001");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (String chunk : chunks) {
            joined.writeBytes(store.read(chunk).orElseThrow());
        }
        assertThat(joined.toByteArray())
                .as("the chunks, in order, are the state's bytes")
                .isEqualTo(whole);
        assertThat(checkpoints.newest(UNIT)).contains(checkpoint);
    }

    @Test
    void aDeltaLargerThanAChunkOnAChunkedBaseIsReadBackAsTheWholeState() throws IOException {
        JoinSnapshot base = largeState("K", 100, 1);
        List<JoinSnapshot.KeySnapshot> changed =
                new ArrayList<>(largeState("K", 30, 2).keys());
        changed.add(JoinSnapshot.KeySnapshot.removed("K99"));
        JoinSnapshot changes = new JoinSnapshot(950, Map.of(new InputPartition("issues", UNIT), 1_100L), changed);
        Checkpoint delta =
                new Checkpoint(UNIT, 2, 1, Map.of(new InputPartition("issues", UNIT), 102L), changes, List.of());

        assertThat(commit(full(1, base), "aaaa")).isTrue();
        assertThat(commit(delta, "aaaa")).isTrue();

        assertThat(chunkDirectories())
                .containsExactly(DIRECTORY + "000000000001-aaaa/", DIRECTORY + "000000000002-aaaa/");
        Checkpoint restored = checkpoints.newest(UNIT).orElseThrow();
        assertThat(restored).isEqualTo(delta.withWholeState(base.withChanges(List.of(changes))));
        assertThat(restored.join().keys()).hasSize(99);
    }

    @Test
    void aStateThatFitsInAChunkStaysInlineInTheCheckpointObjectAsBefore() throws IOException {
        Checkpoint checkpoint = full(5, largeState("K", 2, 1));

        assertThat(commit(checkpoint, "aaaa")).isTrue();

        assertThat(store.list(DIRECTORY)).containsExactly(DIRECTORY + "000000000005.ckpt");
        assertThat(store.read(DIRECTORY + "000000000005.ckpt"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(CheckpointCodec.encode(checkpoint)));
        assertThat(checkpoints.newest(UNIT)).contains(checkpoint);
    }

    @Test
    void encodingAStateFarLargerThanAChunkNeverWritesAnObjectLargerThanAChunk() throws IOException {
        Checkpoint checkpoint = full(1, largeState("K", 1_000, 3));
        int stateBytes = CheckpointCodec.encodeJoin(checkpoint.join()).length;

        assertThat(commit(checkpoint, "aaaa")).isTrue();

        List<RecordingObjectStore.Written> written = store.written();
        assertThat(stateBytes).as("the state is over a hundred chunks").isGreaterThan(100 * CHUNK);
        assertThat(written)
                .hasSize((stateBytes + CHUNK - 1) / CHUNK + 1)
                .allSatisfy(
                        object -> assertThat(object.bytes()).as(object.key()).isLessThanOrEqualTo(CHUNK));
        assertThat(written.get(written.size() - 1).key())
                .as("the checkpoint object last")
                .isEqualTo(DIRECTORY + "000000000001.ckpt");
    }

    @Test
    void aMissingChunkFailsTheRestoreNamingTheChunkTheCheckpointAndTheWayOut() throws IOException {
        Checkpoint checkpoint = full(7, largeState("K", 20, 1));
        commit(checkpoint, "aaaa");
        int count = listed("/state-").size();
        store.delete(DIRECTORY + "000000000007-aaaa/state-00002");

        assertThatThrownBy(() -> checkpoints.newest(UNIT))
                .isInstanceOf(IOException.class)
                .hasMessage("Checkpoint " + store.location() + "/" + DIRECTORY + "000000000007.ckpt keeps its join "
                        + "state in " + count + " chunk objects, but " + store.location() + "/" + DIRECTORY
                        + "000000000007-aaaa/state-00002 is missing. Restore it from the bucket's versioning, or "
                        + "delete the unit's checkpoints to start that unit again from the consumer group's offsets "
                        + "(rows may repeat).");
    }

    @Test
    void aFencedWritersChunksDoNotCorruptTheWinnersCheckpointAndGoWithTheCleanUp() throws IOException {
        Checkpoint winner = full(7, largeState("W", 30, 7));
        Checkpoint loser = full(7, largeState("L", 40, 8));
        EncodedJoin winnerState = encode(winner, "aaaa");
        EncodedJoin loserState = encode(loser, "bbbb");

        assertThat(checkpoints.create(winner, winnerState)).isTrue();
        assertThat(checkpoints.create(loser, loserState)).as("fenced").isFalse();

        assertThat(chunkDirectories())
                .containsExactly(DIRECTORY + "000000000007-aaaa/", DIRECTORY + "000000000007-bbbb/");
        assertThat(checkpoints.newest(UNIT)).contains(winner);
        checkpoints.cleanUpTo(UNIT, 7, 7);
        assertThat(chunkDirectories()).containsExactly(DIRECTORY + "000000000007-aaaa/");
        assertThat(checkpoints.newest(UNIT)).contains(winner);
    }

    @Test
    void aCleanUpDeletesTheChunksOfDeletedCheckpointsAndOrphansButNotThoseOfLaterCommits() throws IOException {
        for (long sequence = 1; sequence <= 5; sequence++) {
            commit(full(sequence, largeState("K" + sequence + "-", 10, sequence)), "aaaa");
        }
        encode(full(3, largeState("F", 10, 30)), "dead");
        encode(full(6, largeState("Z", 10, 60)), "live");

        checkpoints.cleanUpTo(UNIT, 5, 5);

        assertThat(listed(".ckpt"))
                .containsExactly(
                        DIRECTORY + "000000000003.ckpt",
                        DIRECTORY + "000000000004.ckpt",
                        DIRECTORY + "000000000005.ckpt");
        assertThat(chunkDirectories())
                .as("a later commit's chunks may be a live zombie's, in flight")
                .containsExactly(
                        DIRECTORY + "000000000003-aaaa/",
                        DIRECTORY + "000000000004-aaaa/",
                        DIRECTORY + "000000000005-aaaa/",
                        DIRECTORY + "000000000006-live/");
        assertThat(checkpoints.newest(UNIT)).contains(full(5, largeState("K5-", 10, 5)));
    }

    @Test
    void aRecoveryDeletesOrphanChunksUpToTheNewestCheckpoint() throws IOException {
        commit(full(1, largeState("K", 10, 1)), "aaaa");
        encode(full(1, largeState("Z", 10, 2)), "zomb");
        encode(full(2, largeState("F", 10, 3)), "dead");

        checkpoints.cleanChunksUpTo(UNIT, 1);

        assertThat(chunkDirectories())
                .containsExactly(DIRECTORY + "000000000001-aaaa/", DIRECTORY + "000000000002-dead/");
    }

    @Test
    void aRestorePassesThePayloadOfEachKeysNewestStateOnlyThroughTheReadHook() throws IOException {
        JoinSnapshot base = largeState("K", 20, 1);
        JoinSnapshot changes = largeState("K", 5, 2);
        commit(full(1, base), "aaaa");
        commit(new Checkpoint(UNIT, 2, 1, Map.of(), changes, List.of()), "aaaa");
        List<Object> read = new ArrayList<>();
        UnaryOperator<Object> moved =
                payload -> "moved:" + ((Features) payload).values().get(5);

        Checkpoint restored = checkpoints
                .newest(UNIT, () -> payload -> {
                    read.add(payload);
                    return moved.apply(payload);
                })
                .orElseThrow();

        List<Object> expected = new ArrayList<>();
        CheckpointCodecTest.withPayloads(changes, p -> expected.add(p) ? p : p);
        JoinSnapshot unchanged = new JoinSnapshot(
                base.unitWatermarkMs(), base.inputMaxMs(), base.keys().subList(5, 20));
        CheckpointCodecTest.withPayloads(unchanged, p -> expected.add(p) ? p : p);
        assertThat(read)
                .as("the newest's payloads (the delta's), then those of its base's keys that the delta does not hold:"
                        + " the 5 states the delta replaced are never passed (nor spilled)")
                .isEqualTo(expected)
                .hasSize(20);
        assertThat(restored.join())
                .isEqualTo(CheckpointCodecTest.withPayloads(base.withChanges(List.of(changes)), moved));
    }

    @Test
    void aLongChainWithReplacedAndRemovedKeysReadsBackAsItsBaseWithEveryDeltaApplied() throws IOException {
        JoinSnapshot base = largeState("K", 40, 1);
        List<JoinSnapshot> changes = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            List<JoinSnapshot.KeySnapshot> changed =
                    new ArrayList<>(largeState("K", 10 + 5 * d, 10 + d).keys());
            changed.subList(0, 2 * d).clear(); // the keys from K(2d) on change
            changed.addAll(largeState("K", d, 20 + d).keys()); // K0 to K(d-1) change too: K(d-1) comes back
            changed.add(JoinSnapshot.KeySnapshot.removed("K" + (39 - d)));
            changed.add(JoinSnapshot.KeySnapshot.removed("K" + d)); // gone here, back in the next delta
            changed.sort(java.util.Comparator.comparing(JoinSnapshot.KeySnapshot::key));
            changes.add(
                    new JoinSnapshot(950 + d, Map.of(new InputPartition("issues", UNIT), 1_100L + d), dedupe(changed)));
        }
        assertThat(commit(full(1, base), "aaaa")).isTrue();
        for (int d = 0; d < changes.size(); d++) {
            assertThat(commit(new Checkpoint(UNIT, 2 + d, 1, Map.of(), changes.get(d), List.of()), "aaaa"))
                    .isTrue();
        }
        List<Object> read = new ArrayList<>();

        Checkpoint restored = checkpoints
                .newest(UNIT, () -> payload -> {
                    read.add(payload);
                    return payload;
                })
                .orElseThrow();

        JoinSnapshot whole = base.withChanges(changes);
        assertThat(restored.join()).isEqualTo(whole);
        assertThat(restored.sequence()).isEqualTo(7);
        assertThat(restored.isFull()).isTrue();
        assertThat(read)
                .as("one payload per key of the whole state: no replaced state is read into the heap")
                .hasSize(whole.heldCount());
    }

    /** The last state of each key, in key order, as one delta lists it. */
    private static List<JoinSnapshot.KeySnapshot> dedupe(List<JoinSnapshot.KeySnapshot> keys) {
        Map<String, JoinSnapshot.KeySnapshot> last = new java.util.TreeMap<>();
        keys.forEach(k -> last.put(k.key(), k));
        return new ArrayList<>(last.values());
    }
}
