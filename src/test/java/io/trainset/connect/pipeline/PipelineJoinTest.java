package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW_MS;
import static io.trainset.connect.pipeline.PipelineFixture.columns;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.record;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.JoinKeys;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.EventClock;
import io.trainset.connect.testing.Extractors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the pipeline joins: a submission and its resolutions become a row once event time passes their decision,
 * in event-time, processing-time and single-topic mode, with every resolution policy.
 */
class PipelineJoinTest {

    private final PipelineFixture fx;

    PipelineJoinTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    @Test
    void aMatchBecomesACommittedRowOnceEventTimePassesIt() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(fx.committedKeys()).as("a later resolution could still come").isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + 3_000);
        assertThat(fx.committedKeys())
                .as("the watermark must pass the resolution's time")
                .isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + 3_001);
        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(fx.committedKeys()).containsExactly(key);
        assertThat(fx.rowsOf(key)).singleElement().satisfies(row -> {
            assertThat(row.partitions()).containsExactly(Map.entry("label", "billing"));
            assertThat(row.columns())
                    .containsExactly(
                            Map.entry("key", "ISSUE-1"),
                            Map.entry("title", "Charged twice"),
                            Map.entry("split", Datasets.ALL),
                            Map.entry("label_deadline", T0 + DatasetShape.DEFAULT_LABEL_WINDOW.toMillis()),
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
        SinkPipeline before = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        fx.put(before, issue(0, 0, "ISSUE-\ud800", "Charged twice"));
        fx.commitInterval(before);
        before.close();

        SinkPipeline after = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        fx.put(after, resolution(0, 3, "ISSUE-\ud800", "billing"));
        fx.advanceEventTime(after, 0, T0 + 3_001);

        assertThat(fx.committedKeys())
                .singleElement()
                .satisfies(key -> assertThat(fx.rowsOf(key)).singleElement().satisfies(row -> {
                    assertThat(row.columns())
                            .containsEntry("key", JoinKeys.of("ISSUE-\ud800"))
                            .containsEntry("key", "~b64:SVNTVUUt7aCA")
                            .containsEntry("join_status", "joined");
                    assertThat(row.partitions()).containsEntry("label", "billing");
                }));
        assertThat(fx.errors.reportedExceptClock()).isEmpty();
    }

    @Test
    void aSubmissionWithoutResolutionTimesOutWhenEventTimePassesItsWindow() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "never resolved"));

        fx.clock.advance(WINDOW.multipliedBy(2));
        pipeline.put(List.of());
        assertThat(fx.committedKeys())
                .as("the wall clock alone decides nothing (no idle timeout)")
                .isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(fx.committedKeys()).isEmpty();
        assertThat(pipeline.preCommit())
                .as("the commit interval passed: A waits in a checkpoint")
                .isEqualTo(offsets(ISSUES_0, 1));

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);

        String key = fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0);
        assertThat(fx.committedKeys()).containsExactly(key);
        assertThat(fx.rowsOf(key)).singleElement().satisfies(row -> {
            assertThat(row.partitions()).containsOnlyKeys("label").containsEntry("label", null);
            assertThat(row.columns()).isEqualTo(columns("A", "never resolved", T0, null, null, "timed_out", 0));
        });
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    @Test
    void aDroppedTimeoutWritesNothingAndIsSettled() {
        SinkPipeline pipeline = fx.opened(1, settings().with(Policies.TimedOut.DROP), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "never resolved"));

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);

        assertThat(fx.committedKeys()).isEmpty();
        assertThat(fx.errors.reported).isEmpty();
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 1));
    }

    @Test
    void anOutOfOrderRecordWithinTheGraceIsNotLate() {
        SinkPipeline pipeline = fx.opened(1, settings().withGrace(Duration.ofSeconds(3)), ISSUES_0, RESOLUTIONS_0);

        fx.put(
                pipeline,
                resolutionAt(0, 0, T0 + 5_000, "X", "billing"),
                issueAt(0, 0, T0 + 4_000, "X", "t"),
                resolutionAt(0, 1, T0 + 2_000, "Y", "technical"),
                issueAt(0, 1, T0 + 1_000, "Y", "t"));
        fx.advanceEventTime(pipeline, 0, T0 + 8_001);

        assertThat(fx.errors.reported).isEmpty();
        assertThat(fx.committedKeys())
                .containsExactlyInAnyOrder(fileKey(0, "label=technical", 1, 0), fileKey(0, "label=billing", 1, 1));
    }

    @Test
    void everyResolutionBecomesARowWithTheCountUnderPolicyAll() {
        SinkPipeline pipeline = fx.opened(1, settings().with(Policies.Resolutions.ALL), ISSUES_0, RESOLUTIONS_0);
        fx.put(
                pipeline,
                issue(0, 0, "A", "moved around"),
                resolution(0, 1, "A", "billing"),
                resolution(0, 2, "A", "technical"));

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(fx.committedKeys())
                .as("policy all waits for the window to close")
                .isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);
        String billing = fileKey(0, "label=billing", 1, 0);
        String technical = fileKey(0, "label=technical", 1, 1);
        assertThat(fx.committedKeys()).containsExactly(billing, technical);
        assertThat(fx.rowsOf(billing))
                .singleElement()
                .satisfies(row -> assertThat(row.columns())
                        .isEqualTo(columns("A", "moved around", T0, T0 + 1_000, 1_000L, "joined", 2)));
        assertThat(fx.rowsOf(technical))
                .singleElement()
                .satisfies(row -> assertThat(row.columns())
                        .isEqualTo(columns("A", "moved around", T0, T0 + 2_000, 2_000L, "joined", 2)));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 5));
    }

    @Test
    void inProcessingTimeModeTheWorkersClockIsTheEventTime() {
        EventExtractor extractor = Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                new EventSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Policies.TimeMode.PROCESSING,
                        Optional.empty(),
                        "submitted",
                        "resolved"),
                fx.clock::millis,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(List.of(), List.of()));
        SinkPipeline pipeline = fx.opened(fx.builder().extractor(extractor).build(), ISSUES_0, RESOLUTIONS_0);

        // The records' own timestamps (a day apart, the resolution first) do not matter.
        fx.put(pipeline, resolutionAt(0, 0, T0 - 86_400_000, "A", "billing"), issueAt(0, 0, T0, "A", "t"));
        fx.clock.advanceMillis(1_500);
        fx.advanceEventTime(pipeline, 0, 0);

        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(fx.committedKeys()).containsExactly(key);
        assertThat(fx.rowsOf(key))
                .singleElement()
                .satisfies(row -> assertThat(row.columns()).isEqualTo(columns("A", "t", T0, T0, 0L, "joined", 1)));
    }

    @Test
    void inSingleTopicModeAUnitIsOnePartitionOfTheEventsTopic() {
        String events = "support-events";
        TopicPartition events0 = new TopicPartition(events, 0);
        EventExtractor extractor = Extractors.events(
                Map.of(),
                new EventSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Policies.TimeMode.EVENT,
                        Optional.of(FieldPath.parse("type")),
                        "submitted",
                        "resolved"),
                fx.clock::millis,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(List.of(FieldPath.parse("title")), List.of()));
        SinkPipeline pipeline =
                fx.opened(fx.builder().extractor(extractor).inputTopics(events).build(), events0);
        EventClock singleTopicTime =
                new EventClock(List.of(events), topic -> Map.of("type", "resolved", "department", "clock"));

        pipeline.put(singleTopicTime.sent(List.of(
                record(events, 0, 0, "A", Map.of("type", "submitted", "title", "Charged twice")),
                record(events, 0, 1, "A", Map.of("type", "resolved", "department", "billing")))));
        assertThat(fx.committedKeys()).isEmpty();

        pipeline.put(singleTopicTime.tick(0, T0 + 1_001));
        String key = fileKey(0, "label=billing", 1, 0);
        assertThat(fx.committedKeys()).containsExactly(key);
        assertThat(fx.rowsOf(key))
                .singleElement()
                .satisfies(row -> assertThat(row.columns())
                        .isEqualTo(columns("A", "Charged twice", T0, T0 + 1_000, 1_000L, "joined", 1)));
        assertThat(fx.errors.reported).isEmpty();
        assertThat(pipeline.preCommit()).isEqualTo(offsets(events0, 3));
    }
}
