package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.NO_BOUND;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.ROTATE;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.YEAR_9999;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trainset.connect.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event times ahead of the worker's clock (join.time.max.ahead.ms): such a record is reported and moves no
 * watermark, and a checkpoint written before the bound existed is repaired once at restore.
 */
class PipelineClockBoundTest {

    private final PipelineFixture fx;

    PipelineClockBoundTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    /**
     * Writes a checkpoint of unit 0 as versions without join.time.max.ahead.ms did: year-9999 events on
     * both sides raise the watermarks for ever, and the checkpoint keeps them; a real resolution that
     * follows is late. Clears the reports.
     */
    private void writePoisonedCheckpoint() {
        SinkPipeline poisoned =
                fx.opened(1, settings().withMaxAhead(Duration.ofMillis(Long.MAX_VALUE)), ISSUES_0, RESOLUTIONS_0);
        fx.put(
                poisoned,
                issueAt(0, 0, YEAR_9999, "P", "placeholder"),
                resolutionAt(0, 0, YEAR_9999, "Q", "x"),
                resolutionAt(0, 1, T0, "A", "billing"));
        assertThat(fx.errors.reported)
                .singleElement()
                .satisfies(report ->
                        assertThat(report.error().getMessage()).startsWith("Resolution resolutions-0@1 is late"));
        fx.commitInterval(poisoned);
        poisoned.close();
        fx.errors.reported.clear();
    }

    @Test
    void aRecordFarAheadOfTheClockIsReportedAndTheRestOfItsPartitionJoinsOn() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord year9999 = issueAt(0, 0, YEAR_9999, "P", "placeholder date");

        fx.put(pipeline, year9999, issueAt(0, 1, T0, "X", "t"), resolutionAt(0, 0, T0 + 1_000, "X", "billing"));

        assertThat(fx.errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(year9999);
            assertThat(report.error())
                    .isInstanceOf(DataException.class)
                    .hasMessage("Submission issues-0@0 has an event time ahead of the worker's clock by more than "
                            + "join.time.max.ahead.ms (86400000 ms): it was not joined and moved no watermark. Fix "
                            + "the producer's clock or time unit (a placeholder date, or micro- or nanoseconds read "
                            + "as milliseconds), or raise join.time.max.ahead.ms if such times are real.");
        });
        fx.advanceEventTime(pipeline, 0, T0 + 1_001);
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.errors.reported).hasSize(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    @Test
    void aCheckpointPoisonedBeforeTheBoundIsRepairedAtRestoreWithAWarning() {
        writePoisonedCheckpoint();

        SinkPipeline pipeline = fx.pipeline(1, settings(), NO_BOUND);
        try (LogCapture log = new LogCapture(UnitPipeline.class.getName())) {
            pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));
            assertThat(log.messages())
                    .singleElement()
                    .isEqualTo("Unit 0: its checkpoint holds event times beyond "
                            + "the worker's clock 2025-11-24T16:10:00Z plus join.time.max.ahead.ms, written before Trainset "
                            + "refused them: unit watermark 9999-12-31T23:59:59Z -> none, highest event time of "
                            + "[issues-0=9999-12-31T23:59:59Z, resolutions-0=9999-12-31T23:59:59Z] -> [] (absent: set "
                            + "again by its next event); 2 held events beyond it go to the dead-letter queue. Records of "
                            + "these inputs reported late while the watermark was wrong are in the dead-letter queue with "
                            + "their original values: replay them (docs/join-semantics.md, \"Event times ahead of the "
                            + "clock\").");
        }
        fx.put(pipeline, issueAt(0, 1, T0 + 1_000, "B", "t"), resolutionAt(0, 2, T0 + 2_000, "B", "billing"));
        assertThat(fx.errors.reported)
                .extracting(
                        report -> report.record().kafkaOffset(),
                        report -> report.record().topic())
                .containsExactlyInAnyOrder(tuple(0L, SUBMITTED_TOPIC), tuple(0L, RESOLVED_TOPIC));
        assertThat(fx.errors.reported)
                .allSatisfy(report -> assertThat(report.error().getMessage()).contains("ahead of the worker's clock"));
        fx.advanceEventTime(pipeline, 0, T0 + 2_001);
        assertThat(fx.committedKeys()).contains(fileKey(0, "label=billing", 2, 0));
    }

    @Test
    void eventsEvictedFromAPoisonedCheckpointAreLoggedAtWarnAsBadRecordsThrottled() {
        writePoisonedCheckpoint();
        SinkPipeline pipeline = fx.pipeline(1, settings(), NO_BOUND);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        try (LogCapture log = new LogCapture(BadRecordLog.class.getName())) {
            pipeline.put(List.of());

            assertThat(fx.errors.reported).hasSize(2);
            assertThat(log.messages())
                    .as("one line per reason and minute")
                    .singleElement()
                    .isIn(
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
        long poisonedSequence = fx.checkpoints().newest(0).orElseThrow().sequence();
        SinkPipeline repaired = fx.pipeline(1, settings(), NO_BOUND);
        repaired.open(List.of(ISSUES_0, RESOLUTIONS_0));
        repaired.put(List.of());
        assertThat(fx.errors.reported).hasSize(2);
        assertThat(fx.task.wakeUps()).last().isEqualTo(ROTATE.toMillis());

        fx.commitInterval(repaired);
        assertThat(fx.checkpoints().newest(0).orElseThrow().sequence())
                .as("checkpointed without records")
                .isGreaterThan(poisonedSequence);
        repaired.close();
        fx.errors.reported.clear();

        SinkPipeline restarted = fx.pipeline(1, settings(), NO_BOUND);
        try (LogCapture log = new LogCapture(UnitPipeline.class.getName())) {
            restarted.open(List.of(ISSUES_0, RESOLUTIONS_0));
            restarted.put(List.of());
            assertThat(log.messages()).noneMatch(message -> message.contains("beyond the worker's clock"));
        }
        assertThat(fx.errors.reported).isEmpty();
    }
}
