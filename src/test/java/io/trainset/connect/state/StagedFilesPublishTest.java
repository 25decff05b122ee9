package io.trainset.connect.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.testing.CheckpointStores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's files published several at once: the same guarantees, and no staged copy deleted too early. */
class StagedFilesPublishTest {

    private static final int UNIT = 5;
    private static final int FILES = 4;

    @TempDir
    Path root;

    private Requests store;
    private StagedFiles staged;

    /** Records the store's copies and deletes in order, fails the copies of chosen keys, can hold copies. */
    private static final class Requests extends ForwardingObjectStore {
        final List<String> log = new CopyOnWriteArrayList<>();
        final Set<String> failingCopies = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch copiesAtOnce = new CountDownLatch(0);
        /** A copy that fails with an unexpected exception while the others still run. */
        volatile String brokenCopy;

        final CountDownLatch brokenCopyThrows = new CountDownLatch(1);
        final AtomicInteger copiesEnded = new AtomicInteger();

        Requests(ObjectStore delegate) {
            super(delegate);
        }

        @Override
        public void copy(String from, String to) throws IOException {
            log.add("copy " + to);
            copiesAtOnce.countDown();
            try {
                if (!copiesAtOnce.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("the copies did not run at once");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (failingCopies.contains(to)) {
                throw new IOException("injected failure copying to " + to);
            }
            if (to.equals(brokenCopy)) {
                brokenCopyThrows.countDown();
                throw new IllegalStateException("injected bug copying to " + to);
            }
            if (brokenCopy != null) { // still running when the broken copy throws, and a second after
                awaitQuietly(brokenCopyThrows, 10);
                awaitQuietly(new CountDownLatch(1), 1);
            }
            super.copy(from, to);
            copiesEnded.incrementAndGet();
        }

        private static void awaitQuietly(CountDownLatch latch, long seconds) throws IOException {
            try {
                latch.await(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            log.add("list " + prefix);
            return super.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            log.add("delete " + key);
            super.delete(key);
        }

        long count(String verb) {
            return log.stream().filter(line -> line.startsWith(verb + " ")).count();
        }
    }

    @BeforeEach
    void open() throws IOException {
        store = new Requests(new LocalObjectStore(root));
        staged = new StagedFiles(store, CheckpointStores.noRetry(store), FILES);
    }

    @AfterEach
    void close() {
        staged.close();
    }

    private static String key(int index) {
        return "label=billing/train-0005-00000001-" + index + ".parquet";
    }

    private Checkpoint stageCommit() throws IOException {
        List<Checkpoint.File> files = IntStream.range(0, FILES)
                .mapToObj(i -> new Checkpoint.File(key(i), DatasetKeys.stagedKey(UNIT, 1, "tok", key(i)), 1))
                .toList();
        for (Checkpoint.File file : files) {
            try (ObjectOutput out = store.create(file.staged())) {
                out.write(file.key().getBytes(UTF_8));
                out.commit();
            }
        }
        return new Checkpoint(UNIT, 1, 1, Map.of(), new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of()), files);
    }

    @Test
    void theFilesAreCopiedAtOnceAndTheirStagedCopiesDeletedOnlyAfterEveryCopy() throws IOException {
        Checkpoint checkpoint = stageCommit();
        store.copiesAtOnce = new CountDownLatch(FILES);

        staged.copyToKeys(checkpoint);

        List<String> log = store.log;
        assertThat(log.subList(0, FILES)).allMatch(line -> line.startsWith("copy "));
        assertThat(log.subList(FILES, log.size())).allMatch(line -> line.startsWith("delete "));
        assertThat(store.count("copy")).isEqualTo(FILES);
        assertThat(store.count("delete")).isEqualTo(FILES);
        assertThat(store.count("list")).isZero();
        for (int i = 0; i < FILES; i++) {
            assertThat(new String(store.read(key(i)).orElseThrow(), UTF_8)).isEqualTo(key(i));
        }
        assertThat(store.list(DatasetKeys.PENDING)).isEmpty();
    }

    @Test
    void oneFailedCopyFailsThePublishNamingItAndDeletesNoStagedCopyThenPublishingAgainFinishesIt() throws IOException {
        Checkpoint checkpoint = stageCommit();
        store.failingCopies.add(key(2));

        assertThatThrownBy(() -> staged.copyToKeys(checkpoint))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot publish " + key(2) + " of checkpoint 1 of unit 5 from "
                        + DatasetKeys.stagedKey(UNIT, 1, "tok", key(2)) + ": injected failure");
        assertThat(store.count("delete")).isZero();
        assertThat(store.list(DatasetKeys.PENDING)).hasSize(FILES);

        store.failingCopies.clear();
        staged.copyToKeys(checkpoint);

        for (int i = 0; i < FILES; i++) {
            assertThat(store.read(key(i))).isPresent();
        }
        assertThat(store.list(DatasetKeys.PENDING)).isEmpty();
    }

    @Test
    void aCopyFailingWithAnUnexpectedExceptionFailsThePublishOnlyOnceTheCopiesBesideItEnded() throws IOException {
        Checkpoint checkpoint = stageCommit();
        store.copiesAtOnce = new CountDownLatch(FILES);
        store.brokenCopy = key(0); // the first joined: nothing before it holds the publish back

        assertThatThrownBy(() -> staged.copyToKeys(checkpoint))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("injected bug copying to " + key(0));

        assertThat(store.copiesEnded)
                .as("the copies running beside the broken one ended before the publish failed")
                .hasValue(FILES - 1);
        assertThat(store.count("delete")).isZero();
    }

    @Test
    void publishingAgainAfterThePublishCopiesNothingAndDeletesNothing() throws IOException {
        Checkpoint checkpoint = stageCommit();
        staged.copyToKeys(checkpoint);
        store.log.clear();

        staged.copyToKeys(checkpoint);

        assertThat(store.count("copy")).isEqualTo(FILES);
        assertThat(store.count("list"))
                .as("each copy's missing source looked up")
                .isEqualTo(FILES);
        assertThat(store.count("delete")).isZero();
        assertThat(store.list("")).containsExactlyInAnyOrder(key(0), key(1), key(2), key(3));
    }

    @Test
    void withOneThreadAFailedCopyStopsThePublishBeforeTheNextCopy() throws IOException {
        StagedFiles serial = new StagedFiles(store, CheckpointStores.noRetry(store));
        Checkpoint checkpoint = stageCommit();
        store.failingCopies.add(key(1));

        assertThatThrownBy(() -> serial.copyToKeys(checkpoint)).hasMessageStartingWith("Cannot publish " + key(1));

        assertThat(store.log).containsExactly("copy " + key(0), "copy " + key(1), "list " + key(1));
        assertThat(store.list(DatasetKeys.PENDING)).hasSize(FILES);
    }

    @Test
    void closingStopsThePublishingThreads() throws IOException {
        staged.copyToKeys(stageCommit());
        assertThat(publishingThreads()).isPositive();

        staged.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> publishingThreads() == 0);
    }

    private long publishingThreads() {
        String prefix = "trainset-publish[" + store.location() + "]-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .count();
    }
}
