package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.record;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.RecordingSink;
import io.trainset.connect.metrics.Scope;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.record.BadRecordException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline records in the task's metrics, on the pipeline's clock: records read and bad ones, rows, the
 * unit's gauges from its opening to its closing, commits and the checkpoint age. MetricsIT reads the same over
 * JMX from a real worker.
 */
class PipelineMetricsTest {

    private static final Map<String, String> UNIT_0 = Map.of("unit", "0");

    private final PipelineFixture fx;
    private final RecordingSink sink = new RecordingSink();
    private final TaskMetrics metrics;

    PipelineMetricsTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
        metrics = new TaskMetrics(fx.clock, sink);
    }

    private double task(Metric metric, String tag, String value) {
        return sink.read(metric, tag == null ? Map.of() : Map.of(tag, value));
    }

    @Test
    void theStreamIsCountedAndTheUnitsGaugesFollowItFromOpenToClose() {
        SinkPipeline pipeline = fx.opened(
                fx.builder()
                        .metrics(metrics)
                        .budget(new OpenFileBudget(Integer.MAX_VALUE, Long.MAX_VALUE, metrics))
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
        assertThat(sink.read(Metric.WATERMARK, UNIT_0)).as("no watermark yet").isNaN();
        assertThat(sink.read(Metric.CHECKPOINT_AGE, UNIT_0))
                .as("aged from the unit's opening")
                .isZero();

        fx.put(
                pipeline,
                issue(0, 0, "A", "Charged twice"),
                resolution(0, 1, "A", "billing"),
                record(SUBMITTED_TOPIC, 0, 2, null, Map.of("title", "no key")));
        assertThat(task(Metric.RECORDS_READ, "side", "submitted")).isEqualTo(1);
        assertThat(task(Metric.RECORDS_READ, "side", "resolved")).isEqualTo(1);
        assertThat(task(Metric.BAD_RECORDS, "reason", "key")).isEqualTo(1);
        assertThat(task(Metric.DLQ_RECORDS, "reason", "bad")).isEqualTo(1);
        assertThat(sink.read(Metric.EVENTS_BUFFERED, UNIT_0)).isEqualTo(2);
        assertThat(sink.read(Metric.BYTES_BUFFERED, UNIT_0)).isPositive();

        fx.advanceEventTime(pipeline, 0, T0 + 60_000);
        assertThat(task(Metric.ROWS_WRITTEN, "status", "joined")).isEqualTo(1);
        double watermark = sink.read(Metric.WATERMARK, UNIT_0);
        assertThat(watermark).isBetween(T0 + 59_000.0, T0 + 60_000.0);
        assertThat(sink.read(Metric.EVENT_TIME_LAG, UNIT_0)).isEqualTo(fx.clock.millis() - watermark);

        assertThat(task(Metric.COMMITS, null, null))
                .as("the finished file is committed at once")
                .isEqualTo(1);
        assertThat(task(Metric.ROWS_COMMITTED, null, null)).isEqualTo(1);
        assertThat(task(Metric.COMMIT_LATENCY_MAX, null, null))
                .as("direct lanes: at once")
                .isZero();
        assertThat(task(Metric.FILES_UPLOADED, null, null)).isEqualTo(1);
        assertThat(task(Metric.BYTES_UPLOADED, null, null)).isPositive();
        assertThat(task(Metric.OPEN_FILES, null, null)).isZero();
        assertThat(sink.read(Metric.CHECKPOINT_AGE, UNIT_0)).isZero();

        fx.clock.advanceMillis(5_000);
        assertThat(sink.read(Metric.CHECKPOINT_AGE, UNIT_0)).isEqualTo(5_000);
        fx.put(pipeline, issue(0, 10, "B", "Waits"));
        fx.commitInterval(pipeline);
        assertThat(task(Metric.COMMITS, null, null)).isEqualTo(2);
        assertThat(sink.read(Metric.CHECKPOINT_AGE, UNIT_0))
                .as("reset by the commit")
                .isZero();

        pipeline.close();
        assertThat(sink.registered())
                .as("the unit's metrics go with it; the task's stay until the task stops")
                .extracting(set -> set.scope())
                .containsExactly(Scope.TASK);
    }

    @Test
    void everyKindOfBadRecordIsCountedUnderTheReasonOfItsName() {
        for (BadRecordException.Kind kind : BadRecordException.Kind.values()) {
            assertThat(MetricTags.badReason(kind).name()).isEqualTo(kind.name());
        }
        assertThat(Tags.BadReason.values()).hasSameSizeAs(BadRecordException.Kind.values());
    }

    @Test
    void aUnitReopenedAfterARevocationPublishesItsMetricsAnew() {
        SinkPipeline pipeline = fx.opened(fx.builder().metrics(metrics).build(), ISSUES_0, RESOLUTIONS_0);
        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        assertThat(sink.registered()).extracting(set -> set.scope()).containsExactly(Scope.TASK);

        fx.opened(pipeline, ISSUES_0, RESOLUTIONS_0);
        assertThat(sink.registered()).extracting(set -> set.scope()).containsExactly(Scope.TASK, Scope.UNIT);
        assertThat(sink.read(Metric.EVENTS_BUFFERED, UNIT_0)).isZero();
    }
}
