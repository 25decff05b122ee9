package io.trainset.connect.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter reports sent and not yet known to be durable. A checkpoint may cover a reported
 * record only once its report is: commits and {@code preCommit} wait for them first. The first
 * failure sticks: the task fails on it, and nothing more is committed.
 */
final class PendingReports {

    private static final Logger LOG = LoggerFactory.getLogger(PendingReports.class);

    private final List<Future<Void>> pending = new ArrayList<>();
    private ConnectException failure;

    void add(Future<Void> report) {
        pending.add(report);
    }

    /** The failure that stopped the reports, if one did. */
    ConnectException failure() {
        return failure;
    }

    /** Waits for every report sent; returns the (sticky) failure, or null when all are durable. */
    ConnectException awaitAll() {
        if (failure != null) {
            return failure;
        }
        try {
            for (Future<Void> report : pending) {
                report.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new ConnectException("Interrupted while waiting for dead-letter queue reports", e);
        } catch (ExecutionException e) {
            LOG.error("A bad record could not be reported to the dead-letter queue; failing the task", e.getCause());
            failure = new ConnectException(
                    "A bad record could not be reported to the dead-letter queue ("
                            + e.getCause().getMessage()
                            + "). Check that the DLQ topic exists and the worker can write to "
                            + "it, then restart the task; nothing after the last committed offset is lost.",
                    e.getCause());
        } finally {
            pending.clear();
        }
        return failure;
    }
}
