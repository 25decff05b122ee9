package io.trainset.connect.model;

import java.util.Locale;

/** The {@code join_status} column: how a row came about. */
public enum JoinStatus {
    /** The resolution arrived: the row is labelled. */
    JOINED,
    /** No resolution arrived within the timeout: the label is null. */
    TIMED_OUT;

    /** The value written to the files. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
