package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema of one data file: its data columns (features, resolved columns, extras; every column
 * nullable) and the file's columns in file order. Column lists that were checked
 * once are remembered by identity, so rows of one input schema cost no schema work.
 */
final class FileSchema {

    private final List<Column> columns;
    private final List<Column> fileColumns;
    private final Map<String, ColumnType> byName;
    private final Set<List<Column>> held = Collections.newSetFromMap(new IdentityHashMap<>());

    private FileSchema(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c.type()));
        this.fileColumns = List.copyOf(DatasetColumns.forFeatures(this.columns));
    }

    static FileSchema of(List<Column> columns) {
        return new FileSchema(columns);
    }

    List<Column> columns() {
        return columns;
    }

    /** Every column of the file, in file order. */
    List<Column> fileColumns() {
        return fileColumns;
    }

    /** True when every one of these columns is in the file with the same type (missing ones are null). */
    boolean holds(List<Column> candidates) {
        if (candidates.isEmpty() || held.contains(candidates)) {
            return true;
        }
        for (Column column : candidates) {
            if (!column.type().equals(byName.get(column.name()))) {
                return false;
            }
        }
        held.add(candidates);
        return true;
    }

    /**
     * The schema for a new file that must hold these columns: this file's columns plus the new
     * ones when no type conflicts, else this file's columns with the conflicting ones replaced.
     */
    FileSchema widenedFor(List<Column> candidates) {
        Map<String, Column> merged = new LinkedHashMap<>();
        columns.forEach(c -> merged.put(c.name(), c));
        candidates.forEach(c -> merged.put(c.name(), c));
        return of(new ArrayList<>(merged.values()));
    }
}
