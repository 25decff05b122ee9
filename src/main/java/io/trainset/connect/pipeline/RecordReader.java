package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns the task's records into events; a bad record gives none: it is logged, counted and reported to the dead-letter
 * queue (unless its unit's checkpoint covers it already). Whatever extraction throws about one record is that record's
 * defect, never the task's, so the task goes on with the next one. No per-record method of its own around
 * {@link #eventOf}: the caller's loop calls it, so C2 compiles the extraction once, as {@code eventOf}'s root (a
 * wrapper called per record was a root of its own with {@code eventOf} inlined again: 36 KB twice).
 */
final class RecordReader {

    private final EventExtractor extractor;
    private final AssignedUnits assigned;
    private final RecordErrors errors;
    private final PendingReports pendingReports;
    private final BadRecordLog badRecords;
    private final TaskMetrics metrics;

    RecordReader(
            EventExtractor extractor,
            AssignedUnits assigned,
            RecordErrors errors,
            PendingReports pendingReports,
            BadRecordLog badRecords,
            TaskMetrics metrics) {
        this.extractor = extractor;
        this.assigned = assigned;
        this.errors = errors;
        this.pendingReports = pendingReports;
        this.badRecords = badRecords;
        this.metrics = metrics;
    }

    /** Whether the extractor is past its first records: {@link #eventOf} from now on, else {@link #firstEventOf}. */
    boolean settled() {
        return extractor.settled();
    }

    /** The event of {@code record}, or null when it is bad (reported). */
    Event eventOf(SinkRecord record) {
        try {
            return extractor.extract(record);
        } catch (BadRecordException e) {
            reportBad(record, e);
        } catch (RuntimeException | StackOverflowError e) {
            reportBad(record, EventExtractor.readingFailed(record, e));
        }
        return null;
    }

    /**
     * {@link #eventOf} for the extractor's first records ({@link EventExtractor#extractFirst}): a separate
     * method, so that the compiled {@code eventOf} of a warm worker never meets a new task's first records.
     */
    Event firstEventOf(SinkRecord record) {
        try {
            return extractor.extractFirst(record);
        } catch (BadRecordException e) {
            reportBad(record, e);
        } catch (RuntimeException | StackOverflowError e) {
            reportBad(record, EventExtractor.readingFailed(record, e));
        }
        return null;
    }

    private void reportBad(SinkRecord record, BadRecordException error) {
        badRecords.log(error);
        metrics.increment(Metric.BAD_RECORDS, MetricTags.badReason(error.kind()));
        SourcePosition position = EventExtractor.positionOf(record);
        if (assigned.unit(position.partition()).readSettled(position)) {
            pendingReports.add(errors.report(record, badRecords.forReporter(error)));
            metrics.increment(Metric.DLQ_RECORDS, Tags.DlqReason.BAD);
        }
    }
}
