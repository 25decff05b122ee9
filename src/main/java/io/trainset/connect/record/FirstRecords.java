package io.trainset.connect.record;

import io.trainset.connect.model.Side;

/**
 * Whether an {@link EventExtractor}'s first records are behind: a submitted record was accepted (its
 * feature columns cached and established) and, when resolved.fields lists columns, a resolved one too.
 * Until then its records go through {@link EventExtractor#extractFirst}, so that a new task's first
 * records do not take branches in the JIT-compiled steady path that the warm worker never saw there
 * (each such branch throws the whole compiled method away). Task thread only.
 */
final class FirstRecords {

    private final boolean resolvedColumns;
    private boolean submittedAccepted;
    private boolean resolvedAccepted;
    private boolean settled;

    FirstRecords(boolean resolvedColumns) {
        this.resolvedColumns = resolvedColumns;
    }

    /** A record of this side was accepted by the first-records path. */
    void accepted(Side side) {
        if (side == Side.SUBMITTED) {
            submittedAccepted = true;
        } else {
            resolvedAccepted = true;
        }
        settled = submittedAccepted && (resolvedAccepted || !resolvedColumns);
    }

    boolean settled() {
        return settled;
    }
}
