package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.JoinKeys;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.EventClock;
import io.trainset.connect.testing.FakeTaskPort;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkPipelineTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final long WINDOW_MS = WINDOW.toMillis();
    private static final Duration ROTATE = Duration.ofMinutes(10);
    private static final String TOKEN = "tok";
    private static final long NO_BOUND = Long.MAX_VALUE;
    private static final long YEAR_9999 = java.time.Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    /** The report of {@link #aLateRecordIsReportedWithItsRecordAndSettled}'s late record without its content. */
    private static final String LATE_WITHOUT_CONTENT = "Resolution resolutions-0@1 is late: its event time is behind "
            + "its input's watermark, so the join may already have decided its key. Raise join.grace.ms to the "
            + "disorder of your producers, or set join.late.policy=drop or join.";

    private static final TopicPartition ISSUES_0 = new TopicPartition(SUBMITTED_TOPIC, 0);
    private static final TopicPartition RESOLUTIONS_0 = new TopicPartition(RESOLVED_TOPIC, 0);
    private static final TopicPartition ISSUES_1 = new TopicPartition(SUBMITTED_TOPIC, 1);
    private static final TopicPartition RESOLUTIONS_1 = new TopicPartition(RESOLVED_TOPIC, 1);

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private final RecordingErrors errors = new RecordingErrors();
    private final FakeTaskPort task = new FakeTaskPort();
    /** The connector's errors.log.include.messages (false, its default, unless a test sets it). */
    private boolean includeMessages;
    private final EventClock eventTime = new EventClock(List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC),
            topic -> topic.equals(SUBMITTED_TOPIC) ? Map.of("title", "clock") : Map.of("department", "clock"));

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    /**
     * The join of most tests: a 1h window, no grace, timed-out submissions written; orphans are
     * dropped because every resolution of the {@link EventClock} ends as one.
     */
    private static JoinSettings settings() {
        return JoinSettings.of(WINDOW).with(Policies.Orphan.DROP);
    }

    /** A pipeline over issues/resolutions, keys from the record keys, label 'department'. */
    private SinkPipeline pipeline(int flushSize, JoinSettings settings, long bufferMaxBytes) {
        return pipeline(flushSize, settings, JoinBuffer.of(bufferMaxBytes));
    }

    private SinkPipeline pipeline(int flushSize, JoinSettings settings, JoinBuffer buffer) {
        return pipeline(flushSize, settings, buffer, ROTATE);
    }

    /** Files rotate after {@link #ROTATE}; a unit that read records commits after {@code commitInterval}. */
    private SinkPipeline pipeline(int flushSize, JoinSettings settings, JoinBuffer buffer, Duration commitInterval) {
        return pipeline(writers(flushSize), settings, buffer, commitInterval);
    }

    private SinkPipeline pipeline(Outputs outputs, JoinSettings settings, JoinBuffer buffer,
                                  Duration commitInterval) {
        EventExtractor extractor = new EventExtractor(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED), EventSettings.defaults(),
                clock::millis, Optional.empty(), Optional.empty(), FieldPath.parse("department"),
                new FeatureExtractor(List.of(), List.of()));
        return new SinkPipeline(extractor, List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC), settings, buffer,
                outputs, errors, task, clock, commitInterval, TaskLanes.direct(),
                new BadRecordLog(includeMessages, clock));
    }

    private CheckpointStore checkpoints() {
        return CheckpointStores.unowned(store);
    }

    private Outputs writers(int flushSize) {
        return DatasetWriters.in(store).flushSize(flushSize).rotateInterval(ROTATE).clock(clock).build()
                .outputs(checkpoints(), () -> TOKEN);
    }

    /** Writers that keep the dataset card. */
    private Outputs writersWithCard(int flushSize) {
        DatasetShape shape = Datasets.labelOnly();
        CardContext card = new CardContext("1.2.3", "sha256:abc", store.location(), shape.layout(), shape.splitSpec(),
                Optional.empty(), Optional.empty());
        return DatasetWriters.in(store).flushSize(flushSize).rotateInterval(ROTATE).clock(clock)
                .card(new DatasetCard(store, card, clock)).build().outputs(checkpoints(), () -> TOKEN);
    }

    /** A pipeline whose task was assigned and opened {@code partitions}. */
    private SinkPipeline opened(int flushSize, JoinSettings settings, TopicPartition... partitions) {
        SinkPipeline pipeline = pipeline(flushSize, settings, NO_BOUND);
        task.assign(partitions);
        pipeline.open(List.of(partitions));
        return pipeline;
    }

    private SinkPipeline opened(int flushSize, TopicPartition... partitions) {
        return opened(flushSize, settings(), partitions);
    }

    /** Lets the commit interval pass: a unit that read records since its last commit writes a checkpoint. */
    private void commitInterval(SinkPipeline pipeline) {
        clock.advance(ROTATE);
        pipeline.put(List.of());
    }

    /** Puts records, noting their offsets so that the event clock's records go after them. */
    private void put(SinkPipeline pipeline, SinkRecord... records) {
        pipeline.put(eventTime.sent(List.of(records)));
    }

    /**
     * Moves the event time of {@code unit} to {@code timestampMs} with a clock record on each of its
     * inputs: every decision whose point is before it is made (a watermark must pass a point strictly).
     */
    private void advanceEventTime(SinkPipeline pipeline, int unit, long timestampMs) {
        pipeline.put(eventTime.tick(unit, timestampMs));
    }

    // ---- records: schemaless maps as JsonConverter (schemas.enable=false) yields them; time = T0 + offset s
    // unless given

    private static SinkRecord issue(int partition, long offset, String key, String title) {
        return issueAt(partition, offset, T0 + offset * 1_000, key, title);
    }

    private static SinkRecord issueAt(int partition, long offset, long timestampMs, String key, String title) {
        return record(SUBMITTED_TOPIC, partition, offset, timestampMs, key, Map.of("title", title));
    }

    private static SinkRecord resolution(int partition, long offset, String key, String department) {
        return resolutionAt(partition, offset, T0 + offset * 1_000, key, department);
    }

    private static SinkRecord resolutionAt(int partition, long offset, long timestampMs, String key,
                                           String department) {
        return record(RESOLVED_TOPIC, partition, offset, timestampMs, key, Map.of("department", department));
    }

    private static SinkRecord record(String topic, int partition, long offset, String key, Map<String, ?> value) {
        return record(topic, partition, offset, T0 + offset * 1_000, key, value);
    }

    private static SinkRecord record(String topic, int partition, long offset, long timestampMs, String key,
                                     Map<String, ?> value) {
        return new SinkRecord(topic, partition, null, key, null, value, offset, timestampMs,
                TimestampType.CREATE_TIME);
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Object... partitionsAndOffsets) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (int i = 0; i < partitionsAndOffsets.length; i += 2) {
            offsets.put((TopicPartition) partitionsAndOffsets[i],
                    new OffsetAndMetadata(((Number) partitionsAndOffsets[i + 1]).longValue()));
        }
        return offsets;
    }

    /** The {@code index}-th file of commit {@code commit} of {@code unit}. */
    private static String fileKey(int unit, String labelLevel, long commit, int index) {
        return new FileLayout(unit).fileKey(labelLevel, Datasets.ALL, commit, index);
    }

    private List<ReadRow> rowsOf(String key) {
        try {
            return DatasetFiles.readLocal(root.resolve(key), key).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> committedKeys() {
        try {
            return store.list("").stream().filter(key -> key.endsWith(".parquet")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMatchBecomesACommittedRowOnceEventTimePassesIt() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(committedKeys()).as("a later resolution could still come").isEmpty();

        advanceEventTime(pipeline, 0, T0 + 3_000);
        assertThat(committedKeys()).as("the watermark must pass the resolution's time").isEmpty();

        advanceEventTime(pipeline, 0, T0 + 3_001);
        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> {
            assertThat(row.partitions()).containsExactly(Map.entry("label", "billing"));
            assertThat(row.columns()).containsExactly(
                    Map.entry("key", "ISSUE-1"),
                    Map.entry("title", "Charged twice"),
                    Map.entry("split", Datasets.ALL),
                    Map.entry("submitted_at", T0),
                    Map.entry("resolved_at", T0 + 3_000),
                    Map.entry("resolution_ms", 3_000L),
                    Map.entry("join_status", "joined"),
                    Map.entry("resolution_count", 1));
        });
        // The commit's checkpoint covers every record read: the clock records that wait are in its join state.
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 6));
    }

    @Test
    void aKeyWithALoneSurrogateMeetsItsResolutionAfterARestartFromTheCheckpoint() {
        SinkPipeline before = opened(1, ISSUES_0, RESOLUTIONS_0);
        put(before, issue(0, 0, "ISSUE-\ud800", "Charged twice"));
        commitInterval(before);
        before.close();

        SinkPipeline after = opened(1, ISSUES_0, RESOLUTIONS_0);
        put(after, resolution(0, 3, "ISSUE-\ud800", "billing"));
        advanceEventTime(after, 0, T0 + 3_001);

        assertThat(committedKeys()).singleElement().satisfies(key -> assertThat(rowsOf(key)).singleElement()
                .satisfies(row -> {
                    assertThat(row.columns()).containsEntry("key", JoinKeys.of("ISSUE-\ud800"))
                            .containsEntry("key", "~b64:SVNTVUUt7aCA").containsEntry("join_status", "joined");
                    assertThat(row.partitions()).containsEntry("label", "billing");
                }));
        assertThat(errors.reportedExceptClock()).isEmpty();
    }

    @Test
    void recordsWithAnEmptyKeyAreReportedNotJoinedIntoOneRow() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issue(0, 0, "", "malformed a"), issue(0, 1, "", "malformed b"), issue(0, 2, "ISSUE-1", "t"),
                resolution(0, 3, "", "billing"), resolution(0, 4, "ISSUE-1", "billing"));
        advanceEventTime(pipeline, 0, T0 + 4_001);

        assertThat(errors.reportedExceptClock()).extracting(report -> report.record().topic(),
                report -> report.record().kafkaOffset(), report -> report.error().getClass()).containsExactly(
                tuple(SUBMITTED_TOPIC, 0L, BadRecordException.class), tuple(SUBMITTED_TOPIC, 1L, BadRecordException.class),
                tuple(RESOLVED_TOPIC, 3L, BadRecordException.class));
        assertThat(errors.reportedExceptClock().get(2).error()).hasMessage("Record resolutions-0@3 cannot be used: its "
                + "join key is empty: its record key is the empty string, which names no issue (every record with an "
                + "empty key would join every other). Fix: fix the producer so that every record carries its issue's "
                + "key, or set resolved.key.field to the field that holds it.");
        assertThat(committedKeys()).singleElement().satisfies(key -> assertThat(rowsOf(key)).singleElement()
                .satisfies(row -> assertThat(row.columns()).containsEntry("key", "ISSUE-1")
                        .containsEntry("title", "t").containsEntry("join_status", "joined")));
    }

    @Test
    void anyExceptionWhileReadingARecordIsABadRecordAndTheNextRecordsFlowOn() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord exploding = new SinkRecord(SUBMITTED_TOPIC, 0, null, "A", null, Map.of(), 0, T0,
                TimestampType.CREATE_TIME) {
            @Override
            public Object value() {
                throw new IllegalStateException("a converter's lazy value failed");
            }
        };

        put(pipeline, exploding, issue(0, 1, "B", "t"));

        assertThat(errors.reportedExceptClock()).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(exploding);
            assertThat(report.error()).isInstanceOf(BadRecordException.class).hasMessage("Record issues-0@0 cannot "
                    + "be used: reading it failed with java.lang.IllegalStateException. Fix: check the record "
                    + "against the documented formats (docs/dataset.md); if it is one of them, report this failure "
                    + "to Trainset.");
        });
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void repeatedBadRecordsAreEachReportedButLoggedOncePerReasonAndMinute() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        List<SinkRecord> keyless = new ArrayList<>();
        for (int offset = 0; offset < 20; offset++) {
            keyless.add(record(SUBMITTED_TOPIC, 0, offset, null, Map.of("title", "secret " + offset)));
        }

        try (LogCapture pipelineLog = new LogCapture(SinkPipeline.class.getName());
             LogCapture badRecordLog = new LogCapture(BadRecordLog.class.getName())) {
            pipeline.put(keyless);

            assertThat(errors.reported).hasSize(20);
            assertThat(pipelineLog.messages()).noneMatch(line -> line.contains("cannot be used"));
            assertThat(badRecordLog.messages()).containsExactly("Record issues-0@0 cannot be used: it has no join key: "
                    + "its record key is missing or null. Fix: produce the records with a key, or set "
                    + "submitted.key.field to the field that holds it.");
        }
    }

    @Test
    void anIdleTaskAsksForItsNextPutWhenItsUnitIsNextDueAndForNoneOnceEverythingIsCommitted() {
        SinkPipeline pipeline = opened(100, ISSUES_0, RESOLUTIONS_0);
        pipeline.put(List.of());
        assertThat(task.wakeUps()).as("nothing read: nothing due").isEmpty();

        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(task.wakeUps()).as("the commit interval from the unit's start").containsExactly(ROTATE.toMillis());

        clock.advance(Duration.ofMinutes(4));
        advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(task.wakeUps()).last().isEqualTo(Duration.ofMinutes(6).toMillis());

        clock.advance(Duration.ofMinutes(6));
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(task.wakeUps()).as("committed: no wake-up asked for").hasSize(2);
    }

    @Test
    void anIdleTaskIsWokenAtItsOldestFilesRotationWhenThatComesBeforeItsCommitInterval() {
        SinkPipeline pipeline = pipeline(100, settings(), JoinBuffer.of(NO_BOUND), ROTATE.multipliedBy(2));
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(task.wakeUps()).last().as("the commit interval").isEqualTo(ROTATE.multipliedBy(2).toMillis());

        clock.advance(Duration.ofMinutes(4));
        advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(task.wakeUps()).last().as("the file opened now rotates first")
                .isEqualTo(ROTATE.toMillis());

        clock.advance(ROTATE);
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
    }

    @Test
    void whileItsWatermarkFollowsTheWallClockAnIdleTaskLooksAgainEverySecond() {
        SinkPipeline pipeline = opened(100, settings().withIdleTimeout(Duration.ofMinutes(1)), ISSUES_0,
                RESOLUTIONS_0);

        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"));

        assertThat(task.wakeUps()).last().isEqualTo(UnitPipeline.WALL_CLOCK_TICK_MS);
    }

    @Test
    void eachCommitWithNoOtherWaitingWritesTheCardViewAtOnce() throws IOException {
        SinkPipeline pipeline = pipeline(writersWithCard(1), settings(), JoinBuffer.of(NO_BOUND), ROTATE);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(cardRows()).isEqualTo(1);
        put(pipeline, issue(0, 4, "ISSUE-2", "Crash"), resolution(0, 8, "ISSUE-2", "technical"));
        advanceEventTime(pipeline, 0, T0 + 8_001);

        assertThat(cardRows()).as("the second commit, at the same instant, rewrote the view").isEqualTo(2);
    }

    @Test
    void eachCommitsOffsetsWatermarkAndCaughtUpStateReachTheCardsCompleteness() throws IOException {
        SinkPipeline pipeline = pipeline(writersWithCard(1), settings().withIdleTimeout(Duration.ofMinutes(1)),
                JoinBuffer.of(NO_BOUND), Duration.ofSeconds(30));
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));

        clock.advance(Duration.ofSeconds(30));
        pipeline.put(List.of()); // the commit interval: the inputs were quiet for 30 s, not the idle timeout
        JsonNode reading = cardCompleteness().path("units").get(0);
        clock.advance(Duration.ofSeconds(60));
        pipeline.put(List.of()); // quiet for 90 s: the unit's watermark follows the clock and decides ISSUE-1

        assertThat(reading.path("offsets").toString()).isEqualTo("{\"issues-0\":1,\"resolutions-0\":4}");
        assertThat(reading.path("watermark_ms").asLong()).as("the lower input's highest event time").isEqualTo(T0);
        assertThat(reading.path("caught_up").asBoolean()).isFalse();
        JsonNode caughtUp = cardCompleteness();
        assertThat(cardRows()).isEqualTo(1);
        assertThat(caughtUp.path("units").get(0).path("commit").asLong()).isEqualTo(2);
        assertThat(caughtUp.path("units").get(0).path("caught_up").asBoolean()).isTrue();
        assertThat(caughtUp.path("units").get(0).path("as_of_ms").asLong()).isEqualTo(T0 + 90_000);
        assertThat(caughtUp.path("complete_up_to_ms").asLong()).as("clock - idle timeout").isEqualTo(T0 + 30_000);
        assertThat(caughtUp.path("complete").asBoolean()).isTrue();
    }

    @Test
    void aUnitThatCatchesUpWithoutWritingARowCommitsOnceSoThatTheCardSaysItCaughtUp() throws IOException {
        SinkPipeline pipeline = pipeline(writersWithCard(1), settings().withIdleTimeout(Duration.ofMinutes(1)),
                JoinBuffer.of(NO_BOUND), Duration.ofSeconds(30));
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, resolution(0, 0, "ORPHAN", "billing"));
        clock.advance(Duration.ofSeconds(30));
        pipeline.put(List.of());
        assertThat(cardCompleteness().path("units").get(0).path("caught_up").asBoolean()).isFalse();

        clock.advance(Duration.ofSeconds(60));
        pipeline.put(List.of()); // both inputs quiet: the orphan is dropped, no row, no file
        clock.advance(Duration.ofMinutes(5));
        pipeline.put(List.of());

        JsonNode unit = cardCompleteness().path("units").get(0);
        assertThat(unit.path("caught_up").asBoolean()).isTrue();
        assertThat(unit.path("commit").asLong()).as("one commit for catching up, none after").isEqualTo(2);
        assertThat(unit.path("watermark_ms").asLong()).isEqualTo(T0 + 30_000);
        assertThat(cardRows()).isZero();
    }

    private JsonNode cardCompleteness() throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.read(DatasetCard.JSON_KEY)
                .orElseThrow()).path("completeness");
    }

    private long cardRows() throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.read(DatasetCard.JSON_KEY)
                .orElseThrow()).path("rows").asLong();
    }

    @Test
    void nothingReadMeansNothingToCommit() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of());

        assertThat(pipeline.preCommit()).isEmpty();
    }

    @Test
    void aWaitingSubmissionDoesNotHoldItsPartitionBackOnceACheckpointHoldsIt() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issue(0, 0, "A", "first"), issue(0, 1, "B", "second"), resolution(0, 1, "B", "billing"),
                resolution(0, 5, "A", "technical"));
        advanceEventTime(pipeline, 0, T0 + 1_001);
        // B is decided and committed; A waits for event time to pass its resolution, in the checkpoint's join
        // state: a restart does not read it again.
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 7));

        advanceEventTime(pipeline, 0, T0 + 5_001);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 4, RESOLUTIONS_0, 8));
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0),
                fileKey(0, "label=technical", 2, 0));
    }

    @Test
    void aMatchIsNotSafeUntilItsFileIsCommitted() {
        SinkPipeline pipeline = opened(100, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issue(0, 0, "A", "first"), resolution(0, 0, "A", "billing"));
        advanceEventTime(pipeline, 0, T0 + 1);
        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(committedKeys()).isEmpty();

        clock.advance(ROTATE.minusMillis(1));
        pipeline.put(List.of());
        assertThat(pipeline.preCommit()).isEmpty();

        clock.advanceMillis(1);
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 2));
    }

    @Test
    void preCommitReportsOnlyAssignedPartitions() {
        SinkPipeline pipeline = pipeline(1, settings(), NO_BOUND);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0));

        put(pipeline, issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"));
        advanceEventTime(pipeline, 0, T0 + 1);

        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void aBadRecordIsReportedWithItsReasonAndSettled() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord bad = record(RESOLVED_TOPIC, 0, 5, "A", Map.of("resolved_by", "agent"));

        pipeline.put(List.of(bad));

        assertThat(errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(bad);
            assertThat(report.error()).isInstanceOf(BadRecordException.class)
                    .hasMessage("Record resolutions-0@5 cannot be used: the label field 'department' is missing or "
                            + "null. Fix: fix the producer or point label.field at the label.");
        });
        assertThat(pipeline.preCommit()).as("nothing committed yet").isEmpty();
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 6));
    }

    @Test
    void aBadRecordAndAWaitingOneAreCoveredByTheNextCheckpoint() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "A", "t"), record(SUBMITTED_TOPIC, 0, 1, null, Map.of("title", "t"))));

        assertThat(errors.reported).extracting(report -> report.error().getMessage()).containsExactly(
                "Record issues-0@1 cannot be used: it has no join key: its record key is missing or null. Fix: "
                        + "produce the records with a key, or set submitted.key.field to the field that holds it.");
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void aCommitWaitsForTheReportsItCovers() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        CountingFuture report = new CountingFuture();
        errors.answer(() -> report);

        pipeline.put(List.of(record(RESOLVED_TOPIC, 0, 0, null, Map.of("department", "billing"))));
        assertThat(report.gets).isZero();

        commitInterval(pipeline);
        assertThat(report.gets).isEqualTo(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 1));

        pipeline.preCommit();
        assertThat(report.gets).as("a report is awaited once").isEqualTo(1);
    }

    @Test
    void aFailedReportCommitsNothingAndFailsThePut() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        IllegalStateException cause = new IllegalStateException("topic support-routing-dlq does not exist");
        errors.answer(() -> CompletableFuture.failedFuture(cause));
        put(pipeline, issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"),
                record(RESOLVED_TOPIC, 0, 1, null, Map.of("department", "billing")));
        // The row of A is due to be committed: its checkpoint would cover the failed report.
        assertThatThrownBy(() -> advanceEventTime(pipeline, 0, T0 + 1)).isInstanceOf(ConnectException.class);

        // Throwing from preCommit would make WorkerSinkTask seek back and re-deliver into live join state.
        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(committedKeys()).isEmpty();
        assertThatThrownBy(() -> pipeline.put(List.of()))
                .isInstanceOf(ConnectException.class)
                .hasMessage("A bad record could not be reported to the dead-letter queue (topic support-routing-dlq "
                        + "does not exist). Check that the DLQ topic exists and the worker can write to it, then "
                        + "restart the task; nothing after the last committed offset is lost.")
                .hasCause(cause);
    }

    @Test
    void closingPartOfAUnitDropsItAndRewindsTheRestOfThatUnit() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        put(pipeline,
                issue(0, 0, "C", "joined"), resolution(0, 0, "C", "billing"),
                issue(0, 1, "A", "waits"), resolution(0, 1, "Z", "orphan-to-be"),
                issue(1, 0, "B", "waits in unit 1"));
        advanceEventTime(pipeline, 0, T0 + 1);
        // Unit 0 committed C's row (with A and Z waiting in its checkpoint); unit 1 has not committed yet.
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 2));

        pipeline.close(List.of(ISSUES_0));

        assertThat(task.rewinds()).containsExactly(Map.of(RESOLUTIONS_0, 2L));
        assertThat(pipeline.preCommit()).isEmpty();

        put(pipeline, resolution(1, 0, "B", "shipping"));
        advanceEventTime(pipeline, 1, T0 + 1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 2, RESOLUTIONS_1, 2));
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0), fileKey(1, "label=shipping", 1, 0));
    }

    @Test
    void closingAWholeUnitRewindsNothingAndDiscardsItsOpenFiles() {
        SinkPipeline pipeline = opened(100, ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        put(pipeline, issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"),
                issue(1, 0, "B", "t"), resolution(1, 0, "B", "shipping"));
        advanceEventTime(pipeline, 0, T0 + 1);
        advanceEventTime(pipeline, 1, T0 + 1);

        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(task.rewinds()).isEmpty();
        assertThat(pipeline.preCommit()).isEmpty();
        clock.advance(ROTATE);
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(1, "label=shipping", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 2, RESOLUTIONS_1, 2));
    }

    @Test
    void aSubmissionWithoutResolutionTimesOutWhenEventTimePassesItsWindow() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        put(pipeline, issue(0, 0, "A", "never resolved"));

        clock.advance(WINDOW.multipliedBy(2));
        pipeline.put(List.of());
        assertThat(committedKeys()).as("the wall clock alone decides nothing (no idle timeout)").isEmpty();

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(committedKeys()).isEmpty();
        assertThat(pipeline.preCommit()).as("the commit interval passed: A waits in a checkpoint")
                .isEqualTo(offsets(ISSUES_0, 1));

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);

        String key = fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> {
            assertThat(row.partitions()).containsOnlyKeys("label").containsEntry("label", null);
            assertThat(row.columns()).isEqualTo(columns("A", "never resolved", T0, null, null, "timed_out", 0));
        });
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    @Test
    void withAnIdleTimeoutQuietInputsStopHoldingTheUnitBack() {
        Duration idle = Duration.ofMinutes(1);
        SinkPipeline pipeline = opened(1, settings().withIdleTimeout(idle), ISSUES_0, RESOLUTIONS_0);
        put(pipeline, issue(0, 0, "A", "never resolved"));

        // Once both inputs are idle (resolutions-0 never delivered), the unit's watermark is the clock minus
        // the idle timeout.
        clock.advance(idle.plus(WINDOW));
        pipeline.put(List.of());
        assertThat(committedKeys()).isEmpty();

        clock.advanceMillis(1);
        pipeline.put(List.of());
        // The first interval committed A waiting (commit 1); its timeout is in commit 2.
        String key = fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> assertThat(row.columns())
                .isEqualTo(columns("A", "never resolved", T0, null, null, "timed_out", 0)));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1));
    }

    @Test
    void aDroppedTimeoutWritesNothingAndIsSettled() {
        SinkPipeline pipeline = opened(1, settings().with(Policies.TimedOut.DROP), ISSUES_0, RESOLUTIONS_0);
        put(pipeline, issue(0, 0, "A", "never resolved"));

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);

        assertThat(committedKeys()).isEmpty();
        assertThat(errors.reported).isEmpty();
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 1));
    }

    @Test
    void aTimedOutSubmissionWithPolicyDlqIsReportedWithItsRecordAndSettled() {
        SinkPipeline pipeline = opened(1, settings().with(Policies.TimedOut.DLQ), ISSUES_0, RESOLUTIONS_0);
        SinkRecord issue = issue(0, 0, "A", "never resolved");
        put(pipeline, issue);

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(errors.reported).isEmpty();

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);
        assertThat(errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(issue);
            assertThat(report.error()).isInstanceOf(DataException.class)
                    .hasMessage("Submission issues-0@0 got no resolution within join.window.after.ms; "
                            + "join.timed.out.policy=dlq. Widen join.window.after.ms if its resolutions come later, "
                            + "or set join.timed.out.policy=emit.");
        });
        assertThat(committedKeys()).isEmpty();
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    @Test
    void anOrphanResolutionIsReportedWithItsRecordOnceEventTimePassesIt() {
        SinkPipeline pipeline = opened(1, JoinSettings.of(WINDOW), ISSUES_0, RESOLUTIONS_0);
        SinkRecord orphan = resolution(0, 0, "Z", "billing");
        put(pipeline, orphan);

        advanceEventTime(pipeline, 0, T0);
        assertThat(errors.reported).as("a submission at its time could still come").isEmpty();

        advanceEventTime(pipeline, 0, T0 + 1);
        assertThat(errors.reportedExceptClock()).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(orphan);
            assertThat(report.error()).isInstanceOf(DataException.class)
                    .hasMessage("Resolution resolutions-0@0 matched no submission: none has a time from "
                            + "join.window.after.ms before its own to join.window.before.ms after it, and no later "
                            + "one can come. Check the key and the window (join.window.*), or set "
                            + "join.orphan.policy=drop.");
        });
        assertThat(committedKeys()).isEmpty();
        commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 3));
    }

    @Test
    void aLateRecordIsReportedWithItsRecordAndSettled() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord late = resolutionAt(0, 1, T0 + 2_000, "Y", "billing");

        put(pipeline, issueAt(0, 0, T0 + 4_000, "X", "t"), resolutionAt(0, 0, T0 + 5_000, "X", "billing"), late);

        assertThat(errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(late);
            assertThat(report.error()).isInstanceOf(DataException.class)
                    .hasMessage(LATE_WITHOUT_CONTENT);
        });

        advanceEventTime(pipeline, 0, T0 + 5_001);
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(errors.reported).hasSize(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 3));
    }

    @Test
    void aRecordFarAheadOfTheClockIsReportedAndTheRestOfItsPartitionJoinsOn() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord year9999 = issueAt(0, 0, YEAR_9999, "P", "placeholder date");

        put(pipeline, year9999, issueAt(0, 1, T0, "X", "t"), resolutionAt(0, 0, T0 + 1_000, "X", "billing"));

        assertThat(errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(year9999);
            assertThat(report.error()).isInstanceOf(DataException.class)
                    .hasMessage("Submission issues-0@0 has an event time ahead of the worker's clock by more than "
                            + "join.time.max.ahead.ms (86400000 ms): it was not joined and moved no watermark. Fix "
                            + "the producer's clock or time unit (a placeholder date, or micro- or nanoseconds read "
                            + "as milliseconds), or raise join.time.max.ahead.ms if such times are real.");
        });
        advanceEventTime(pipeline, 0, T0 + 1_001);
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(errors.reported).hasSize(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    /**
     * Writes a checkpoint of unit 0 as versions without join.time.max.ahead.ms did: year-9999 events on
     * both sides raise the watermarks for ever, and the checkpoint keeps them; a real resolution that
     * follows is late. Clears the reports.
     */
    private void writePoisonedCheckpoint() {
        SinkPipeline poisoned = opened(1, settings().withMaxAhead(Duration.ofMillis(Long.MAX_VALUE)), ISSUES_0,
                RESOLUTIONS_0);
        put(poisoned, issueAt(0, 0, YEAR_9999, "P", "placeholder"), resolutionAt(0, 0, YEAR_9999, "Q", "x"),
                resolutionAt(0, 1, T0, "A", "billing"));
        assertThat(errors.reported).singleElement().satisfies(report -> assertThat(report.error().getMessage())
                .startsWith("Resolution resolutions-0@1 is late"));
        commitInterval(poisoned);
        poisoned.close();
        errors.reported.clear();
    }

    @Test
    void aCheckpointPoisonedBeforeTheBoundIsRepairedAtRestoreWithAWarning() {
        writePoisonedCheckpoint();

        SinkPipeline pipeline = pipeline(1, settings(), NO_BOUND);
        try (LogCapture log = new LogCapture(UnitPipeline.class.getName())) {
            pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
            assertThat(log.messages()).singleElement().isEqualTo("Unit 0: its checkpoint holds event times beyond "
                    + "the worker's clock 2025-11-24T16:10:00Z plus join.time.max.ahead.ms, written before Trainset "
                    + "refused them: unit watermark 9999-12-31T23:59:59Z -> none, highest event time of "
                    + "[issues-0=9999-12-31T23:59:59Z, resolutions-0=9999-12-31T23:59:59Z] -> [] (absent: set "
                    + "again by its next event); 2 held events beyond it go to the dead-letter queue. Records of "
                    + "these inputs reported late while the watermark was wrong are in the dead-letter queue with "
                    + "their original values: replay them (docs/join-semantics.md, \"Event times ahead of the "
                    + "clock\").");
        }
        put(pipeline, issueAt(0, 1, T0 + 1_000, "B", "t"), resolutionAt(0, 2, T0 + 2_000, "B", "billing"));
        assertThat(errors.reported).extracting(report -> report.record().kafkaOffset(), report -> report.record()
                .topic()).containsExactlyInAnyOrder(tuple(0L, SUBMITTED_TOPIC), tuple(0L, RESOLVED_TOPIC));
        assertThat(errors.reported).allSatisfy(report -> assertThat(report.error().getMessage())
                .contains("ahead of the worker's clock"));
        advanceEventTime(pipeline, 0, T0 + 2_001);
        assertThat(committedKeys()).contains(fileKey(0, "label=billing", 2, 0));
    }

    @Test
    void anOutOfOrderRecordWithinTheGraceIsNotLate() {
        SinkPipeline pipeline = opened(1, settings().withGrace(Duration.ofSeconds(3)), ISSUES_0, RESOLUTIONS_0);

        put(pipeline, resolutionAt(0, 0, T0 + 5_000, "X", "billing"), issueAt(0, 0, T0 + 4_000, "X", "t"),
                resolutionAt(0, 1, T0 + 2_000, "Y", "technical"), issueAt(0, 1, T0 + 1_000, "Y", "t"));
        advanceEventTime(pipeline, 0, T0 + 8_001);

        assertThat(errors.reported).isEmpty();
        assertThat(committedKeys()).containsExactlyInAnyOrder(fileKey(0, "label=technical", 1, 0),
                fileKey(0, "label=billing", 1, 1));
    }

    @Test
    void everyResolutionBecomesARowWithTheCountUnderPolicyAll() {
        SinkPipeline pipeline = opened(1, settings().with(Policies.Resolutions.ALL), ISSUES_0, RESOLUTIONS_0);
        put(pipeline, issue(0, 0, "A", "moved around"), resolution(0, 1, "A", "billing"),
                resolution(0, 2, "A", "technical"));

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(committedKeys()).as("policy all waits for the window to close").isEmpty();

        advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);
        String billing = fileKey(0, "label=billing", 1, 0);
        String technical = fileKey(0, "label=technical", 1, 1);
        assertThat(committedKeys()).containsExactly(billing, technical);
        assertThat(rowsOf(billing)).singleElement().satisfies(row -> assertThat(row.columns())
                .isEqualTo(columns("A", "moved around", T0, T0 + 1_000, 1_000L, "joined", 2)));
        assertThat(rowsOf(technical)).singleElement().satisfies(row -> assertThat(row.columns())
                .isEqualTo(columns("A", "moved around", T0, T0 + 2_000, 2_000L, "joined", 2)));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 5));
    }

    @Test
    void overTheBufferBoundWaitingSubmissionsGoToDiskAndComeBackAsTheyWere(@TempDir Path spill) {
        SinkPipeline pipeline = pipeline(1, settings(), new JoinBuffer(1, spill));
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "A", "kept in the heap"));
        put(pipeline, issue(0, 1, "B", "spilled"), issueAt(0, 2, T0 + 1_000, "B", "spilled"),
                issueAt(0, 3, T0, "A", "kept in the heap"));
        assertThat(pipeline.spilledCount()).as("the submissions after the first put went to disk").isEqualTo(3);
        commitInterval(pipeline);
        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        SinkPipeline restored = pipeline(1, settings(), new JoinBuffer(1, spill));
        restored.open(List.of(ISSUES_0, RESOLUTIONS_0));
        assertThat(restored.spilledCount()).as("restored values past the bound go to disk again").isEqualTo(1);

        put(restored, resolution(0, 4, "A", "billing"), resolution(0, 5, "B", "technical"));
        advanceEventTime(restored, 0, T0 + 5_001);

        assertThat(committedKeys().stream().flatMap(key -> rowsOf(key).stream())
                .map(row -> row.columns().get("key") + ": " + row.columns().get("title") + " -> " + row.partitions()))
                .as("one row per key, with the values the checkpoint took from the spill")
                .containsExactlyInAnyOrder("A: kept in the heap -> {label=billing}", "B: spilled -> {label=technical}");
    }

    @Test
    void openFailsWhenAUnitMissesAPartitionOfAnotherInputTopic() {
        SinkPipeline pipeline = pipeline(1, settings(), NO_BOUND);
        task.assign(ISSUES_0, RESOLUTIONS_0, ISSUES_1);

        assertThatThrownBy(() -> pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0, ISSUES_1)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Input topics are not co-partitioned for this task: it was assigned [issues-0, issues-1, "
                        + "resolutions-0] but not [resolutions-1]. Trainset joins partition N of every input topic "
                        + "[issues, resolutions] together, so each needs the same partition count and one task must "
                        + "own partition N of all of them. Fix: give every input topic the same number of partitions, "
                        + "produce both sides with the same key and partitioner, and keep the consumer's range "
                        + "assignor (consumer.override.partition.assignment.strategy=org.apache.kafka.clients."
                        + "consumer.RangeAssignor).");
    }

    @Test
    void openChecksTheWholeAssignmentNotOnlyTheOpenedPartitions() {
        SinkPipeline pipeline = pipeline(1, settings(), NO_BOUND);
        task.assign(ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        // Cooperative rebalancing opens the newly assigned partitions only: the unit is whole.
        pipeline.open(List.of(ISSUES_1));

        task.assign(ISSUES_0, RESOLUTIONS_0, RESOLUTIONS_1);
        assertThatThrownBy(() -> pipeline.open(List.of(RESOLUTIONS_1)))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Input topics are not co-partitioned for this task: it was assigned "
                        + "[issues-0, resolutions-0, resolutions-1] but not [issues-1].");
    }

    @Test
    void theBufferBoundPausesTheInputThatRunsAheadAndResumesItBelow80Percent() {
        // Held sizes (EventSizes): an issue with a 10,000-character title ~10.3 KB, a resolution ~0.3 KB.
        SinkPipeline pipeline = pipeline(1, settings(), 25_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        String big = "x".repeat(10_000);

        put(pipeline, issue(0, 0, "A", big), issue(0, 1, "B", big));
        assertThat(task.pauses()).as("~20.7 KB held, under the bound").isEmpty();

        put(pipeline, issue(0, 2, "C", big));
        assertThat(task.pauses()).as("~31 KB held; resolutions-0 delivered nothing yet, issues-0 is ahead")
                .containsExactly(Set.of(ISSUES_0));

        put(pipeline, resolution(0, 0, "A", "billing"));
        assertThat(task.pauses()).as("paused once").hasSize(1);

        put(pipeline, resolution(0, 1, "B", "billing"));
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(task.resumes()).as("~21 KB held: under the bound, not under 80% of it").isEmpty();
        assertThat(task.paused()).containsExactly(ISSUES_0);

        put(pipeline, resolution(0, 2, "C", "billing"));
        assertThat(task.resumes()).as("~10.7 KB held").containsExactly(Set.of(ISSUES_0));
        assertThat(task.paused()).isEmpty();
        assertThat(task.pauses()).hasSize(1);
    }

    @Test
    void aPausedInputIsResumedOnceItsUnitCaughtUpEvenWhileAnotherUnitHoldsTheBuffer() {
        SinkPipeline pipeline = pipeline(1, settings(), 25_000);
        task.assign(ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1));
        String big = "x".repeat(10_000);

        // Unit 1 holds two large issues behind a resolutions partition that stays silent: ~20.7 KB for good.
        put(pipeline, issue(1, 0, "P", big), issue(1, 1, "Q", big));
        put(pipeline, issue(0, 0, "A", big));
        assertThat(task.paused()).as("~31 KB held: both issue partitions run ahead")
                .containsExactlyInAnyOrder(ISSUES_0, ISSUES_1);

        put(pipeline, resolutionAt(0, 0, T0 + 5_000, "A", "billing"));
        assertThat(task.resumes()).as("issues-0 is no longer ahead of its unit, although unit 1 still holds more "
                + "than 80% of the bound").containsExactly(Set.of(ISSUES_0));
        assertThat(task.paused()).contains(ISSUES_1).doesNotContain(ISSUES_0);
    }

    @Test
    void theFirstPartitionOfABatchAfterAQuietSpellDoesNotFindTheOthersSilent() {
        Duration idle = Duration.ofMinutes(1);
        long weeksAgo = T0 - Duration.ofDays(30).toMillis();
        SinkPipeline pipeline = pipeline(1, settings().withIdleTimeout(idle), 1_000_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issueAt(0, 0, weeksAgo, "A", "t"), resolutionAt(0, 0, weeksAgo, "Z", "billing"));

        clock.advance(idle.plusSeconds(1)); // e.g. the worker did not call put() meanwhile
        put(pipeline, issueAt(0, 1, weeksAgo + 600_000, "B", "t"),
                resolutionAt(0, 1, weeksAgo + 60_000, "A", "billing"));

        assertThat(errors.reportedExceptClock()).as("resolutions-0 delivers in this batch: A's resolution is "
                + "not late behind issues-0").noneMatch(report -> report.record().topic().equals(RESOLVED_TOPIC)
                        && report.record().kafkaOffset() == 1);
    }

    @Test
    void aPausedInputIsNotIdleSoItsUnitDoesNotCloseUpToTheClockBeforeItIsResumed() {
        Duration idle = Duration.ofMinutes(1);
        SinkPipeline pipeline = pipeline(1, settings().withIdleTimeout(idle), 25_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        String big = "x".repeat(10_000);
        put(pipeline, issue(0, 0, "A", big), issue(0, 1, "B", big), issue(0, 2, "C", big));
        assertThat(task.paused()).containsExactly(ISSUES_0);

        clock.advance(idle.plus(WINDOW).plusMillis(1));
        pipeline.put(List.of());
        pipeline.put(List.of());
        assertThat(committedKeys()).as("issues-0 was paused, not quiet: A, B and C are still open").isEmpty();
        assertThat(task.resumes()).containsExactly(Set.of(ISSUES_0));

        clock.advance(idle);
        pipeline.put(List.of());
        pipeline.put(List.of());
        assertThat(committedKeys()).as("quiet for the idle timeout since it was resumed: A, B, C timed out")
                .containsExactly(fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0),
                        fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 1),
                        fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 2));
    }

    @Test
    void aPausedPartitionThatIsRevokedIsForgotten() {
        SinkPipeline pipeline = pipeline(1, settings(), 1_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(task.pauses()).containsExactly(Set.of(ISSUES_0));

        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        task.assign(ISSUES_1, RESOLUTIONS_1);
        pipeline.open(List.of(ISSUES_1, RESOLUTIONS_1));
        put(pipeline, issue(1, 0, "E", "t"));

        // Connect refuses to resume a partition the task no longer owns (FakeTaskPort too).
        assertThat(task.resumes()).isEmpty();
    }

    @Test
    void aPartitionConnectPausesAgainOnReassignmentIsResumedWhenItsUnitOpens() {
        SinkPipeline pipeline = pipeline(1, settings(), 1_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(task.paused()).containsExactly(ISSUES_0);

        // Connect remembers the task's pauses and applies them again when the partition comes back.
        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(task.resumes()).containsExactly(Set.of(ISSUES_0));
        assertThat(task.paused()).isEmpty();
    }

    @Test
    void aPausedPartitionWhoseUnitIsClosedIsResumed() {
        SinkPipeline pipeline = pipeline(1, settings(), 1_000);
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(task.pauses()).containsExactly(Set.of(ISSUES_0));

        pipeline.close(List.of(RESOLUTIONS_0));
        task.assign(ISSUES_0);
        pipeline.put(List.of());

        assertThat(task.rewinds()).containsExactly(Map.of(ISSUES_0, 0L));
        assertThat(task.resumes()).containsExactly(Set.of(ISSUES_0));
        assertThat(task.paused()).isEmpty();
    }

    @Test
    void inProcessingTimeModeTheWorkersClockIsTheEventTime() {
        EventExtractor extractor = new EventExtractor(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                new EventSettings(Optional.empty(), Optional.empty(), Policies.TimeMode.PROCESSING,
                        Optional.empty(), "submitted", "resolved"),
                clock::millis, Optional.empty(), Optional.empty(), FieldPath.parse("department"),
                new FeatureExtractor(List.of(), List.of()));
        SinkPipeline pipeline = new SinkPipeline(extractor, List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC), settings(),
                JoinBuffer.of(NO_BOUND), writers(1), errors, task, clock, ROTATE, TaskLanes.direct(),
                new BadRecordLog(false, clock));
        task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        // The records' own timestamps (a day apart, the resolution first) do not matter.
        put(pipeline, resolutionAt(0, 0, T0 - 86_400_000, "A", "billing"), issueAt(0, 0, T0, "A", "t"));
        clock.advanceMillis(1_500);
        advanceEventTime(pipeline, 0, 0);

        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> assertThat(row.columns())
                .isEqualTo(columns("A", "t", T0, T0, 0L, "joined", 1)));
    }

    @Test
    void inSingleTopicModeAUnitIsOnePartitionOfTheEventsTopic() {
        String events = "support-events";
        TopicPartition events0 = new TopicPartition(events, 0);
        EventExtractor extractor = new EventExtractor(Map.of(), new EventSettings(Optional.empty(), Optional.empty(),
                Policies.TimeMode.EVENT, Optional.of(FieldPath.parse("type")), "submitted", "resolved"),
                clock::millis, Optional.empty(), Optional.empty(), FieldPath.parse("department"),
                new FeatureExtractor(List.of(FieldPath.parse("title")), List.of()));
        SinkPipeline pipeline = new SinkPipeline(extractor, List.of(events), settings(), JoinBuffer.of(NO_BOUND), writers(1),
                errors, task, clock, ROTATE, TaskLanes.direct(), new BadRecordLog(false, clock));
        task.assign(events0);
        pipeline.open(List.of(events0));
        EventClock singleTopicTime = new EventClock(List.of(events),
                topic -> Map.of("type", "resolved", "department", "clock"));

        pipeline.put(singleTopicTime.sent(List.of(
                record(events, 0, 0, "A", Map.of("type", "submitted", "title", "Charged twice")),
                record(events, 0, 1, "A", Map.of("type", "resolved", "department", "billing")))));
        assertThat(committedKeys()).isEmpty();

        pipeline.put(singleTopicTime.tick(0, T0 + 1_001));
        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> assertThat(row.columns())
                .isEqualTo(columns("A", "Charged twice", T0, T0 + 1_000, 1_000L, "joined", 1)));
        assertThat(errors.reported).isEmpty();
        assertThat(pipeline.preCommit()).isEqualTo(offsets(events0, 3));
    }

    /** A record whose value fails to convert with a message that quotes it, as a converter's might. */
    private static SinkRecord explodingWithContent() {
        return new SinkRecord(SUBMITTED_TOPIC, 0, null, "A", null, Map.of(), 0, T0, TimestampType.CREATE_TIME) {
            @Override
            public Object value() {
                throw new IllegalStateException("cannot convert 'card 4111-1111-1111-1111'",
                        new IllegalArgumentException("at 'card 4111-1111-1111-1111'"));
            }
        };
    }

    /** What Connect's LogReporter logs of a reported error (with errors.log.enable=true): message and stack trace. */
    private static String logged(Throwable error) {
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    @Test
    void withoutIncludeMessagesABadRecordIsReportedWithoutItsContent() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, explodingWithContent());

        assertThat(errors.reportedExceptClock()).singleElement().satisfies(report -> assertThat(
                logged(report.error())).contains("IllegalStateException").doesNotContain("4111"));
        assertThat(errors.reportedExceptClock().get(0).error()).isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-0@0 cannot be used: reading it failed with java.lang.IllegalStateException. "
                        + "Fix: check the record against the documented formats (docs/dataset.md); if it is one of "
                        + "them, report this failure to Trainset.")
                .cause().hasMessage("java.lang.IllegalStateException (message left out: "
                        + "errors.log.include.messages=false)")
                .cause().hasMessage("java.lang.IllegalArgumentException (message left out: "
                        + "errors.log.include.messages=false)");
    }

    @Test
    void withIncludeMessagesABadRecordIsReportedWithItsContent() {
        includeMessages = true;
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord exploding = explodingWithContent();

        put(pipeline, exploding);

        assertThat(errors.reportedExceptClock()).singleElement().satisfies(report -> assertThat(report.error())
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-0@0 cannot be used: reading it failed with java.lang.IllegalStateException: "
                        + "cannot convert 'card 4111-1111-1111-1111'. Fix: check the record against the documented "
                        + "formats (docs/dataset.md); if it is one of them, report this failure to Trainset.")
                .cause().hasMessage("cannot convert 'card 4111-1111-1111-1111'"));
    }

    @Test
    void withoutIncludeMessagesALateRecordIsReportedWithoutItsKeyOrTimes() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issueAt(0, 0, T0 + 4_000, "X", "t"), resolutionAt(0, 0, T0 + 5_000, "X", "billing"),
                resolutionAt(0, 1, T0 + 2_000, "customer-7", "billing"));

        assertThat(errors.reported).singleElement().satisfies(report -> assertThat(report.error())
                .isInstanceOf(DataException.class).hasNoCause().hasMessage(LATE_WITHOUT_CONTENT));
    }

    @Test
    void withIncludeMessagesALateRecordIsReportedWithItsKeyAndTimes() {
        includeMessages = true;
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        put(pipeline, issueAt(0, 0, T0 + 4_000, "X", "t"), resolutionAt(0, 0, T0 + 5_000, "X", "billing"),
                resolutionAt(0, 1, T0 + 2_000, "customer-7", "billing"));

        assertThat(errors.reported).singleElement().satisfies(report -> assertThat(report.error())
                .hasMessage("Resolution resolutions-0@1 (key customer-7, time 2025-11-24T16:00:02Z) is late: it is "
                        + "behind its input's watermark 2025-11-24T16:00:05Z, so the join may already have decided "
                        + "its key. Raise join.grace.ms to the disorder of your producers, or set "
                        + "join.late.policy=drop or join."));
    }

    @Test
    void eventsEvictedFromAPoisonedCheckpointAreLoggedAtWarnAsBadRecordsThrottled() {
        writePoisonedCheckpoint();
        SinkPipeline pipeline = pipeline(1, settings(), NO_BOUND);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        try (LogCapture log = new LogCapture(BadRecordLog.class.getName())) {
            pipeline.put(List.of());

            assertThat(errors.reported).hasSize(2);
            assertThat(log.messages()).as("one line per reason and minute").singleElement().isIn(
                    "Submission issues-0@0 has an event time ahead of the worker's clock by more than "
                            + "join.time.max.ahead.ms (86400000 ms): it was not joined and moved no watermark. Fix "
                            + "the producer's clock or time unit (a placeholder date, or micro- or nanoseconds read "
                            + "as milliseconds), or raise join.time.max.ahead.ms if such times are real.",
                    "Resolution resolutions-0@0 has an event time ahead of the worker's clock by more than "
                            + "join.time.max.ahead.ms (86400000 ms): it was not joined and moved no watermark. Fix "
                            + "the producer's clock or time unit (a placeholder date, or micro- or nanoseconds read "
                            + "as milliseconds), or raise join.time.max.ahead.ms if such times are real.");
        }
    }

    @Test
    void anIdleUnitWhoseRestoreRepairedItsCheckpointCheckpointsAndIsNotRepairedAgain() throws IOException {
        writePoisonedCheckpoint();
        long poisonedSequence = checkpoints().newest(0).orElseThrow().sequence();
        SinkPipeline repaired = pipeline(1, settings(), NO_BOUND);
        repaired.open(List.of(ISSUES_0, RESOLUTIONS_0));
        repaired.put(List.of());
        assertThat(errors.reported).hasSize(2);
        assertThat(task.wakeUps()).last().isEqualTo(ROTATE.toMillis());

        commitInterval(repaired);
        assertThat(checkpoints().newest(0).orElseThrow().sequence()).as("checkpointed without records")
                .isGreaterThan(poisonedSequence);
        repaired.close();
        errors.reported.clear();

        SinkPipeline restarted = pipeline(1, settings(), NO_BOUND);
        try (LogCapture log = new LogCapture(UnitPipeline.class.getName())) {
            restarted.open(List.of(ISSUES_0, RESOLUTIONS_0));
            restarted.put(List.of());
            assertThat(log.messages()).noneMatch(message -> message.contains("beyond the worker's clock"));
        }
        assertThat(errors.reported).isEmpty();
    }

    private static Map<String, Object> columns(String key, String title, long submittedAt, Long resolvedAt,
                                               Long resolutionMs, String status, int resolutionCount) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("key", key);
        columns.put("title", title);
        columns.put("submitted_at", submittedAt);
        columns.put("resolved_at", resolvedAt);
        columns.put("resolution_ms", resolutionMs);
        columns.put("join_status", status);
        columns.put("split", Datasets.ALL);
        columns.put("resolution_count", resolutionCount);
        return columns;
    }

    /** Records every report; answers with a completed future unless told otherwise. */
    private static final class RecordingErrors implements RecordErrors {
        record Report(SinkRecord record, Throwable error) {}

        final List<Report> reported = new ArrayList<>();
        private Supplier<Future<Void>> answer = () -> CompletableFuture.completedFuture(null);

        /** The reports of records other than the event clock's. */
        List<Report> reportedExceptClock() {
            return reported.stream().filter(report -> !EventClock.isClock(report.record())).toList();
        }

        void answer(Supplier<Future<Void>> answer) {
            this.answer = answer;
        }

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            reported.add(new Report(record, error));
            return answer.get();
        }
    }

    /** A completed report that counts how often it was waited for. */
    private static final class CountingFuture implements Future<Void> {
        int gets;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Void get() {
            gets++;
            return null;
        }

        @Override
        public Void get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
