package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW_MS;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import java.nio.file.Path;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join outcomes that go to the dead-letter queue: timed-out submissions under join.timed.out.policy=dlq, orphan
 * resolutions, late records; reported with their record (and their key and times only with
 * errors.log.include.messages) and settled.
 */
class PipelineDeadLettersTest {

    private final PipelineFixture fx;

    PipelineDeadLettersTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    /** The report of {@link #aLateRecordIsReportedWithItsRecordAndSettled}'s late record without its content. */
    private static final String LATE_WITHOUT_CONTENT = "Resolution resolutions-0@1 is late: its event time is behind "
            + "its input's watermark, so the join may already have decided its key. Raise join.grace.ms to the "
            + "disorder of your producers, or set join.late.policy=drop or join.";

    @Test
    void aTimedOutSubmissionWithPolicyDlqIsReportedWithItsRecordAndSettled() {
        SinkPipeline pipeline = fx.opened(1, settings().with(Policies.TimedOut.DLQ), ISSUES_0, RESOLUTIONS_0);
        SinkRecord issue = issue(0, 0, "A", "never resolved");
        fx.put(pipeline, issue);

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS);
        assertThat(fx.errors.reported).isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + WINDOW_MS + 1);
        assertThat(fx.errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(issue);
            assertThat(report.error())
                    .isInstanceOf(DataException.class)
                    .hasMessage("Submission issues-0@0 got no resolution within join.window.after.ms; "
                            + "join.timed.out.policy=dlq. Widen join.window.after.ms if its resolutions come later, "
                            + "or set join.timed.out.policy=emit.");
        });
        assertThat(fx.committedKeys()).isEmpty();
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 3, RESOLUTIONS_0, 2));
    }

    @Test
    void anOrphanResolutionIsReportedWithItsRecordOnceEventTimePassesIt() {
        SinkPipeline pipeline = fx.opened(1, JoinSettings.of(WINDOW), ISSUES_0, RESOLUTIONS_0);
        SinkRecord orphan = resolution(0, 0, "Z", "billing");
        fx.put(pipeline, orphan);

        fx.advanceEventTime(pipeline, 0, T0);
        assertThat(fx.errors.reported)
                .as("a submission at its time could still come")
                .isEmpty();

        fx.advanceEventTime(pipeline, 0, T0 + 1);
        assertThat(fx.errors.reportedExceptClock()).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(orphan);
            assertThat(report.error())
                    .isInstanceOf(DataException.class)
                    .hasMessage("Resolution resolutions-0@0 matched no submission: none has a time from "
                            + "join.window.after.ms before its own to join.window.before.ms after it, and no later "
                            + "one can come. Check the key and the window (join.window.*), or set "
                            + "join.orphan.policy=drop.");
        });
        assertThat(fx.committedKeys()).isEmpty();
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 3));
    }

    @Test
    void aLateRecordIsReportedWithItsRecordAndSettled() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord late = resolutionAt(0, 1, T0 + 2_000, "Y", "billing");

        fx.put(pipeline, issueAt(0, 0, T0 + 4_000, "X", "t"), resolutionAt(0, 0, T0 + 5_000, "X", "billing"), late);

        assertThat(fx.errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(late);
            assertThat(report.error()).isInstanceOf(DataException.class).hasMessage(LATE_WITHOUT_CONTENT);
        });

        fx.advanceEventTime(pipeline, 0, T0 + 5_001);
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.errors.reported).hasSize(1);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2, RESOLUTIONS_0, 3));
    }

    @Test
    void withoutIncludeMessagesALateRecordIsReportedWithoutItsKeyOrTimes() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(
                pipeline,
                issueAt(0, 0, T0 + 4_000, "X", "t"),
                resolutionAt(0, 0, T0 + 5_000, "X", "billing"),
                resolutionAt(0, 1, T0 + 2_000, "customer-7", "billing"));

        assertThat(fx.errors.reported)
                .singleElement()
                .satisfies(report -> assertThat(report.error())
                        .isInstanceOf(DataException.class)
                        .hasNoCause()
                        .hasMessage(LATE_WITHOUT_CONTENT));
    }

    @Test
    void withIncludeMessagesALateRecordIsReportedWithItsKeyAndTimes() {
        fx.includeMessages = true;
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(
                pipeline,
                issueAt(0, 0, T0 + 4_000, "X", "t"),
                resolutionAt(0, 0, T0 + 5_000, "X", "billing"),
                resolutionAt(0, 1, T0 + 2_000, "customer-7", "billing"));

        assertThat(fx.errors.reported)
                .singleElement()
                .satisfies(report -> assertThat(report.error())
                        .hasMessage(
                                "Resolution resolutions-0@1 (key customer-7, time 2025-11-24T16:00:02Z) is late: it is "
                                        + "behind its input's watermark 2025-11-24T16:00:05Z, so the join may already have decided "
                                        + "its key. Raise join.grace.ms to the disorder of your producers, or set "
                                        + "join.late.policy=drop or join."));
    }
}
