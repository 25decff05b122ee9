package io.trainset.connect.metrics;

import java.util.Arrays;

/**
 * The latencies of the last {@value #CAPACITY} commits of a task, for their percentiles. Commits are
 * rare (a few per second at most), so recording takes a lock; reading sorts a copy, on the reader's thread.
 */
final class LatencyWindow {

    static final int CAPACITY = 1024;

    private final long[] latest = new long[CAPACITY];
    private long recorded;

    synchronized void record(long latencyMs) {
        latest[(int) (recorded % CAPACITY)] = latencyMs;
        recorded++;
    }

    /** The nearest-rank {@code quantile} (1 is the maximum) of the window, or NaN while it is empty. */
    double quantile(double quantile) {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(latest, (int) Math.min(recorded, CAPACITY));
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
