package io.trainset.connect.model;

/** Which side of the join an event belongs to. */
public enum Side {
    /** The event that carries the features, e.g. a submitted support issue. */
    SUBMITTED,
    /** The later event that carries the label, e.g. the resolution. */
    RESOLVED
}
