package io.trainset.connect.model;

import java.util.Objects;

/** A named, typed column. Every column is nullable in the files. */
public record Column(String name, ColumnType type) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
