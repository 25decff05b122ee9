package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.Side;
import io.trainset.connect.join.TimedOutPolicy;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkPipelineTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Duration TIMEOUT = Duration.ofHours(1);
    private static final Duration ROTATE = Duration.ofMinutes(10);
    private static final String TOKEN = "tok";

    private static final TopicPartition ISSUES_0 = new TopicPartition(SUBMITTED_TOPIC, 0);
    private static final TopicPartition RESOLUTIONS_0 = new TopicPartition(RESOLVED_TOPIC, 0);
    private static final TopicPartition ISSUES_1 = new TopicPartition(SUBMITTED_TOPIC, 1);
    private static final TopicPartition RESOLUTIONS_1 = new TopicPartition(RESOLVED_TOPIC, 1);

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private final RecordingErrors errors = new RecordingErrors();
    private final List<Map<TopicPartition, Long>> rewinds = new ArrayList<>();

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    /** A pipeline over issues/resolutions, keys from the record keys, label 'department', 1h timeout. */
    private SinkPipeline pipeline(int flushSize, TimedOutPolicy policy) {
        EventExtractor extractor = new EventExtractor(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED), Optional.empty(),
                Optional.empty(), FieldPath.parse("department"), new FeatureExtractor(List.of(), List.of()));
        WriterContext context = WriterContext.of(store, ParquetSettings.defaults(), Datasets.labelOnly(), flushSize,
                ROTATE, clock);
        SinkPipeline.UnitWriters writers = (unit, onCommit) -> new DatasetWriter(context, unit, TOKEN, onCommit);
        return new SinkPipeline(extractor, List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC),
                new JoinSettings(TIMEOUT, policy), writers, errors, rewinds::add, clock);
    }

    private SinkPipeline opened(int flushSize, TopicPartition... partitions) {
        SinkPipeline pipeline = pipeline(flushSize, TimedOutPolicy.EMIT);
        pipeline.open(List.of(partitions));
        return pipeline;
    }

    // ---- records: schemaless maps as JsonConverter (schemas.enable=false) yields them; time = T0 + offset s

    private static SinkRecord issue(int partition, long offset, String key, String title) {
        return record(SUBMITTED_TOPIC, partition, offset, key, Map.of("title", title));
    }

    private static SinkRecord resolution(int partition, long offset, String key, String department) {
        return record(RESOLVED_TOPIC, partition, offset, key, Map.of("department", department));
    }

    private static SinkRecord record(String topic, int partition, long offset, String key, Map<String, ?> value) {
        return new SinkRecord(topic, partition, null, key, null, value, offset, T0 + offset * 1_000,
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

    private static String fileKey(int unit, String labelLevel, long sequence) {
        return new FileLayout(unit, TOKEN).fileKey(labelLevel, Datasets.ALL, sequence);
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
            return store.list("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMatchBecomesACommittedRow() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing")));

        String key = fileKey(0, "label=billing", 0);
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
                    Map.entry("join_status", "joined"));
        });
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1, RESOLUTIONS_0, 4));
    }

    @Test
    void nothingReadMeansNothingToCommit() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of());

        assertThat(pipeline.preCommit()).isEmpty();
    }

    @Test
    void aWaitingSubmissionHoldsItsPartitionBackUntilItsRowIsCommitted() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "A", "first"), issue(0, 1, "B", "second"), resolution(0, 0, "B", "billing")));
        // B's resolution was read after the waiting A: a replay from A must re-read it with B.
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 0, RESOLUTIONS_0, 0));

        pipeline.put(List.of(resolution(0, 1, "A", "technical")));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 2));
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 0),
                fileKey(0, "label=technical", 1));
    }

    @Test
    void aMatchIsNotSafeUntilItsFileIsCommitted() {
        SinkPipeline pipeline = opened(100, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "A", "first"), resolution(0, 0, "A", "billing")));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 0, RESOLUTIONS_0, 0));
        assertThat(committedKeys()).isEmpty();

        clock.advance(ROTATE.minusMillis(1));
        pipeline.put(List.of());
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 0, RESOLUTIONS_0, 0));

        clock.advanceMillis(1);
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1, RESOLUTIONS_0, 1));
    }

    @Test
    void preCommitReportsOnlyAssignedPartitions() {
        SinkPipeline pipeline = opened(1, ISSUES_0);

        pipeline.put(List.of(issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing")));

        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1));
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
        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 6));
    }

    @Test
    void aBadRecordBehindAWaitingOneDoesNotReleaseIt() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "A", "t"), record(SUBMITTED_TOPIC, 0, 1, null, Map.of("title", "t"))));

        assertThat(errors.reported).extracting(report -> report.error().getMessage()).containsExactly(
                "Record issues-0@1 cannot be used: it has no join key: its record key is missing or null. Fix: "
                        + "produce the records with a key, or set submitted.key.field to the field that holds it.");
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 0));
    }

    @Test
    void preCommitWaitsForTheReports() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        CountingFuture report = new CountingFuture();
        errors.answer(() -> report);

        pipeline.put(List.of(record(RESOLVED_TOPIC, 0, 0, null, Map.of("department", "billing"))));
        assertThat(report.gets).isZero();

        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 1));
        assertThat(report.gets).isEqualTo(1);

        pipeline.preCommit();
        assertThat(report.gets).as("a report is awaited once").isEqualTo(1);
    }

    @Test
    void aFailedReportCommitsNothingAndFailsTheNextPut() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        IllegalStateException cause = new IllegalStateException("topic support-routing-dlq does not exist");
        errors.answer(() -> CompletableFuture.failedFuture(cause));
        pipeline.put(List.of(issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"),
                record(RESOLVED_TOPIC, 0, 1, null, Map.of("department", "billing"))));

        // Throwing from preCommit would make WorkerSinkTask seek back and re-deliver into live join state.
        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(pipeline.preCommit()).isEmpty();
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
        pipeline.put(List.of(
                issue(0, 0, "C", "joined"), resolution(0, 0, "C", "billing"),
                issue(0, 1, "A", "waits"), resolution(0, 1, "Z", "orphan-to-be"),
                issue(1, 0, "B", "waits in unit 1")));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1, RESOLUTIONS_0, 1, ISSUES_1, 0));

        pipeline.close(List.of(ISSUES_0));

        assertThat(rewinds).containsExactly(Map.of(RESOLUTIONS_0, 1L));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 0));

        pipeline.put(List.of(resolution(1, 0, "B", "shipping")));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 1, RESOLUTIONS_1, 1));
        assertThat(committedKeys()).containsExactly(fileKey(0, "label=billing", 0), fileKey(1, "label=shipping", 0));
    }

    @Test
    void closingAWholeUnitRewindsNothingAndDiscardsItsOpenFiles() {
        SinkPipeline pipeline = opened(100, ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        pipeline.put(List.of(issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"),
                issue(1, 0, "B", "t"), resolution(1, 0, "B", "shipping")));

        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(rewinds).isEmpty();
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 0, RESOLUTIONS_1, 0));
        clock.advance(ROTATE);
        pipeline.put(List.of());
        assertThat(committedKeys()).containsExactly(fileKey(1, "label=shipping", 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 1, RESOLUTIONS_1, 1));
    }

    @Test
    void aSubmissionWaitingTheTimeoutByTheClockBecomesATimedOutRow() {
        SinkPipeline pipeline = opened(1, ISSUES_0, RESOLUTIONS_0);
        pipeline.put(List.of(issue(0, 0, "A", "never resolved")));

        clock.advance(TIMEOUT.minusMillis(1));
        pipeline.put(List.of());
        assertThat(committedKeys()).isEmpty();
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 0));

        clock.advanceMillis(1);
        pipeline.put(List.of());

        String key = fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 0);
        assertThat(committedKeys()).containsExactly(key);
        assertThat(rowsOf(key)).singleElement().satisfies(row -> {
            assertThat(row.partitions()).containsOnlyKeys("label").containsEntry("label", null);
            assertThat(row.columns()).isEqualTo(columns("A", "never resolved", T0, null, null, "timed_out"));
        });
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1));
    }

    @Test
    void aDroppedTimeoutWritesNothingAndIsSettled() {
        SinkPipeline pipeline = pipeline(1, TimedOutPolicy.DROP);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
        pipeline.put(List.of(issue(0, 0, "A", "never resolved")));

        clock.advance(TIMEOUT);
        pipeline.put(List.of());

        assertThat(committedKeys()).isEmpty();
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1));
    }

    private static Map<String, Object> columns(String key, String title, long submittedAt, Long resolvedAt,
                                               Long resolutionMs, String status) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("key", key);
        columns.put("title", title);
        columns.put("submitted_at", submittedAt);
        columns.put("resolved_at", resolvedAt);
        columns.put("resolution_ms", resolutionMs);
        columns.put("join_status", status);
        columns.put("split", Datasets.ALL);
        return columns;
    }

    /** Records every report; answers with a completed future unless told otherwise. */
    private static final class RecordingErrors implements RecordErrors {
        record Report(SinkRecord record, Throwable error) {}

        final List<Report> reported = new ArrayList<>();
        private Supplier<Future<Void>> answer = () -> CompletableFuture.completedFuture(null);

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
