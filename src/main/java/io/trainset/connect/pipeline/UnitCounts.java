package io.trainset.connect.pipeline;

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

    void joined() {
        joined++;
    }

    /** A submission timed out; {@code emitted}: written as an unlabelled row. */
    void timedOut(boolean emitted) {
        if (emitted) {
            timedOutEmitted++;
        } else {
            timedOutNotEmitted++;
        }
    }

    void orphaned() {
        orphans++;
    }

    void late() {
        late++;
    }

    void aheadOfClock() {
        aheadOfClock++;
    }

    void duplicate() {
        duplicates++;
    }

    void ignored() {
        ignored++;
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
