package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.NO_BOUND;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.ROTATE;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.record;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a commit covers: the offsets preCommit hands to Connect are those of records in a committed file or
 * checkpoint, and of the reports the commit waited for.
 */
class PipelineCommitsTest {

    private final PipelineFixture fx;

    PipelineCommitsTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
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

    @Test
    void nothingReadMeansNothingToCommit() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of());

        assertThat(pipeline.preCommit()).isEmpty();
    }

    @Test
    void aWaitingSubmissionDoesNotHoldItsPartitionBackOnceACheckpointHoldsIt() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(
                pipeline,
                issue(0, 0, "A", "first"),
                issue(0, 1, "B", "second"),
                resolution(0, 1, "B", "billing"),
                resolution(0, 5, "A", "technical"));
        fx.advanceEventTime(pipeline, 0, T0 + 1_001);
        // B is decided and committed; A waits for event time to pass its resolution, in the checkpoint's join
        // state: a restart does not read it again.
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 7));

        fx.advanceEventTime(pipeline, 0, T0 + 5_001);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 4, RESOLUTIONS_0, 8));
        assertThat(fx.committedKeys())
                .containsExactly(fileKey(0, "label=billing", 1, 0), fileKey(0, "label=technical", 2, 0));
    }

    @Test
    void aMatchIsNotSafeUntilItsFileIsCommitted() {
        SinkPipeline pipeline = fx.opened(100, ISSUES_0, RESOLUTIONS_0);

        fx.put(pipeline, issue(0, 0, "A", "first"), resolution(0, 0, "A", "billing"));
        fx.advanceEventTime(pipeline, 0, T0 + 1);
        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(fx.committedKeys()).isEmpty();

        fx.clock.advance(ROTATE.minusMillis(1));
        pipeline.put(List.of());
        assertThat(pipeline.preCommit()).isEmpty();

        fx.clock.advanceMillis(1);
        pipeline.put(List.of());
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 2));
    }

    @Test
    void preCommitReportsOnlyAssignedPartitions() {
        SinkPipeline pipeline = fx.pipeline(1, settings(), NO_BOUND);
        fx.task.assign(ISSUES_0, RESOLUTIONS_0);
        pipeline.open(List.of(ISSUES_0));

        fx.put(pipeline, issue(0, 0, "A", "t"), resolution(0, 0, "A", "billing"));
        fx.advanceEventTime(pipeline, 0, T0 + 1);

        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void aCommitWaitsForTheReportsItCovers() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        CountingFuture report = new CountingFuture();
        fx.errors.answer(() -> report);

        pipeline.put(List.of(record(RESOLVED_TOPIC, 0, 0, null, Map.of("department", "billing"))));
        assertThat(report.gets).isZero();

        fx.commitInterval(pipeline);
        assertThat(report.gets).isEqualTo(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 1));

        pipeline.preCommit();
        assertThat(report.gets).as("a report is awaited once").isEqualTo(1);
    }

    @Test
    void aFailedReportCommitsNothingAndFailsThePut() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        IllegalStateException cause = new IllegalStateException("topic support-routing-dlq does not exist");
        fx.errors.answer(() -> CompletableFuture.failedFuture(cause));
        fx.put(
                pipeline,
                issue(0, 0, "A", "t"),
                resolution(0, 0, "A", "billing"),
                record(RESOLVED_TOPIC, 0, 1, null, Map.of("department", "billing")));
        // The row of A is due to be committed: its checkpoint would cover the failed report.
        assertThatThrownBy(() -> fx.advanceEventTime(pipeline, 0, T0 + 1)).isInstanceOf(ConnectException.class);

        // Throwing from preCommit would make WorkerSinkTask seek back and re-deliver into live join state.
        assertThat(pipeline.preCommit()).isEmpty();
        assertThat(fx.committedKeys()).isEmpty();
        assertThatThrownBy(() -> pipeline.put(List.of()))
                .isInstanceOf(ConnectException.class)
                .hasMessage("A bad record could not be reported to the dead-letter queue (topic support-routing-dlq "
                        + "does not exist). Check that the DLQ topic exists and the worker can write to it, then "
                        + "restart the task; nothing after the last committed offset is lost.")
                .hasCause(cause);
    }
}
