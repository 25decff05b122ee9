package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Side;

/**
 * What one join unit has done since it was opened, logged with every commit; each outcome is also
 * counted in the task's metrics (rows written, timed out, orphans, late, duplicates, bad).
 */
final class UnitCounts {
    private final TaskMetrics metrics;
    private long joined;
    private long provisional;
    private long timedOutEmitted;
    private long timedOutNotEmitted;
    private long orphans;
    private long late;
    private long aheadOfClock;
    private long duplicates;
    private long ignored;
    private long files;
    private long rowsCommitted;

    UnitCounts(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    /** A match: written as a labelled row. */
    void joined() {
        joined++;
        metrics.increment(Metric.ROWS_WRITTEN, Tags.Status.JOINED);
    }

    /** A provisional row (early-label mode), written. */
    void provisional() {
        provisional++;
        metrics.increment(Metric.PROVISIONAL_ROWS);
    }

    /** A submission timed out; {@code emitted}: written as an unlabelled row. */
    void timedOut(boolean emitted) {
        metrics.increment(Metric.TIMED_OUT_SUBMISSIONS);
        if (emitted) {
            timedOutEmitted++;
            metrics.increment(Metric.ROWS_WRITTEN, Tags.Status.TIMED_OUT);
        } else {
            timedOutNotEmitted++;
        }
    }

    void orphaned() {
        orphans++;
        metrics.increment(Metric.ORPHAN_RESOLUTIONS);
    }

    void late(Side side) {
        late++;
        metrics.increment(Metric.LATE_EVENTS, MetricTags.side(side));
    }

    /** An event ahead of the worker's clock, found by the join: a bad record. */
    void aheadOfClock() {
        aheadOfClock++;
        metrics.increment(Metric.BAD_RECORDS, Tags.BadReason.AHEAD_OF_CLOCK);
    }

    void duplicate(Side side) {
        duplicates++;
        metrics.increment(Metric.DUPLICATE_EVENTS, MetricTags.side(side));
    }

    void ignored() {
        ignored++;
    }

    /** A commit's checkpoint was created with {@code commitFiles} files of {@code rows} rows. */
    void committed(int commitFiles, long rows) {
        files += commitFiles;
        rowsCommitted += rows;
        metrics.add(Metric.ROWS_COMMITTED, rows);
    }

    @Override
    public String toString() {
        return "joined=" + joined + " provisional=" + provisional + " timedOut=" + timedOutEmitted
                + " timedOutNotWritten=" + timedOutNotEmitted
                + " orphanResolutions=" + orphans + " late=" + late + " aheadOfClock=" + aheadOfClock
                + " duplicates=" + duplicates
                + " ignored=" + ignored + " files=" + files + " rowsCommitted=" + rowsCommitted;
    }
}
