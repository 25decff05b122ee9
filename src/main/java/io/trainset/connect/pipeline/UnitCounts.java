package io.trainset.connect.pipeline;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.Policies;

/** What one join unit has done since it was opened; logged with every commit. */
final class UnitCounts {
    private long joined;
    private long timedOutEmitted;
    private long timedOutNotEmitted;
    private long orphans;
    private long late;
    private long duplicates;
    private long ignored;
    private long files;
    private long rowsCommitted;

    void count(JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.Matched) {
            joined++;
        } else if (outcome instanceof JoinOutcome.TimedOut timedOut) {
            if (timedOut.policy() == Policies.TimedOut.EMIT) {
                timedOutEmitted++;
            } else {
                timedOutNotEmitted++;
            }
        } else if (outcome instanceof JoinOutcome.Orphaned) {
            orphans++;
        } else if (outcome instanceof JoinOutcome.Late) {
            late++;
        } else if (outcome instanceof JoinOutcome.Duplicate) {
            duplicates++;
        } else {
            ignored++;
        }
    }

    void committed(long rows) {
        files++;
        rowsCommitted += rows;
    }

    @Override
    public String toString() {
        return "joined=" + joined + " timedOut=" + timedOutEmitted + " timedOutNotWritten=" + timedOutNotEmitted
                + " orphanResolutions=" + orphans + " late=" + late + " duplicates=" + duplicates
                + " ignored=" + ignored + " files=" + files + " rowsCommitted=" + rowsCommitted;
    }
}
