package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_1;
import static io.trainset.connect.pipeline.PipelineFixture.NO_BOUND;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_1;
import static io.trainset.connect.pipeline.PipelineFixture.ROTATE;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and closing partitions: open checks that the task owns whole units, close drops a unit and rewinds
 * what of it stays assigned.
 */
class PipelineRebalanceTest {

    private final PipelineFixture fx;

    PipelineRebalanceTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    @Test
    void closingPartOfAUnitDropsItAndRewindsTheRestOfThatUnit() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        fx.put(
                pipeline,
                issue(0, 0, "C", "joined"),
                resolution(0, 0, "C", "billing"),
                issue(0, 1, "A", "waits"),
                resolution(0, 1, "Z", "orphan-to-be"),
                issue(1, 0, "B", "waits in unit 1"));
        fx.advanceEventTime(pipeline, 0, T0 + 1);
        // Unit 0 committed C's row (with A and Z waiting in its checkpoint); unit 1 has not committed yet.
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 2));

        pipeline.close(List.of(ISSUES_0));

        assertThat(fx.task.rewinds()).containsExactly(Map.of(RESOLUTIONS_0, 2L));
        assertThat(pipeline.preCommit()).isEmpty();

        fx.put(pipeline, resolution(1, 0, "B", "shipping"));
        fx.advanceEventTime(pipeline, 1, T0 + 1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 2, RESOLUTIONS_1, 2));
        assertThat(fx.committedKeys())
                .containsExactly(fileKey(0, "label=billing", 1, 0), fileKey(1, "label=shipping", 1, 0));
    }

    @Test
    void closingAWholeUnitRewindsNothingAndDiscardsItsOpenFiles() {
        SinkPipeline pipeline = fx.opened(100, ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        fx.put(
                pipeline,
                issue(0, 0, "A", "t"),
                resolution(0, 0, "A", "billing"),
                issue(1, 0, "B", "t"),
                resolution(1, 0, "B", "shipping"));
        fx.advanceEventTime(pipeline, 0, T0 + 1);
        fx.advanceEventTime(pipeline, 1, T0 + 1);

        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(fx.task.rewinds()).isEmpty();
        assertThat(pipeline.preCommit()).isEmpty();
        fx.clock.advance(ROTATE);
        pipeline.put(List.of());
        assertThat(fx.committedKeys()).containsExactly(fileKey(1, "label=shipping", 1, 0));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_1, 2, RESOLUTIONS_1, 2));
    }

    @Test
    void openFailsWhenAUnitMissesAPartitionOfAnotherInputTopic() {
        SinkPipeline pipeline = fx.pipeline(1, settings(), NO_BOUND);
        fx.task.assign(ISSUES_0, RESOLUTIONS_0, ISSUES_1);

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
        SinkPipeline pipeline = fx.pipeline(1, settings(), NO_BOUND);
        fx.task.assign(ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        // Cooperative rebalancing opens the newly assigned partitions only: the unit is whole.
        pipeline.open(List.of(ISSUES_1));

        fx.task.assign(ISSUES_0, RESOLUTIONS_0, RESOLUTIONS_1);
        assertThatThrownBy(() -> pipeline.open(List.of(RESOLUTIONS_1)))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Input topics are not co-partitioned for this task: it was assigned "
                        + "[issues-0, resolutions-0, resolutions-1] but not [issues-1].");
    }
}
