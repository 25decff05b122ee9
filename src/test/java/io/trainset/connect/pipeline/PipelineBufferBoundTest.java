package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_1;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_1;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound of the join buffer: over it, waiting submissions spill to disk and the input that runs ahead is
 * paused, and resumed once below 80% or its unit caught up, closed or reopened.
 */
class PipelineBufferBoundTest {

    private final PipelineFixture fx;

    PipelineBufferBoundTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    @Test
    void overTheBufferBoundWaitingSubmissionsGoToDiskAndComeBackAsTheyWere(@TempDir Path spill) {
        SinkPipeline pipeline =
                fx.opened(fx.builder().buffer(new JoinBuffer(1, spill)).build(), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "kept in the heap"));
        fx.put(
                pipeline,
                issue(0, 1, "B", "spilled"),
                issueAt(0, 2, T0 + 1_000, "B", "spilled"),
                issueAt(0, 3, T0, "A", "kept in the heap"));
        assertThat(pipeline.spilledCount())
                .as("the submissions after the first put went to disk")
                .isEqualTo(3);
        fx.commitInterval(pipeline);
        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        SinkPipeline restored = fx.builder().buffer(new JoinBuffer(1, spill)).build();
        restored.open(List.of(ISSUES_0, RESOLUTIONS_0));
        assertThat(restored.spilledCount())
                .as("restored values past the bound go to disk again")
                .isEqualTo(1);

        fx.put(restored, resolution(0, 4, "A", "billing"), resolution(0, 5, "B", "technical"));
        fx.advanceEventTime(restored, 0, T0 + 5_001);

        assertThat(fx.committedKeys().stream()
                        .flatMap(key -> fx.rowsOf(key).stream())
                        .map(row -> row.columns().get("key") + ": "
                                + row.columns().get("title") + " -> " + row.partitions()))
                .as("one row per key, with the values the checkpoint took from the spill")
                .containsExactlyInAnyOrder("A: kept in the heap -> {label=billing}", "B: spilled -> {label=technical}");
    }

    @Test
    void theBufferBoundPausesTheInputThatRunsAheadAndResumesItBelow80Percent() {
        // Held sizes (EventSizes): an issue with a 10,000-character title ~10.3 KB, a resolution ~0.3 KB.
        SinkPipeline pipeline = fx.opened(fx.pipeline(1, settings(), 25_000), ISSUES_0, RESOLUTIONS_0);
        String big = "x".repeat(10_000);

        fx.put(pipeline, issue(0, 0, "A", big), issue(0, 1, "B", big));
        assertThat(fx.task.pauses()).as("~20.7 KB held, under the bound").isEmpty();

        fx.put(pipeline, issue(0, 2, "C", big));
        assertThat(fx.task.pauses())
                .as("~31 KB held; resolutions-0 delivered nothing yet, issues-0 is ahead")
                .containsExactly(Set.of(ISSUES_0));

        fx.put(pipeline, resolution(0, 0, "A", "billing"));
        assertThat(fx.task.pauses()).as("paused once").hasSize(1);

        fx.put(pipeline, resolution(0, 1, "B", "billing"));
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.task.resumes())
                .as("~21 KB held: under the bound, not under 80% of it")
                .isEmpty();
        assertThat(fx.task.paused()).containsExactly(ISSUES_0);

        fx.put(pipeline, resolution(0, 2, "C", "billing"));
        assertThat(fx.task.resumes()).as("~10.7 KB held").containsExactly(Set.of(ISSUES_0));
        assertThat(fx.task.paused()).isEmpty();
        assertThat(fx.task.pauses()).hasSize(1);
    }

    @Test
    void aPausedInputIsResumedOnceItsUnitCaughtUpEvenWhileAnotherUnitHoldsTheBuffer() {
        SinkPipeline pipeline =
                fx.opened(fx.pipeline(1, settings(), 25_000), ISSUES_0, RESOLUTIONS_0, ISSUES_1, RESOLUTIONS_1);
        String big = "x".repeat(10_000);

        // Unit 1 holds two large issues behind a resolutions partition that stays silent: ~20.7 KB for good.
        fx.put(pipeline, issue(1, 0, "P", big), issue(1, 1, "Q", big));
        fx.put(pipeline, issue(0, 0, "A", big));
        assertThat(fx.task.paused())
                .as("~31 KB held: both issue partitions run ahead")
                .containsExactlyInAnyOrder(ISSUES_0, ISSUES_1);

        fx.put(pipeline, resolutionAt(0, 0, T0 + 5_000, "A", "billing"));
        assertThat(fx.task.resumes())
                .as("issues-0 is no longer ahead of its unit, although unit 1 still holds more "
                        + "than 80% of the bound")
                .containsExactly(Set.of(ISSUES_0));
        assertThat(fx.task.paused()).contains(ISSUES_1).doesNotContain(ISSUES_0);
    }

    @Test
    void aPausedInputIsNotIdleSoItsUnitDoesNotCloseUpToTheClockBeforeItIsResumed() {
        Duration idle = Duration.ofMinutes(1);
        SinkPipeline pipeline =
                fx.opened(fx.pipeline(1, settings().withIdleTimeout(idle), 25_000), ISSUES_0, RESOLUTIONS_0);
        String big = "x".repeat(10_000);
        fx.put(pipeline, issue(0, 0, "A", big), issue(0, 1, "B", big), issue(0, 2, "C", big));
        assertThat(fx.task.paused()).containsExactly(ISSUES_0);

        fx.clock.advance(idle.plus(WINDOW).plusMillis(1));
        pipeline.put(List.of());
        pipeline.put(List.of());
        assertThat(fx.committedKeys())
                .as("issues-0 was paused, not quiet: A, B and C are still open")
                .isEmpty();
        assertThat(fx.task.resumes()).containsExactly(Set.of(ISSUES_0));

        fx.clock.advance(idle);
        pipeline.put(List.of());
        pipeline.put(List.of());
        assertThat(fx.committedKeys())
                .as("quiet for the idle timeout since it was resumed: A, B, C timed out")
                .containsExactly(
                        fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0),
                        fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 1),
                        fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 2));
    }

    @Test
    void aPausedPartitionThatIsRevokedIsForgotten() {
        SinkPipeline pipeline = fx.opened(fx.pipeline(1, settings(), 1_000), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(fx.task.pauses()).containsExactly(Set.of(ISSUES_0));

        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        fx.task.assign(ISSUES_1, RESOLUTIONS_1);
        pipeline.open(List.of(ISSUES_1, RESOLUTIONS_1));
        fx.put(pipeline, issue(1, 0, "E", "t"));

        // Connect refuses to resume a partition the task no longer owns (FakeTaskPort too).
        assertThat(fx.task.resumes()).isEmpty();
    }

    @Test
    void aPartitionConnectPausesAgainOnReassignmentIsResumedWhenItsUnitOpens() {
        SinkPipeline pipeline = fx.opened(fx.pipeline(1, settings(), 1_000), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(fx.task.paused()).containsExactly(ISSUES_0);

        // Connect remembers the task's pauses and applies them again when the partition comes back.
        pipeline.close(List.of(ISSUES_0, RESOLUTIONS_0));
        pipeline.open(List.of(ISSUES_0, RESOLUTIONS_0));

        assertThat(fx.task.resumes()).containsExactly(Set.of(ISSUES_0));
        assertThat(fx.task.paused()).isEmpty();
    }

    @Test
    void aPausedPartitionWhoseUnitIsClosedIsResumed() {
        SinkPipeline pipeline = fx.opened(fx.pipeline(1, settings(), 1_000), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "t"), issue(0, 1, "B", "t"), issue(0, 2, "C", "t"), issue(0, 3, "D", "t"));
        assertThat(fx.task.pauses()).containsExactly(Set.of(ISSUES_0));

        pipeline.close(List.of(RESOLUTIONS_0));
        fx.task.assign(ISSUES_0);
        pipeline.put(List.of());

        assertThat(fx.task.rewinds()).containsExactly(Map.of(ISSUES_0, 0L));
        assertThat(fx.task.resumes()).containsExactly(Set.of(ISSUES_0));
        assertThat(fx.task.paused()).isEmpty();
    }
}
