package io.trainset.connect.pipeline;

/** What one join unit has done since it was opened; logged with every commit. */
final class UnitCounts {
    long joined;
    long timedOutEmitted;
    long timedOutDropped;
    long orphans;
    long duplicates;
    long files;
    long rowsCommitted;

    @Override
    public String toString() {
        return "joined=" + joined + " timedOut=" + timedOutEmitted + " timedOutDropped=" + timedOutDropped
                + " orphanResolutions=" + orphans + " duplicates=" + duplicates + " files=" + files
                + " rowsCommitted=" + rowsCommitted;
    }
}
