package io.trainset.connect.model;

import java.util.Objects;

/**
 * What a resolved event contributes to its row: the label (after the label rules) and the
 * configured extra columns of the resolved event (e.g. the resolution text).
 */
public record Resolution(String label, Features columns) {

    public Resolution {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(columns, "columns");
    }

    public Resolution(String label) {
        this(label, Features.EMPTY);
    }
}
