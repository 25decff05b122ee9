package io.trainset.connect.dataset;

import java.util.Objects;

/** What a resolved event contributes to its row. */
public record Resolution(String label) {

    public Resolution {
        Objects.requireNonNull(label, "label");
    }
}
