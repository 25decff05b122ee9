package io.trainset.connect.pipeline;

import org.apache.kafka.connect.errors.ConnectException;

/** Another task created a unit's checkpoint first: this task's state of the unit is stale (a zombie). */
final class UnitFencedException extends ConnectException {

    private static final long serialVersionUID = 1L;

    UnitFencedException(int unit, long sequence) {
        super("Checkpoint " + sequence + " of join unit " + unit + " was created by another task first (this task "
                + "was a zombie after a rebalance); its uncommitted work is discarded and the unit reloaded");
    }
}
