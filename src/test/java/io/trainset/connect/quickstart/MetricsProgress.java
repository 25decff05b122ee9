package io.trainset.connect.quickstart;

import io.trainset.connect.testing.ConnectMetrics;
import java.util.Locale;

/**
 * The quickstart's progress while it waits, as an operator would watch it: the task's metrics read over JMX
 * from the in-process worker (docs/metrics.md), one line every {@value #EVERY_NANOS} ns at most however often
 * it is polled.
 */
final class MetricsProgress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final ConnectMetrics metrics;
    private final long expectedRows;
    private long lastLineNanos;
    private boolean printed;

    MetricsProgress(ConnectMetrics metrics, long expectedRows) {
        this.metrics = metrics;
        this.expectedRows = expectedRows;
    }

    /** Where the figures come from, for the line that starts the wait. */
    String source() {
        return metrics.name().toString();
    }

    /** Prints the figures now if the last line is 2 s old (or there is none yet). */
    void poll() {
        long now = System.nanoTime();
        if (printed && now - lastLineNanos < EVERY_NANOS) {
            return;
        }
        printed = true;
        lastLineNanos = now;
        QuickstartReport.line("%s", line());
    }

    String line() {
        if (!metrics.registered()) {
            return "waiting: the task's metrics are not registered yet";
        }
        double joined = metrics.read("rows-written-total", "status=joined");
        double timedOut = metrics.read("rows-written-total", "status=timed-out");
        return String.format(
                Locale.ROOT,
                "waiting: %.0f of %d rows committed (rows-committed-total), %.0f written"
                        + " (rows-written-total: %.0f joined, %.0f timed out), %.0f records read, %.0f dead letters",
                metrics.read("rows-committed-total"),
                expectedRows,
                joined + timedOut,
                joined,
                timedOut,
                metrics.sum("records-read-total", "side"),
                metrics.sum("dlq-records-total", "reason"));
    }
}
