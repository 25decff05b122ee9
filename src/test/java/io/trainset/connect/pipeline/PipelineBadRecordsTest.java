package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.record;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that cannot be used: each is reported to the dead-letter queue with its reason (its content only with
 * errors.log.include.messages), logged once per reason and minute, and settled; the records after it flow on.
 */
class PipelineBadRecordsTest {

    private final PipelineFixture fx;

    PipelineBadRecordsTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    /** A record whose value fails to convert with a message that quotes it, as a converter's might. */
    private static SinkRecord explodingWithContent() {
        return new SinkRecord(SUBMITTED_TOPIC, 0, null, "A", null, Map.of(), 0, T0, TimestampType.CREATE_TIME) {
            @Override
            public Object value() {
                throw new IllegalStateException(
                        "cannot convert 'card 4111-1111-1111-1111'",
                        new IllegalArgumentException("at 'card 4111-1111-1111-1111'"));
            }
        };
    }

    /** What Connect's LogReporter logs of a reported error (with errors.log.enable=true): message and stack trace. */
    private static String logged(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @Test
    void recordsWithAnEmptyKeyAreReportedNotJoinedIntoOneRow() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(
                pipeline,
                issue(0, 0, "", "malformed a"),
                issue(0, 1, "", "malformed b"),
                issue(0, 2, "ISSUE-1", "t"),
                resolution(0, 3, "", "billing"),
                resolution(0, 4, "ISSUE-1", "billing"));
        fx.advanceEventTime(pipeline, 0, T0 + 4_001);

        assertThat(fx.errors.reportedExceptClock())
                .extracting(
                        report -> report.record().topic(),
                        report -> report.record().kafkaOffset(),
                        report -> report.error().getClass())
                .containsExactly(
                        tuple(SUBMITTED_TOPIC, 0L, BadRecordException.class),
                        tuple(SUBMITTED_TOPIC, 1L, BadRecordException.class),
                        tuple(RESOLVED_TOPIC, 3L, BadRecordException.class));
        assertThat(fx.errors.reportedExceptClock().get(2).error())
                .hasMessage("Record resolutions-0@3 cannot be used: its "
                        + "join key is empty: its record key is the empty string, which names no issue (every record with an "
                        + "empty key would join every other). Fix: fix the producer so that every record carries its issue's "
                        + "key, or set resolved.key.field to the field that holds it.");
        assertThat(fx.committedKeys())
                .singleElement()
                .satisfies(key -> assertThat(fx.rowsOf(key))
                        .singleElement()
                        .satisfies(row -> assertThat(row.columns())
                                .containsEntry("key", "ISSUE-1")
                                .containsEntry("title", "t")
                                .containsEntry("join_status", "joined")));
    }

    @Test
    void anyExceptionWhileReadingARecordIsABadRecordAndTheNextRecordsFlowOn() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord exploding =
                new SinkRecord(SUBMITTED_TOPIC, 0, null, "A", null, Map.of(), 0, T0, TimestampType.CREATE_TIME) {
                    @Override
                    public Object value() {
                        throw new IllegalStateException("a converter's lazy value failed");
                    }
                };

        fx.put(pipeline, exploding, issue(0, 1, "B", "t"));

        assertThat(fx.errors.reportedExceptClock()).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(exploding);
            assertThat(report.error())
                    .isInstanceOf(BadRecordException.class)
                    .hasMessage("Record issues-0@0 cannot "
                            + "be used: reading it failed with java.lang.IllegalStateException. Fix: check the record "
                            + "against the documented formats (docs/dataset.md); if it is one of them, report this failure "
                            + "to Trainset.");
        });
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void repeatedBadRecordsAreEachReportedButLoggedOncePerReasonAndMinute() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        List<SinkRecord> keyless = new ArrayList<>();
        for (int offset = 0; offset < 20; offset++) {
            keyless.add(record(SUBMITTED_TOPIC, 0, offset, null, Map.of("title", "secret " + offset)));
        }

        try (LogCapture pipelineLog = new LogCapture(SinkPipeline.class.getName());
                LogCapture badRecordLog = new LogCapture(BadRecordLog.class.getName())) {
            pipeline.put(keyless);

            assertThat(fx.errors.reported).hasSize(20);
            assertThat(pipelineLog.messages()).noneMatch(line -> line.contains("cannot be used"));
            assertThat(badRecordLog.messages())
                    .containsExactly("Record issues-0@0 cannot be used: it has no join key: "
                            + "its record key is missing or null. Fix: produce the records with a key, or set "
                            + "submitted.key.field to the field that holds it.");
        }
    }

    @Test
    void aBadRecordIsReportedWithItsReasonAndSettled() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord bad = record(RESOLVED_TOPIC, 0, 5, "A", Map.of("resolved_by", "agent"));

        pipeline.put(List.of(bad));

        assertThat(fx.errors.reported).singleElement().satisfies(report -> {
            assertThat(report.record()).isSameAs(bad);
            assertThat(report.error())
                    .isInstanceOf(BadRecordException.class)
                    .hasMessage("Record resolutions-0@5 cannot be used: the label field 'department' is missing or "
                            + "null. Fix: fix the producer or point label.field at the label.");
        });
        assertThat(pipeline.preCommit()).as("nothing committed yet").isEmpty();
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(RESOLUTIONS_0, 6));
    }

    @Test
    void aBadRecordAndAWaitingOneAreCoveredByTheNextCheckpoint() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        pipeline.put(List.of(issue(0, 0, "A", "t"), record(SUBMITTED_TOPIC, 0, 1, null, Map.of("title", "t"))));

        assertThat(fx.errors.reported)
                .extracting(report -> report.error().getMessage())
                .containsExactly(
                        "Record issues-0@1 cannot be used: it has no join key: its record key is missing or null. Fix: "
                                + "produce the records with a key, or set submitted.key.field to the field that holds it.");
        fx.commitInterval(pipeline);
        assertThat(pipeline.preCommit()).isEqualTo(offsets(ISSUES_0, 2));
    }

    @Test
    void withoutIncludeMessagesABadRecordIsReportedWithoutItsContent() {
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);

        fx.put(pipeline, explodingWithContent());

        assertThat(fx.errors.reportedExceptClock())
                .singleElement()
                .satisfies(report -> assertThat(logged(report.error()))
                        .contains("IllegalStateException")
                        .doesNotContain("4111"));
        assertThat(fx.errors.reportedExceptClock().get(0).error())
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Record issues-0@0 cannot be used: reading it failed with java.lang.IllegalStateException. "
                        + "Fix: check the record against the documented formats (docs/dataset.md); if it is one of "
                        + "them, report this failure to Trainset.")
                .cause()
                .hasMessage(
                        "java.lang.IllegalStateException (message left out: " + "errors.log.include.messages=false)")
                .cause()
                .hasMessage("java.lang.IllegalArgumentException (message left out: "
                        + "errors.log.include.messages=false)");
    }

    @Test
    void withIncludeMessagesABadRecordIsReportedWithItsContent() {
        fx.includeMessages = true;
        SinkPipeline pipeline = fx.opened(1, ISSUES_0, RESOLUTIONS_0);
        SinkRecord exploding = explodingWithContent();

        fx.put(pipeline, exploding);

        assertThat(fx.errors.reportedExceptClock())
                .singleElement()
                .satisfies(report -> assertThat(report.error())
                        .isInstanceOf(BadRecordException.class)
                        .hasMessage(
                                "Record issues-0@0 cannot be used: reading it failed with java.lang.IllegalStateException: "
                                        + "cannot convert 'card 4111-1111-1111-1111'. Fix: check the record against the documented "
                                        + "formats (docs/dataset.md); if it is one of them, report this failure to Trainset.")
                        .cause()
                        .hasMessage("cannot convert 'card 4111-1111-1111-1111'"));
    }
}
