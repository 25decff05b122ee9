package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointCodec;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.storage.ForwardingObjectOutput;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.RetryingObjectStore;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.FakeTaskPort;
import io.trainset.connect.testing.FaultyObjectStore;
import io.trainset.connect.testing.FaultyObjectStore.Operation;
import io.trainset.connect.testing.HeldLane;
import io.trainset.connect.testing.RecordingObjectStore;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-unit commit protocol of docs/guarantees.md against a local store with injected faults:
 * tasks are simulated by pipelines over one store, each re-delivered what Kafka would re-deliver.
 */
class ExactlyOnceCommitTest {

    private static final Duration INTERVAL = Duration.ofMinutes(10);
    /** Event times after the first clock records. */
    private static final long LATER = T0 + 11 * WINDOW.toMillis();

    private static final TopicPartition ISSUES_0 = new TopicPartition(SUBMITTED_TOPIC, 0);
    private static final TopicPartition RESOLUTIONS_0 = new TopicPartition(RESOLVED_TOPIC, 0);
    private static final List<TopicPartition> UNITS_0_AND_1 = List.of(
            ISSUES_0, RESOLUTIONS_0, new TopicPartition(SUBMITTED_TOPIC, 1), new TopicPartition(RESOLVED_TOPIC, 1));

    @TempDir
    Path root;

    private FaultyObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    /** The chunk size of the tasks' checkpoint stores: a test of chunked join states sets a small one. */
    private int chunkBytes = CheckpointStore.CHUNK_BYTES;

    @BeforeEach
    void openStore() throws IOException {
        store = new FaultyObjectStore(new LocalObjectStore(root));
    }

    /** A task's pipeline, opened on unit 0 (or the given partitions), with its own consumer port. */
    private final class Task {
        final FakeTaskPort port = new FakeTaskPort();
        final SinkPipeline pipeline;

        Task(String token) {
            this(token, WriterLane.direct());
        }

        /** A task whose files are written, uploaded and committed on {@code lane} (both of its lanes). */
        Task(String token, WriterLane lane) {
            this(token, new TaskLanes(lane, lane));
        }

        /** A task whose files are written on {@code lanes.files()}, uploaded and committed on the other lane. */
        Task(String token, TaskLanes lanes) {
            this(token, lanes, OpenFileBudget.unbounded(), List.of(ISSUES_0, RESOLUTIONS_0));
        }

        /** A task of {@code partitions} whose files share {@code budget}. */
        Task(String token, WriterLane lane, OpenFileBudget budget, List<TopicPartition> partitions) {
            this(token, new TaskLanes(lane, lane), budget, partitions);
        }

        Task(String token, TaskLanes lanes, OpenFileBudget budget, List<TopicPartition> partitions) {
            port.assign(partitions);
            // As in production (Wiring): uploads are retried; here 3 times without waiting.
            pipeline = new PipelineBuilder(store, clock)
                    .fileStore(new RetryingObjectStore(
                            store, new StoreRetry(store.location(), 3, Duration.ZERO, Duration.ZERO)))
                    .flushSize(100)
                    .rotate(INTERVAL)
                    .budget(budget)
                    .token(token)
                    .task(port)
                    .checkpoints(CheckpointStores.unowned(store, chunkBytes))
                    .commitInterval(INTERVAL)
                    .lanes(lanes)
                    .build();
            pipeline.open(partitions);
        }

        /** Ten issues with their resolutions and the clock records that decide them: ten rows handed over. */
        void deliverTenDecided() {
            deliver(tickets(0, 10));
            deliver(clocks(10));
        }

        /** Delivers records whose offsets are at or after where the consumer would now read. */
        void deliver(List<SinkRecord> records) {
            pipeline.put(records);
        }

        void commitInterval() {
            clock.advance(INTERVAL);
            pipeline.put(List.of());
        }
    }

    /** Issue n at offset n (time T0 + n s) resolved at offset n of the resolutions (1 s later), labels by parity. */
    private static List<SinkRecord> tickets(int from, int to) {
        return tickets(from, to, T0);
    }

    /** Tickets as above with event times from {@code baseMs}. */
    private static List<SinkRecord> tickets(int from, int to, long baseMs) {
        List<SinkRecord> records = new ArrayList<>();
        for (int n = from; n < to; n++) {
            records.add(record(SUBMITTED_TOPIC, n, baseMs + n * 1_000L, "K" + n, Map.of("title", "t" + n)));
            records.add(record(
                    RESOLVED_TOPIC,
                    n,
                    baseMs + n * 1_000L + 1_000,
                    "K" + n,
                    Map.of("department", n % 2 == 0 ? "billing" : "technical")));
        }
        return records;
    }

    /** One record per input at {@code offset}, 10 windows after T0: every window before it closes. */
    private static List<SinkRecord> clocks(long offset) {
        return clocks(offset, 10);
    }

    /** One record per input at {@code offset}, {@code windows} windows after T0. */
    private static List<SinkRecord> clocks(long offset, int windows) {
        long t = T0 + windows * WINDOW.toMillis();
        return List.of(
                record(SUBMITTED_TOPIC, offset, t, "~clock", Map.of("title", "clock")),
                record(RESOLVED_TOPIC, offset, t, "~clock-r", Map.of("department", "clock")));
    }

    private static SinkRecord record(String topic, long offset, long timestampMs, String key, Map<String, ?> value) {
        return PipelineFixture.record(topic, 0, offset, timestampMs, key, value);
    }

    /** Keys of every row in a published data file but the clocks' (a key twice means a duplicate). */
    private List<String> publishedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String key : store.list("")) {
            if (key.endsWith(".parquet")) {
                DatasetFiles.readLocal(root.resolve(key), key).rows().stream()
                        .map(row -> (String) row.get("key"))
                        .filter(k -> !k.startsWith("~"))
                        .forEach(keys::add);
            }
        }
        return keys;
    }

    private List<String> expectedKeys(int count) {
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            keys.add("K" + n);
        }
        return keys;
    }

    @Test
    void aRestartRestoresTheWaitingEventsAndReReadsOnlyAfterTheCheckpoint() throws IOException {
        Task first = new Task("aaaa");
        first.deliver(tickets(0, 20).stream()
                .filter(r -> r.topic().equals(SUBMITTED_TOPIC))
                .toList());
        first.commitInterval();
        assertThat(first.pipeline.preCommit()).containsOnlyKeys(ISSUES_0);
        assertThat(publishedKeys()).as("every issue waits for its resolution").isEmpty();

        Task second = new Task("bbbb");
        assertThat(second.port.rewinds()).containsExactly(Map.of(ISSUES_0, 20L));
        second.deliver(tickets(0, 20).stream()
                .filter(r -> r.topic().equals(RESOLVED_TOPIC))
                .toList());
        second.deliver(clocks(20));
        second.commitInterval();

        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(20));
    }

    @Test
    void aCrashBetweenUploadAndCheckpointPublishesNothingAndTheReplayWritesEachRowOnce() throws IOException {
        Task crashed = new Task("aaaa");
        store.fail(op -> op == Operation.CREATE_IF_ABSENT);
        assertThatThrownBy(() -> {
                    crashed.deliverTenDecided();
                    crashed.commitInterval();
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot commit unit 0 (checkpoint 1");
        assertThat(store.list("_trainset/pending/")).as("uploaded, staged").isNotEmpty();
        assertThat(publishedKeys())
                .as("nothing of the interrupted commit is visible")
                .isEmpty();
        store.heal();

        Task restarted = new Task("bbbb");
        assertThat(restarted.port.rewinds())
                .as("no checkpoint: the consumer's committed offsets apply")
                .isEmpty();
        restarted.deliverTenDecided();
        restarted.commitInterval();

        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        assertThat(store.list("_trainset/pending/"))
                .as("the dead staged files are removed")
                .isEmpty();
    }

    @Test
    void aCrashBetweenCheckpointAndPublishIsRolledForwardAndRedeliveriesAreSkipped() throws IOException {
        Task crashed = new Task("aaaa");
        store.fail(op -> op == Operation.COPY);
        assertThatThrownBy(() -> {
                    crashed.deliverTenDecided();
                    crashed.commitInterval();
                })
                .isInstanceOf(UncheckedIOException.class);
        assertThat(publishedKeys()).isEmpty();
        store.heal();

        Task restarted = new Task("bbbb");
        assertThat(publishedKeys())
                .as("recovery finished the publish")
                .containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        assertThat(restarted.port.rewinds()).containsExactly(Map.of(ISSUES_0, 11L, RESOLUTIONS_0, 11L));
        restarted.deliverTenDecided();
        restarted.deliver(tickets(11, 15, LATER));
        restarted.deliver(clocks(15, 20));
        restarted.commitInterval();

        List<String> expected = new ArrayList<>(expectedKeys(10));
        expected.addAll(List.of("K11", "K12", "K13", "K14"));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aZombieCannotCommitOverTheNewOwnerAndContinuesFromItsCheckpoint() throws IOException {
        Task zombie = new Task("aaaa");
        Task owner = new Task("bbbb");
        zombie.deliver(tickets(0, 10));
        owner.deliverTenDecided();
        owner.commitInterval();

        zombie.deliver(clocks(10));
        zombie.commitInterval();

        assertThat(zombie.port.rewinds())
                .as("the zombie is sent back to the owner's checkpoint")
                .last()
                .isEqualTo(Map.of(ISSUES_0, 11L, RESOLUTIONS_0, 11L));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        zombie.deliver(tickets(11, 13, LATER));
        zombie.deliver(clocks(13, 20));
        zombie.commitInterval();
        List<String> expected = new ArrayList<>(expectedKeys(10));
        expected.addAll(List.of("K11", "K12"));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aCheckpointOffsetThatIsNoLongerInTheTopicFailsClearly() {
        Task first = new Task("aaaa");
        first.deliver(tickets(0, 5));
        first.commitInterval();

        Task restarted = new Task("bbbb");
        assertThatThrownBy(() -> restarted.deliver(tickets(8, 9)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("resumes issues-0 at offset 5 (its last checkpoint), but the first record read "
                        + "is at offset 8")
                .hasMessageContaining("Raise the topic's retention above the checkpoint interval");
    }

    @Test
    void uploadsThatFailAFewTimesAreRetriedAndTheCommitWritesEachRowOnce() throws IOException {
        Task task = new Task("aaaa");
        store.failTimes(op -> op == Operation.UPLOAD, 3);
        task.deliverTenDecided();
        task.commitInterval();

        assertThat(store.failures()).as("every injected upload failure was hit").isEqualTo(3);
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        assertThat(task.pipeline.preCommit())
                .containsEntry(ISSUES_0, new org.apache.kafka.clients.consumer.OffsetAndMetadata(11));
    }

    @Test
    void anUploadFailingPastItsRetriesFailsTheTaskAndARestartWritesEachRowOnce() throws IOException {
        Task failed = new Task("aaaa");
        store.fail(op -> op == Operation.UPLOAD);
        assertThatThrownBy(() -> {
                    failed.deliverTenDecided();
                    failed.commitInterval();
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot upload");
        assertThat(store.failures()).as("the first attempt and 3 retries").isEqualTo(4);
        assertThat(publishedKeys()).isEmpty();
        store.heal();

        Task restarted = new Task("bbbb");
        restarted.deliverTenDecided();
        restarted.commitInterval();

        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
    }

    @Test
    void aCommitKeepsTheNewestThreeCheckpointsOfItsUnitRemovesLeftoversAndNoStagedFiles() throws IOException {
        String directory = "_trainset/checkpoints/unit-0000/";
        Task task = new Task("aaaa");
        for (int commit = 0; commit < 6; commit++) {
            clock.advance(commit == 0 ? Duration.ZERO : WINDOW.multipliedBy(11)); // event times stay plausible
            task.deliver(tickets(commit * 10, commit * 10 + 10, T0 + commit * 11 * WINDOW.toMillis()));
            task.commitInterval();
        }
        assertThat(store.list(directory))
                .containsExactly(
                        directory + "000000000004.ckpt",
                        directory + "000000000005.ckpt",
                        directory + "000000000006.ckpt");

        // Checkpoints an earlier crash left behind (its clean-up never ran) go with the next commit.
        byte[] stale = store.read(directory + "000000000004.ckpt").orElseThrow();
        store.createIfAbsent(directory + "000000000001.ckpt", stale);
        store.createIfAbsent(directory + "000000000002.ckpt", stale);
        task.deliver(tickets(60, 70, T0 + 6 * 11 * WINDOW.toMillis()));
        task.commitInterval();

        assertThat(store.list(directory))
                .containsExactly(
                        directory + "000000000005.ckpt",
                        directory + "000000000006.ckpt",
                        directory + "000000000007.ckpt");
        assertThat(store.list("_trainset/pending/")).isEmpty();
    }

    private static final String CHECKPOINTS = "_trainset/checkpoints/unit-0000/";

    private Checkpoint checkpoint(long sequence) throws IOException {
        String key = CHECKPOINTS + String.format("%012d.ckpt", sequence);
        return CheckpointCodec.decode(store.read(key).orElseThrow(), key);
    }

    private static List<SinkRecord> of(String topic, List<SinkRecord> records) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** 40 issues wait, then each commit of 5 resolutions writes a delta on the first, full checkpoint. */
    private Task aChainOfOneFullCheckpointAndDeltas(int deltas) {
        Task task = new Task("aaaa");
        task.deliver(of(SUBMITTED_TOPIC, tickets(0, 40)));
        task.commitInterval();
        for (int d = 0; d < deltas; d++) {
            task.deliver(of(RESOLVED_TOPIC, tickets(5 * d, 5 * d + 5)));
            task.commitInterval();
        }
        return task;
    }

    @Test
    void commitsWriteOnlyWhatChangedAndARestoreReadsTheWholeChainAndWritesEachRowOnce() throws IOException {
        aChainOfOneFullCheckpointAndDeltas(4);
        assertThat(checkpoint(1).isFull()).isTrue();
        assertThat(checkpoint(1).join().keys()).hasSize(40);
        for (int d = 0; d < 4; d++) {
            Checkpoint delta = checkpoint(d + 2);
            assertThat(delta.base()).isEqualTo(1);
            // The 5 keys resolved since the checkpoint before, and the last key before them, decided since.
            List<String> changed = new ArrayList<>(expectedKeys(5 * d + 5).subList(Math.max(0, 5 * d - 1), 5 * d + 5));
            assertThat(delta.join().keys())
                    .extracting(JoinSnapshot.KeySnapshot::key)
                    .containsExactlyInAnyOrderElementsOf(changed);
        }
        assertThat(store.list(CHECKPOINTS)).as("the chain's base is kept").hasSize(5);

        Task restarted = new Task("bbbb");
        assertThat(restarted.port.rewinds()).containsExactly(Map.of(ISSUES_0, 40L, RESOLUTIONS_0, 20L));
        restarted.deliver(of(RESOLVED_TOPIC, tickets(20, 40)));
        restarted.deliver(clocks(40));
        restarted.commitInterval();

        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(40));
        assertThat(checkpoint(6).isFull())
                .as("a restored unit starts a new chain")
                .isTrue();
        assertThat(store.list(CHECKPOINTS))
                .containsExactly(
                        CHECKPOINTS + "000000000004.ckpt",
                        CHECKPOINTS + "000000000005.ckpt",
                        CHECKPOINTS + "000000000006.ckpt");
    }

    @Test
    void aRestoreWhoseChainLacksACheckpointFailsWithTheWayOut() throws IOException {
        aChainOfOneFullCheckpointAndDeltas(2);
        store.delete(CHECKPOINTS + "000000000002.ckpt");

        assertThatThrownBy(() -> new Task("bbbb"))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Cannot restore join unit 0 from its checkpoints: Checkpoint 3 of unit 0 builds "
                        + "on the checkpoints from 1 on, but " + store.location() + "/" + CHECKPOINTS
                        + "000000000002.ckpt is missing. Restore it from the bucket's versioning, or delete the unit's "
                        + "checkpoints to start that unit again from the consumer group's offsets (rows may repeat).");
    }

    @Test
    void offsetsAreCommittedOnlyOnceTheWriterThreadCreatedTheirCheckpoint() throws IOException {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane);
        task.deliverTenDecided();
        task.commitInterval();

        assertThat(lane.heldJobs()).as("the commit waits for the writer thread").isPositive();
        assertThat(task.pipeline.preCommit()).isEmpty();
        assertThat(store.list(CHECKPOINTS)).isEmpty();
        task.deliver(tickets(11, 12, LATER));
        task.commitInterval();

        assertThat(task.port.wakeUps())
                .as("a commit in flight is looked at again soon")
                .last()
                .isEqualTo(DueUnits.SOONEST_WAKE_UP_MS);

        lane.runAll();
        assertThat(store.list(CHECKPOINTS))
                .as("no second commit while one is in flight")
                .containsExactly(CHECKPOINTS + "000000000001.ckpt");
        assertThat(task.pipeline.preCommit())
                .isEqualTo(Map.of(ISSUES_0, new OffsetAndMetadata(11), RESOLUTIONS_0, new OffsetAndMetadata(11)));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
    }

    /** A task whose files are written at once and whose uploads wait in {@code uploads}, after a commit of ten rows. */
    private Task committedWithUploadsHeld(HeldLane uploads) {
        Task task = new Task("aaaa", new TaskLanes(WriterLane.direct(), uploads));
        task.deliverTenDecided();
        task.commitInterval();
        return task;
    }

    @Test
    void theWriterThreadGoesOnWritingWhileACommitWaitsForItsUploadsAndTheCheckpointFollowsThem() throws IOException {
        HeldLane uploads = new HeldLane();
        Task task = committedWithUploadsHeld(uploads);
        int commitJobs = uploads.heldJobs();
        task.deliver(tickets(11, 12, LATER));

        assertThat(commitJobs)
                .as("the first commit's file uploads and checkpoint")
                .isGreaterThan(1);
        assertThat(uploads.heldJobs())
                .as("rows written meanwhile wait for no upload")
                .isEqualTo(commitJobs);
        assertThat(store.list("")).as("nothing reached the store yet").isEmpty();
        assertThat(task.pipeline.preCommit()).isEmpty();

        uploads.run(commitJobs - 1);
        assertThat(store.list("_trainset/pending/"))
                .as("the files' uploads come first")
                .hasSize(commitJobs - 1);
        assertThat(store.list(CHECKPOINTS)).isEmpty();
        uploads.runAll();

        assertThat(store.list(CHECKPOINTS)).containsExactly(CHECKPOINTS + "000000000001.ckpt");
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        assertThat(task.pipeline.preCommit())
                .isEqualTo(Map.of(ISSUES_0, new OffsetAndMetadata(11), RESOLUTIONS_0, new OffsetAndMetadata(11)));
    }

    @Test
    void aUnitClosedWhileItsUploadsWaitLeavesNoFileBehind() throws IOException {
        HeldLane uploads = new HeldLane();
        Task task = committedWithUploadsHeld(uploads);
        assertThat(uploads.heldJobs())
                .as("finished files wait for their uploads")
                .isGreaterThan(1);

        task.pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("no temporary file left")
                    .isEmpty();
        }
    }

    @Test
    void rowsWaitingForTheWriterThreadBringTheNextPutSoonAndOnceWrittenTheCommitIntervalDoes() {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane);
        task.deliverTenDecided();
        assertThat(task.port.wakeUps()).last().isEqualTo(DueUnits.SOONEST_WAKE_UP_MS);

        lane.runAll();
        task.deliver(List.of());

        assertThat(task.port.wakeUps()).last().isEqualTo(INTERVAL.toMillis());
    }

    @Test
    void aFileUploadThatFailsOnTheUploadsThreadFailsTheNextPutAndNothingIsCheckpointed() throws IOException {
        HeldLane uploads = new HeldLane();
        Task task = committedWithUploadsHeld(uploads);
        store.fail(op -> op == Operation.UPLOAD);
        uploads.runAll();
        store.heal();

        assertThat(uploads.failure()).isPresent();
        assertThatThrownBy(() -> task.deliver(tickets(11, 12, LATER)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot upload ")
                .hasMessageEndingWith(". Its rows are not committed and will be written again after a restart.");
        assertThat(task.pipeline.preCommit()).isEmpty();
        assertThat(store.list(CHECKPOINTS)).isEmpty();
        assertThat(publishedKeys()).isEmpty();
    }

    @Test
    void aCommitThatFailsOnTheWriterThreadFailsTheNextPutAndNothingLaterIsCheckpointed() throws IOException {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane);
        task.deliverTenDecided();
        task.commitInterval();
        store.fail(op -> op == Operation.CREATE_IF_ABSENT);
        lane.runAll();
        store.heal();

        assertThatThrownBy(() -> task.deliver(tickets(11, 12, LATER)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot commit unit 0 (checkpoint 1, 2 files): ");
        assertThat(task.pipeline.preCommit()).isEmpty();
        assertThat(store.list(CHECKPOINTS)).isEmpty();
    }

    @Test
    void aUnitClosedWhileItsCommitWaitsForTheWriterThreadWritesNoCheckpoint() throws IOException {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane);
        task.deliverTenDecided();
        task.commitInterval();

        task.pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(lane.heldJobs()).isZero();
        assertThat(store.list(CHECKPOINTS)).isEmpty();
        assertThat(publishedKeys()).isEmpty();
        assertThat(store.list("")).noneMatch(key -> key.endsWith(".parquet"));
    }

    @Test
    void aZombieFencedOnItsWriterThreadContinuesFromTheOwnersCheckpointSkippingWhatItReadPastIt() throws IOException {
        HeldLane zombieLane = new HeldLane();
        Task zombie = new Task("aaaa", zombieLane);
        Task owner = new Task("bbbb");
        zombie.deliverTenDecided();
        zombie.commitInterval();
        owner.deliverTenDecided();
        owner.commitInterval();
        zombie.deliver(tickets(11, 12, LATER));
        zombieLane.runAll();

        zombie.deliver(tickets(12, 13, LATER));

        assertThat(zombie.port.rewinds()).last().isEqualTo(Map.of(ISSUES_0, 11L, RESOLUTIONS_0, 11L));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(10));
        zombie.deliver(tickets(11, 13, LATER));
        zombie.deliver(clocks(13, 20));
        zombie.commitInterval();
        zombieLane.runAll();
        List<String> expected = new ArrayList<>(expectedKeys(10));
        expected.addAll(List.of("K11", "K12"));
        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFilePushedOutByAnotherUnitsWriteThatFailsToUploadStopsEveryLaterCommitOfTheTask() throws IOException {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane, new OpenFileBudget(1, Long.MAX_VALUE), UNITS_0_AND_1);
        task.deliver(onPartition(1, decided(0, 3)));
        lane.runAll();
        clock.advance(INTERVAL);
        task.deliver(decided(0, 3));
        store.fail(op -> op == Operation.UPLOAD);
        lane.runAll(); // unit 0's row pushes unit 1's file out; its upload fails before both units' commits
        store.heal();

        assertThatThrownBy(() -> task.deliver(List.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot upload");
        assertThat(store.list("_trainset/checkpoints/"))
                .as("no unit committed past the failed upload")
                .isEmpty();
        assertThat(task.pipeline.preCommit()).isEmpty();
    }

    @Test
    void aFailureThatStoppedTheWriterThreadFailsTheTaskEvenAfterItsUnitWasRevoked() throws IOException {
        HeldLane lane = new HeldLane();
        Task task = new Task("aaaa", lane, OpenFileBudget.unbounded(), UNITS_0_AND_1);
        task.deliver(decided(0, 3));
        task.deliver(onPartition(1, decided(0, 3)));
        task.commitInterval();
        store.fail(op -> op == Operation.CREATE_IF_ABSENT);
        lane.runAll(); // unit 0's commit fails; unit 1's is skipped
        store.heal();
        task.pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThatThrownBy(() -> task.deliver(List.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot commit unit 0 (checkpoint 1, ");
        assertThat(store.list("_trainset/checkpoints/")).isEmpty();
    }

    /** Tickets {@code from} to {@code to} and the clocks after them, in one batch: their rows are decided in it. */
    private static List<SinkRecord> decided(int from, int to) {
        List<SinkRecord> records = new ArrayList<>(tickets(from, to));
        records.addAll(clocks(to));
        return records;
    }

    /** The records moved to {@code partition} of their topics. */
    private static List<SinkRecord> onPartition(int partition, List<SinkRecord> records) {
        return records.stream()
                .map(r -> PipelineFixture.record(
                        r.topic(), partition, r.kafkaOffset(), r.timestamp(), (String) r.key(), (Map<String, ?>)
                                r.value()))
                .toList();
    }

    /** The directories of the checkpoints' chunk objects, {@code <sequence>-<token>/}, in order. */
    private List<String> chunkDirectories() throws IOException {
        return store.list(CHECKPOINTS).stream()
                .filter(k -> k.contains("/state-"))
                .map(k -> k.substring(0, k.lastIndexOf('/') + 1))
                .distinct()
                .toList();
    }

    @Test
    void aCrashAfterTheChunksOfACheckpointRestoresThePreviousOneAndTheNextCommitWritesEachRowOnce() throws IOException {
        chunkBytes = 32;
        Task crashed = new Task("aaaa");
        crashed.deliver(of(SUBMITTED_TOPIC, tickets(0, 40)));
        crashed.commitInterval();
        store.fail(op -> op == Operation.CREATE_IF_ABSENT);
        assertThatThrownBy(() -> {
                    crashed.deliver(of(RESOLVED_TOPIC, tickets(0, 10)));
                    crashed.commitInterval();
                    crashed.deliver(List.of());
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot commit unit 0 (checkpoint 2");
        assertThat(chunkDirectories())
                .as("the chunks of both commits were uploaded")
                .containsExactly(CHECKPOINTS + "000000000001-aaaa/", CHECKPOINTS + "000000000002-aaaa/");
        assertThat(store.list(CHECKPOINTS))
                .filteredOn(k -> k.endsWith(".ckpt"))
                .containsExactly(CHECKPOINTS + "000000000001.ckpt");
        store.heal();

        Task restarted = new Task("bbbb");
        assertThat(restarted.port.rewinds()).as("back to checkpoint 1").containsExactly(Map.of(ISSUES_0, 40L));
        restarted.deliver(of(RESOLVED_TOPIC, tickets(0, 40)));
        restarted.deliver(clocks(40));
        restarted.commitInterval();

        assertThat(publishedKeys()).containsExactlyInAnyOrderElementsOf(expectedKeys(40));
        assertThat(chunkDirectories())
                .as("the crashed commit's chunks went with the next commit's clean-up")
                .containsExactly(CHECKPOINTS + "000000000001-aaaa/", CHECKPOINTS + "000000000002-bbbb/");
    }

    @Test
    void aZombieFencedAfterUploadingItsChunksLeavesTheOwnersChunkedCheckpointIntact() throws IOException {
        chunkBytes = 64;
        HeldLane zombieLane = new HeldLane();
        Task zombie = new Task("aaaa", zombieLane);
        Task owner = new Task("bbbb");
        zombie.deliver(of(SUBMITTED_TOPIC, tickets(0, 20)));
        zombie.commitInterval();
        owner.deliver(of(SUBMITTED_TOPIC, tickets(0, 30)));
        owner.commitInterval();

        zombieLane.runAll();
        assertThat(chunkDirectories())
                .as("both uploaded chunks of commit 1")
                .containsExactly(CHECKPOINTS + "000000000001-aaaa/", CHECKPOINTS + "000000000001-bbbb/");
        zombie.deliver(List.of());

        assertThat(zombie.port.rewinds())
                .as("fenced, sent back to the owner's checkpoint")
                .last()
                .isEqualTo(Map.of(ISSUES_0, 30L));
        assertThat(chunkDirectories())
                .as("the zombie's chunks went with its recovery")
                .containsExactly(CHECKPOINTS + "000000000001-bbbb/");
        zombie.deliver(of(RESOLVED_TOPIC, tickets(0, 30)));
        zombie.deliver(clocks(30));
        zombie.commitInterval();
        zombieLane.runAll();
        assertThat(publishedKeys())
                .as("the owner's waiting issues, restored from its chunks")
                .containsExactlyInAnyOrderElementsOf(expectedKeys(30));
    }

    /** Uploads on four threads at once (output.upload.threads=4): the checkpoint follows every upload of its commit. */
    @Test
    void withUploadsOnSeveralThreadsTheCheckpointIsCreatedAfterEveryFileAndChunkOfItsCommit() throws IOException {
        chunkBytes = 64;
        RecordingObjectStore recorded = new RecordingObjectStore(new LocalObjectStore(root));
        store = new FaultyObjectStore(recorded);
        try (TaskLanes lanes = TaskLanes.threads("task-0", 16, 8, 4)) {
            commitThirtyIssues(lanes);

            List<String> written = recorded.written().stream()
                    .map(RecordingObjectStore.Written::key)
                    .toList();
            int checkpoint = written.indexOf(CHECKPOINTS + "000000000001.ckpt");
            assertThat(written.subList(0, checkpoint))
                    .as("the commit's staged files and join state chunks, all before its checkpoint")
                    .anyMatch(key -> key.startsWith("_trainset/pending/"))
                    .anyMatch(key -> key.contains("/state-"));
            assertThat(written.subList(checkpoint, written.size()))
                    .noneMatch(key -> key.startsWith("_trainset/pending/") || key.contains("/state-"));
            assertThat(lanes.failure()).isEmpty();
        }
    }

    /**
     * One of a commit's uploads is held on its thread for up to a second, or until a checkpoint is created: a
     * commit that does not wait for its uploads creates its checkpoint meanwhile (a finite wait for what must not
     * happen; with the lane right, the test takes that second).
     */
    @Test
    void withUploadsOnSeveralThreadsNoCheckpointIsCreatedWhileOneOfItsFilesIsStillUploading() throws IOException {
        CountDownLatch checkpointed = new CountDownLatch(1);
        AtomicReference<String> held = new AtomicReference<>();
        AtomicBoolean checkpointedWhileHeld = new AtomicBoolean();
        store = new FaultyObjectStore(new ForwardingObjectStore(new LocalObjectStore(root)) {
            @Override
            public ObjectOutput create(String key) throws IOException {
                ObjectOutput output = super.create(key);
                if (!key.startsWith("_trainset/pending/") || !held.compareAndSet(null, key)) {
                    return output;
                }
                return new ForwardingObjectOutput(output) {
                    @Override
                    public void commit() throws IOException {
                        try {
                            checkpointedWhileHeld.set(checkpointed.await(1, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                        super.commit();
                    }
                };
            }

            @Override
            public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
                boolean created = super.createIfAbsent(key, bytes);
                if (key.endsWith(".ckpt")) {
                    checkpointed.countDown();
                }
                return created;
            }
        });
        try (TaskLanes lanes = TaskLanes.threads("task-2", 16, 8, 4)) {
            commitThirtyIssues(lanes);

            assertThat(held.get()).as("a staged file was uploaded").isNotNull();
            assertThat(checkpointedWhileHeld)
                    .as("a checkpoint was created while " + held.get() + " was uploading")
                    .isFalse();
            assertThat(store.list(CHECKPOINTS)).anyMatch(key -> key.endsWith(".ckpt"));
            assertThat(lanes.failure()).isEmpty();
        }
    }

    /** One of a commit's uploads fails (past its retries) beside the others: the commit fails, nothing is checkpointed. */
    @Test
    void withUploadsOnSeveralThreadsOneFailedUploadFailsTheCommitAndNothingIsCheckpointed() throws IOException {
        AtomicReference<String> failing = new AtomicReference<>();
        store = new FaultyObjectStore(new ForwardingObjectStore(new LocalObjectStore(root)) {
            @Override
            public ObjectOutput create(String key) throws IOException {
                ObjectOutput output = super.create(key);
                if (!key.startsWith("_trainset/pending/")
                        || !failing.compareAndSet(null, key) && !key.equals(failing.get())) {
                    return output;
                }
                return new ForwardingObjectOutput(output) {
                    @Override
                    public void commit() throws IOException {
                        throw new IOException("injected failure of " + key);
                    }
                };
            }
        });
        TaskLanes lanes = TaskLanes.threads("task-1", 16, 8, 4);
        Task task = commitThirtyIssues(lanes);

        assertThat(lanes.failure()).isPresent();
        assertThatThrownBy(() -> task.deliver(tickets(31, 32, LATER)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot upload " + failing.get());
        assertThat(store.list(CHECKPOINTS)).noneMatch(key -> key.endsWith(".ckpt"));
        assertThat(publishedKeys()).isEmpty();
        lanes.close();
        // a pool's thread may still be ending its run when the pool reports it terminated
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .as("no thread of the lanes is left")
                        .noneMatch(thread -> thread.getName().contains("[task-1]")));
    }

    /** A task on {@code lanes} given 30 issues in two deliveries, then its commit interval, its lanes run dry. */
    private Task commitThirtyIssues(TaskLanes lanes) {
        Task task = new Task("aaaa", lanes);
        task.deliver(tickets(0, 10));
        task.deliver(of(SUBMITTED_TOPIC, tickets(10, 30)));
        task.commitInterval();
        awaitLanes(lanes);
        return task;
    }

    /** Waits until the files lane handed its jobs to the uploads lane and that one ran them. */
    private static void awaitLanes(TaskLanes lanes) {
        lanes.files().call(() -> null);
        lanes.uploads().call(() -> null);
    }
}
