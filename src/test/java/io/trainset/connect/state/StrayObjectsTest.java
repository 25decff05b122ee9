package io.trainset.connect.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects the commit protocol did not write, in the directories it lists (a {@code .DS_Store}, an S3 console
 * folder marker, a copy made by hand): every clean-up and restore goes on, ignoring them; each is logged once
 * and never deleted.
 */
class StrayObjectsTest {

    private static final int UNIT = 3;
    private static final int CHUNK = 1024;
    private static final String PENDING = "_trainset/pending/unit-0003/";
    private static final String CHECKPOINTS = "_trainset/checkpoints/unit-0003/";

    @TempDir
    Path root;

    private StrayStore store;
    private CheckpointStore checkpoints;
    private StagedFiles staged;

    @BeforeEach
    void openStore() throws IOException {
        store = new StrayStore(new LocalObjectStore(root));
        checkpoints = CheckpointStores.unowned(store, CHUNK);
        staged = new StagedFiles(store, CheckpointStores.noRetry(store));
    }

    /**
     * A local store with keys no local file can have (S3 console folder markers end in '/'), which lists them
     * and records every delete.
     */
    private static final class StrayStore extends ForwardingObjectStore {

        final List<String> markers = new CopyOnWriteArrayList<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();

        StrayStore(LocalObjectStore delegate) {
            super(delegate);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return Stream.concat(super.list(prefix).stream(), markers.stream().filter(k -> k.startsWith(prefix)))
                    .sorted()
                    .toList();
        }

        @Override
        public void delete(String key) throws IOException {
            deleted.add(key);
            super.delete(key);
        }
    }

    private void put(String... keys) throws IOException {
        for (String key : keys) {
            try (ObjectOutput out = store.create(key)) {
                out.write("stray".getBytes(UTF_8));
                out.commit();
            }
        }
    }

    /** Commit {@code sequence} of the unit: a staged file, and a state of {@code keys} keys (chunked past a few). */
    private void commit(long sequence, int keys) throws IOException {
        String stagedKey = DatasetKeys.stagedKey(UNIT, sequence, "aaaa", "split=train/f-" + sequence + ".parquet");
        put(stagedKey);
        Random random = new Random(sequence);
        List<JoinSnapshot.KeySnapshot> state = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            StringBuilder title = new StringBuilder();
            random.ints(300, 'a', 'z' + 1).forEach(c -> title.append((char) c));
            state.add(new JoinSnapshot.KeySnapshot(
                    "K" + k,
                    List.of(CheckpointCodecTest.submitted("K" + k, k, title.toString())),
                    List.of(),
                    List.of()));
        }
        Checkpoint checkpoint = new Checkpoint(
                UNIT,
                sequence,
                Map.of(new InputPartition("issues", UNIT), sequence),
                new JoinSnapshot(sequence, Map.of(), state),
                List.of(new Checkpoint.File("split=train/f-" + sequence + ".parquet", stagedKey, 1)));
        EncodedJoin join = checkpoints.encodeJoin(
                UNIT, sequence, "aaaa", checkpoint.join(), UnaryOperator.identity(), (key, bytes) -> {
                    try {
                        checkpoints.writeChunk(key, bytes);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(checkpoints.create(checkpoint, join)).isTrue();
        staged.copyToKeys(checkpoint);
    }

    @Test
    void strayObjectsInAPendingDirectoryAreIgnoredLoggedOnceAndKept() throws IOException {
        List<String> strays = List.of(
                PENDING + ".DS_Store",
                PENDING + "000000000001-aaaa/split=train/.DS_Store",
                PENDING + "notes.txt",
                PENDING + "1-aaaa/f.parquet.pending",
                PENDING + "old/f.parquet.pending");
        put(strays.toArray(String[]::new));
        store.markers.addAll(List.of(PENDING, PENDING + "000000000001-aaaa/"));
        put(
                DatasetKeys.stagedKey(UNIT, 1, "bbbb", "split=train/lost.parquet"),
                DatasetKeys.stagedKey(UNIT, 5, "bbbb", "split=train/later.parquet"));

        try (LogCapture log = new LogCapture(StateListing.class.getName())) {
            commit(1, 1);
            staged.deleteUpTo(UNIT, 1);
            checkpoints.cleanUpTo(UNIT, 1, 1);
            staged.deleteUpTo(UNIT, 1);
            checkpoints.cleanChunksUpTo(UNIT, 1);

            assertThat(log.messages())
                    .hasSize(strays.size() + 2)
                    .allSatisfy(message -> assertThat(message)
                            .startsWith("Ignoring " + store.location())
                            .contains("it is not an object of Trainset's commit " + "protocol"));
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains(PENDING + ".DS_Store:"));
        }
        assertThat(store.list(PENDING))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                Stream.concat(strays.stream(), store.markers.stream()),
                                Stream.of(DatasetKeys.stagedKey(UNIT, 5, "bbbb", "split=train/later.parquet")))
                        .toList());
        assertThat(store.deleted).noneMatch(strays::contains).noneMatch(store.markers::contains);
    }

    @Test
    void strayObjectsInACheckpointDirectoryAreIgnoredByRestoresAndCleanUpsAndKept() throws IOException {
        List<String> strays = List.of(
                CHECKPOINTS + ".DS_Store",
                CHECKPOINTS + "notes.ckpt",
                CHECKPOINTS + "0000000000009.ckpt",
                CHECKPOINTS + "000000000001.ckpt.bak",
                CHECKPOINTS + "backup-aaaa/state-00000",
                CHECKPOINTS + "000000000001-aaaa/state-notes",
                CHECKPOINTS + "000000000001-aaaa/.DS_Store");
        put(strays.toArray(String[]::new));
        store.markers.addAll(List.of(CHECKPOINTS, CHECKPOINTS + "000000000002-aaaa/"));

        try (LogCapture log = new LogCapture(StateListing.class.getName())) {
            for (long sequence = 1; sequence <= 5; sequence++) {
                commit(sequence, sequence == 1 ? 40 : 1);
                checkpoints.cleanUpTo(UNIT, sequence, sequence);
            }
            Optional<Checkpoint> restored = checkpoints.newest(UNIT);
            staged.deleteUpTo(UNIT, 5);
            checkpoints.cleanChunksUpTo(UNIT, 5);

            assertThat(restored)
                    .hasValueSatisfying(c -> assertThat(c.sequence()).isEqualTo(5));
            assertThat(log.messages()).hasSize(strays.size() + 2);
        }
        assertThat(store.list(CHECKPOINTS))
                .containsAll(strays)
                .containsAll(store.markers)
                .doesNotContain(CHECKPOINTS + "000000000001.ckpt", CHECKPOINTS + "000000000002.ckpt")
                .noneMatch(k -> k.startsWith(CHECKPOINTS + "000000000001-aaaa/state-0"));
        assertThat(store.deleted)
                .noneMatch(strays::contains)
                .noneMatch(store.markers::contains)
                .contains(CHECKPOINTS + "000000000001-aaaa/state-00000");
    }

    @Test
    void strayObjectsBesideTheUnitsAreIgnoredWhenALocationIsClaimed() throws IOException {
        commit(1, 1);
        commit(2, 40);
        put(
                "_trainset/checkpoints/.DS_Store",
                "_trainset/checkpoints/unit-3/000000000007.ckpt",
                "_trainset/checkpoints/unit-0003/000000000009.ckpt.bak",
                "_trainset/checkpoints/unit-0004/notes.txt");
        store.markers.add("_trainset/checkpoints/unit-0004/");

        try (LogCapture log = new LogCapture(StateListing.class.getName())) {
            OutputOwner owner = OutputClaim.claim(
                    store,
                    new OutputIdentity("c", List.of("issues")),
                    new StoreRetry(store.location(), 0, Duration.ZERO, Duration.ZERO),
                    TestClock.atMillis(0),
                    false);

            assertThat(owner.adopted()).isEqualTo(Map.of(UNIT, 2L));
            assertThat(log.messages()).hasSize(5);
        }
    }
}
