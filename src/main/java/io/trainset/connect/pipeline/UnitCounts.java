package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.JoinOutcome;
import java.util.Optional;
import io.trainset.connect.model.Policies;

/** What one join unit has done since it was opened; logged with every commit. */
final class UnitCounts {
    private long joined;
    private long timedOutEmitted;
    private long timedOutNotEmitted;
    private long orphans;
    private long late;
    private long aheadOfClock;
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
        } else if (outcome instanceof JoinOutcome.AheadOfClock) {
            aheadOfClock++;
        } else if (outcome instanceof JoinOutcome.Duplicate) {
            duplicates++;
        } else {
            ignored++;
        }
    }

    /** How the dataset card counts an outcome that writes no row, if it counts it. */
    static Optional<CardStats.Dropped> cardKind(JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.TimedOut) {
            return Optional.of(CardStats.Dropped.TIMED_OUT_DROPPED);
        }
        if (outcome instanceof JoinOutcome.Orphaned) {
            return Optional.of(CardStats.Dropped.ORPHANED_RESOLUTIONS);
        }
        if (outcome instanceof JoinOutcome.Duplicate) {
            return Optional.of(CardStats.Dropped.DUPLICATES);
        }
        if (outcome instanceof JoinOutcome.Late) {
            return Optional.of(CardStats.Dropped.LATE_EVENTS);
        }
        return Optional.empty();
    }

    void committed(int commitFiles, long rows) {
        files += commitFiles;
        rowsCommitted += rows;
    }

    @Override
    public String toString() {
        return "joined=" + joined + " timedOut=" + timedOutEmitted + " timedOutNotWritten=" + timedOutNotEmitted
                + " orphanResolutions=" + orphans + " late=" + late + " aheadOfClock=" + aheadOfClock
                + " duplicates=" + duplicates
                + " ignored=" + ignored + " files=" + files + " rowsCommitted=" + rowsCommitted;
    }
}
