package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.RecordingSink;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rotate.inactivity.ms: a unit whose rows stopped finishes its open files and commits without waiting for the
 * rotation, at most once per rotation interval, and asks for the put() that does it. On the fixture's test clock.
 */
class PipelineIdleFilesTest {

    private static final Duration INACTIVITY = Duration.ofSeconds(2);
    private static final long INACTIVITY_MS = INACTIVITY.toMillis();

    private final PipelineFixture fx;
    private final RecordingSink sink = new RecordingSink();
    private final TaskMetrics metrics;
    /** Tickets written so far: ticket n's records take offsets 2n on both inputs (the event clock's 2n + 1). */
    private int tickets;

    PipelineIdleFilesTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
        metrics = new TaskMetrics(fx.clock, sink);
    }

    /** Unit 0 of a pipeline whose files hold up to 100 rows and whose rows stop after {@code inactivity}. */
    private SinkPipeline opened(Duration inactivity) {
        return fx.opened(
                fx.builder()
                        .flushSize(100)
                        .inactivity(inactivity)
                        .metrics(metrics)
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
    }

    /** A ticket resolved to {@code label} and decided, so that its row goes to the unit's open file now. */
    private void ticket(SinkPipeline pipeline, String label) {
        int n = tickets++;
        long at = T0 + n * 1_000L;
        fx.put(pipeline, issueAt(0, 2L * n, at, "K" + n, "t" + n), resolutionAt(0, 2L * n, at + 1, "K" + n, label));
        fx.advanceEventTime(pipeline, 0, at + 2);
    }

    /** Lets {@code ms} pass and has the worker call put() without records. */
    private void idle(SinkPipeline pipeline, long ms) {
        fx.clock.advanceMillis(ms);
        pipeline.put(List.of());
    }

    private long lastWakeUp() {
        return fx.task.wakeUps().get(fx.task.wakeUps().size() - 1);
    }

    private double filesFinishedIdle() {
        return sink.read(Metric.FILES_FINISHED_IDLE, Map.of());
    }

    @Test
    void theUnitsFilesAreFinishedAndCommittedOnceItsRowsStoppedForTheInactivityInterval() {
        SinkPipeline pipeline = opened(INACTIVITY);
        ticket(pipeline, "billing");
        ticket(pipeline, "billing");
        assertThat(lastWakeUp())
                .as("the next put() asked for when the rows will have stopped")
                .isEqualTo(INACTIVITY_MS);

        idle(pipeline, INACTIVITY_MS - 1);
        assertThat(fx.committedKeys()).as("not before the inactivity interval").isEmpty();
        assertThat(lastWakeUp()).isEqualTo(SinkPipeline.SOONEST_WAKE_UP_MS);

        try (LogCapture log = new LogCapture(UnitOutput.class.getName())) {
            idle(pipeline, 1);
            assertThat(log.messages())
                    .first()
                    .isEqualTo("Unit 0: no row for 2000 ms (rotate.inactivity.ms): finishing its 1 open files with 2 "
                            + "rows and committing");
        }
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.rowsOf(fileKey(0, "label=billing", 1, 0))).hasSize(2);
        assertThat(filesFinishedIdle()).isEqualTo(1);
        assertThat(pipeline.preCommit())
                .as("the commit covers what was read")
                .isEqualTo(offsets(ISSUES_0, 4, RESOLUTIONS_0, 4));
    }
}
