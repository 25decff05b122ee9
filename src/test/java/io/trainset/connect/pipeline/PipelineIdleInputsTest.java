package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.ROTATE;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static io.trainset.connect.pipeline.PipelineFixture.columns;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet inputs and an idle task: with join.idle.timeout.ms quiet inputs stop holding their unit back, and an
 * idle task asks Connect for its next put() when a unit is next due.
 */
class PipelineIdleInputsTest {

    private final PipelineFixture fx;

    PipelineIdleInputsTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    @Test
    void anIdleTaskAsksForItsNextPutWhenItsUnitIsNextDueAndForNoneOnceEverythingIsCommitted() {
        SinkPipeline pipeline = fx.opened(100, ISSUES_0, RESOLUTIONS_0);
        pipeline.put(List.of());
        assertThat(fx.task.wakeUps()).as("nothing read: nothing due").isEmpty();

        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(fx.task.wakeUps())
                .as("the commit interval from the unit's start")
                .containsExactly(ROTATE.toMillis());

        fx.clock.advance(Duration.ofMinutes(4));
        fx.advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(fx.task.wakeUps()).last().isEqualTo(Duration.ofMinutes(6).toMillis());

        fx.clock.advance(Duration.ofMinutes(6));
        pipeline.put(List.of());
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.task.wakeUps()).as("committed: no wake-up asked for").hasSize(2);
    }

    @Test
    void anIdleTaskIsWokenAtItsOldestFilesRotationWhenThatComesBeforeItsCommitInterval() {
        SinkPipeline pipeline = fx.opened(
                fx.builder()
                        .flushSize(100)
                        .commitInterval(ROTATE.multipliedBy(2))
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        assertThat(fx.task.wakeUps())
                .last()
                .as("the commit interval")
                .isEqualTo(ROTATE.multipliedBy(2).toMillis());

        fx.clock.advance(Duration.ofMinutes(4));
        fx.advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(fx.task.wakeUps())
                .last()
                .as("the file opened now rotates first")
                .isEqualTo(ROTATE.toMillis());

        fx.clock.advance(ROTATE);
        pipeline.put(List.of());
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
    }

    @Test
    void whileItsWatermarkFollowsTheWallClockAnIdleTaskLooksAgainEverySecond() {
        SinkPipeline pipeline =
                fx.opened(100, settings().withIdleTimeout(Duration.ofMinutes(1)), ISSUES_0, RESOLUTIONS_0);

        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"));

        assertThat(fx.task.wakeUps()).last().isEqualTo(UnitPipeline.WALL_CLOCK_TICK_MS);
    }

    @Test
    void withAnIdleTimeoutQuietInputsStopHoldingTheUnitBack() {
        Duration idle = Duration.ofMinutes(1);
        SinkPipeline pipeline = fx.opened(1, settings().withIdleTimeout(idle), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issue(0, 0, "A", "never resolved"));

        // Once both inputs are idle (resolutions-0 never delivered), the unit's watermark is the clock minus
        // the idle timeout.
        fx.clock.advance(idle.plus(WINDOW));
        pipeline.put(List.of());
        assertThat(fx.committedKeys()).isEmpty();

        fx.clock.advanceMillis(1);
        pipeline.put(List.of());
        // The first interval committed A waiting (commit 1); its timeout is in commit 2.
        String key = fileKey(0, "label=__HIVE_DEFAULT_PARTITION__", 2, 0);
        assertThat(fx.committedKeys()).containsExactly(key);
        assertThat(fx.rowsOf(key))
                .singleElement()
                .satisfies(row -> assertThat(row.columns())
                        .isEqualTo(columns("A", "never resolved", T0, null, null, "timed_out", 0)));
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 1));
    }

    @Test
    void theFirstPartitionOfABatchAfterAQuietSpellDoesNotFindTheOthersSilent() {
        Duration idle = Duration.ofMinutes(1);
        long weeksAgo = T0 - Duration.ofDays(30).toMillis();
        SinkPipeline pipeline =
                fx.opened(fx.pipeline(1, settings().withIdleTimeout(idle), 1_000_000), ISSUES_0, RESOLUTIONS_0);
        fx.put(pipeline, issueAt(0, 0, weeksAgo, "A", "t"), resolutionAt(0, 0, weeksAgo, "Z", "billing"));

        fx.clock.advance(idle.plusSeconds(1)); // e.g. the worker did not call put() meanwhile
        fx.put(
                pipeline,
                issueAt(0, 1, weeksAgo + 600_000, "B", "t"),
                resolutionAt(0, 1, weeksAgo + 60_000, "A", "billing"));

        assertThat(fx.errors.reportedExceptClock())
                .as("resolutions-0 delivers in this batch: A's resolution is " + "not late behind issues-0")
                .noneMatch(report -> report.record().topic().equals(RESOLVED_TOPIC)
                        && report.record().kafkaOffset() == 1);
    }
}
