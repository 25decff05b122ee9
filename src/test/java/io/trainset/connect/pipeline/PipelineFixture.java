package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.EventClock;
import io.trainset.connect.testing.FakeTaskPort;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The set-up of the pipeline tests: a {@link SinkPipeline} over issues/resolutions (keys from the record
 * keys, label 'department', one split, {@code label=} as the only path level) on a local store, with a test
 * clock, a {@link FakeTaskPort}, the reports it made and an {@link EventClock}; the records the tests put
 * and what they read back. Every pipeline of these tests is built by {@link PipelineBuilder#build()}.
 */
final class PipelineFixture {

    static final long T0 = 1_764_000_000_000L;
    static final Duration WINDOW = Duration.ofHours(1);
    static final long WINDOW_MS = WINDOW.toMillis();
    /** Files rotate after this; a unit that read records commits after it unless a test sets another interval. */
    static final Duration ROTATE = Duration.ofMinutes(10);

    static final long NO_BOUND = Long.MAX_VALUE;
    static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    static final TopicPartition ISSUES_0 = new TopicPartition(SUBMITTED_TOPIC, 0);
    static final TopicPartition RESOLUTIONS_0 = new TopicPartition(RESOLVED_TOPIC, 0);
    static final TopicPartition ISSUES_1 = new TopicPartition(SUBMITTED_TOPIC, 1);
    static final TopicPartition RESOLUTIONS_1 = new TopicPartition(RESOLVED_TOPIC, 1);

    final Path root;
    final LocalObjectStore store;
    final TestClock clock = TestClock.atMillis(T0);
    final RecordingErrors errors = new RecordingErrors();
    final FakeTaskPort task = new FakeTaskPort();
    final EventClock eventTime = new EventClock(
            List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC),
            topic -> topic.equals(SUBMITTED_TOPIC) ? Map.of("title", "clock") : Map.of("department", "clock"));
    /** The connector's errors.log.include.messages (false, its default, unless a test sets it). */
    boolean includeMessages;

    /** A fixture whose store is a local one at {@code root} (a test's temporary directory). */
    PipelineFixture(Path root) {
        this.root = root;
        try {
            this.store = new LocalObjectStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The join of most tests: a 1h window, no grace, timed-out submissions written; orphans are
     * dropped because every resolution of the {@link EventClock} ends as one.
     */
    static JoinSettings settings() {
        return JoinSettings.of(WINDOW).with(Policies.Orphan.DROP);
    }

    /** A pipeline of this fixture's store, clock, task, reports and {@link #includeMessages}: set what a test needs. */
    PipelineBuilder builder() {
        return new PipelineBuilder(store, clock).errors(errors).task(task).includeMessages(includeMessages);
    }

    /** A pipeline over the defaults of {@link PipelineBuilder} but for the flush size, join and buffer bound. */
    SinkPipeline pipeline(int flushSize, JoinSettings settings, long bufferMaxBytes) {
        return builder()
                .flushSize(flushSize)
                .settings(settings)
                .buffer(JoinBuffer.of(bufferMaxBytes))
                .build();
    }

    /** A pipeline whose task was assigned and opened {@code partitions}. */
    SinkPipeline opened(int flushSize, JoinSettings settings, TopicPartition... partitions) {
        return opened(pipeline(flushSize, settings, NO_BOUND), partitions);
    }

    SinkPipeline opened(int flushSize, TopicPartition... partitions) {
        return opened(flushSize, settings(), partitions);
    }

    /** Assigns {@code partitions} to the task and opens them. */
    SinkPipeline opened(SinkPipeline pipeline, TopicPartition... partitions) {
        task.assign(partitions);
        pipeline.open(List.of(partitions));
        return pipeline;
    }

    /** The checkpoints of this fixture's store, as the pipelines it builds keep them. */
    CheckpointStore checkpoints() {
        return CheckpointStores.unowned(store);
    }

    /** Lets the commit interval pass: a unit that read records since its last commit writes a checkpoint. */
    void commitInterval(SinkPipeline pipeline) {
        clock.advance(ROTATE);
        pipeline.put(List.of());
    }

    /** Puts records, noting their offsets so that the event clock's records go after them. */
    void put(SinkPipeline pipeline, SinkRecord... records) {
        pipeline.put(eventTime.sent(List.of(records)));
    }

    /**
     * Moves the event time of {@code unit} to {@code timestampMs} with a clock record on each of its
     * inputs: every decision whose point is before it is made (a watermark must pass a point strictly).
     */
    void advanceEventTime(SinkPipeline pipeline, int unit, long timestampMs) {
        pipeline.put(eventTime.tick(unit, timestampMs));
    }

    List<ReadRow> rowsOf(String key) {
        try {
            return DatasetFiles.readLocal(root.resolve(key), key).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of the data files in the store. */
    List<String> committedKeys() {
        try {
            return store.list("").stream()
                    .filter(key -> key.endsWith(".parquet"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}-th file of commit {@code commit} of {@code unit}. */
    static String fileKey(int unit, String labelLevel, long commit, int index) {
        return new FileLayout(unit).fileKey(labelLevel, Datasets.ALL, commit, index);
    }

    static Map<TopicPartition, OffsetAndMetadata> offsets(Object... partitionsAndOffsets) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (int i = 0; i < partitionsAndOffsets.length; i += 2) {
            offsets.put(
                    (TopicPartition) partitionsAndOffsets[i],
                    new OffsetAndMetadata(((Number) partitionsAndOffsets[i + 1]).longValue()));
        }
        return offsets;
    }

    /** The columns of a row of the label-only dataset, in the order they are written. */
    static Map<String, Object> columns(
            String key,
            String title,
            long submittedAt,
            Long resolvedAt,
            Long resolutionMs,
            String status,
            int resolutionCount) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("key", key);
        columns.put("title", title);
        columns.put("submitted_at", submittedAt);
        columns.put("resolved_at", resolvedAt);
        columns.put("resolution_ms", resolutionMs);
        columns.put("join_status", status);
        columns.put("split", Datasets.ALL);
        columns.put("label_deadline", submittedAt + DatasetShape.DEFAULT_LABEL_WINDOW.toMillis());
        columns.put("resolution_count", resolutionCount);
        return columns;
    }

    // ---- records: schemaless maps as JsonConverter (schemas.enable=false) yields them; time = T0 + offset s
    // unless given

    static SinkRecord issue(int partition, long offset, String key, String title) {
        return issueAt(partition, offset, T0 + offset * 1_000, key, title);
    }

    static SinkRecord issueAt(int partition, long offset, long timestampMs, String key, String title) {
        return record(SUBMITTED_TOPIC, partition, offset, timestampMs, key, Map.of("title", title));
    }

    static SinkRecord resolution(int partition, long offset, String key, String department) {
        return resolutionAt(partition, offset, T0 + offset * 1_000, key, department);
    }

    static SinkRecord resolutionAt(int partition, long offset, long timestampMs, String key, String department) {
        return record(RESOLVED_TOPIC, partition, offset, timestampMs, key, Map.of("department", department));
    }

    static SinkRecord record(String topic, int partition, long offset, String key, Map<String, ?> value) {
        return record(topic, partition, offset, T0 + offset * 1_000, key, value);
    }

    static SinkRecord record(String topic, int partition, long offset, long timestampMs, String key, Object value) {
        return new SinkRecord(topic, partition, null, key, null, value, offset, timestampMs, TimestampType.CREATE_TIME);
    }
}
