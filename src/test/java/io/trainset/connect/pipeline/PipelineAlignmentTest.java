package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.RecordingSink;
import io.trainset.connect.metrics.TaskMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time alignment through the pipeline (join.alignment.max.drift.ms): the input that runs ahead of its unit's
 * slowest active input is paused, and resumed when the other catches up or falls silent; the pauses are counted by
 * reason.
 */
class PipelineAlignmentTest {

    private static final long DRIFT = 60_000;

    private final PipelineFixture fx;
    private final RecordingSink sink = new RecordingSink();
    private final SinkPipeline pipeline;

    PipelineAlignmentTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
        pipeline = fx.opened(
                fx.builder()
                        .settings(settings())
                        .buffer(new JoinBuffer(PipelineFixture.NO_BOUND, JoinBuffer.defaultSpillDirectory(), DRIFT))
                        .metrics(new TaskMetrics(fx.clock, sink))
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
    }

    @Test
    void theInputAheadByMoreThanTheDriftIsPausedAndResumedWhenTheOtherCatchesUp() {
        fx.put(pipeline, issueAt(0, 0, T0, "A", "t"), resolutionAt(0, 0, T0 + DRIFT, "B", "billing"));
        assertThat(fx.task.pauses()).as("exactly the drift ahead").isEmpty();

        fx.put(pipeline, resolutionAt(0, 1, T0 + 3 * DRIFT, "C", "billing"));
        assertThat(fx.task.pauses()).containsExactly(Set.of(RESOLUTIONS_0));
        assertThat(pauses("alignment")).isEqualTo(1);
        assertThat(pauses("buffer-bound")).isZero();
        assertThat(sink.read(Metric.PAUSED_PARTITIONS, Map.of())).isEqualTo(1);
        assertThat(fx.task.wakeUps()).as("looked at again within a second").endsWith(UnitPipeline.WALL_CLOCK_TICK_MS);

        fx.put(pipeline, issueAt(0, 1, T0 + 2 * DRIFT, "D", "t"));
        assertThat(fx.task.resumes()).as("more than half the drift behind").isEmpty();

        fx.put(pipeline, issueAt(0, 2, T0 + 3 * DRIFT - DRIFT / 2, "E", "t"));
        assertThat(fx.task.resumes()).containsExactly(Set.of(RESOLUTIONS_0));
        assertThat(fx.task.paused()).isEmpty();
        assertThat(sink.read(Metric.PAUSED_PARTITIONS, Map.of())).isZero();
    }

    @Test
    void anInputThatFallsSilentHoldsTheOtherPausedNoLonger() {
        fx.put(pipeline, issueAt(0, 0, T0, "A", "t"), resolutionAt(0, 0, T0 + 10 * DRIFT, "B", "billing"));
        assertThat(fx.task.paused()).containsExactly(RESOLUTIONS_0);

        fx.clock.advanceMillis(InputAlignment.SILENT_MS);
        pipeline.put(List.of());
        assertThat(fx.task.resumes())
                .as("issues-0 delivered nothing for 3 s: it is at its end")
                .containsExactly(Set.of(RESOLUTIONS_0));
    }

    @Test
    void anInputThatDeliveredNoEventYetPausesNothing() {
        fx.put(pipeline, resolutionAt(0, 0, T0 + 100 * DRIFT, "B", "billing"));
        fx.clock.advanceMillis(InputAlignment.SILENT_MS);
        pipeline.put(List.of());
        assertThat(fx.task.pauses()).as("an empty issues topic stalls nothing").isEmpty();
    }

    private double pauses(String reason) {
        return sink.read(Metric.PARTITION_PAUSES, Map.of("reason", reason));
    }
}
