package io.trainset.connect.model;

import java.util.Locale;

/** The {@code join_status} column: how a row came about. */
public enum JoinStatus {
    /** The resolution arrived: the row is labelled. */
    JOINED,
    /** No resolution arrived within the timeout: the label is null. */
    TIMED_OUT,
    /**
     * Early-label mode: no resolution by the case's early point; the label is null and the case's final row (joined
     * or timed out, label version 2) follows. Not a timeout: the case may still be resolved.
     */
    PROVISIONAL;

    /** The value written to the files. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
