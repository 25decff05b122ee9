package io.trainset.connect.dataset;

import io.trainset.connect.parquet.AvroRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The schema of one data file: its feature columns (every column nullable) and the Avro schema
 * derived from them once per file.
 */
record FileSchema(List<Column> features, Map<String, ColumnType> byName, Schema avro) {

    static FileSchema of(List<Column> features) {
        Map<String, ColumnType> byName = new LinkedHashMap<>();
        features.forEach(c -> byName.put(c.name(), c.type()));
        return new FileSchema(List.copyOf(features), byName, AvroRows.schemaOf(DatasetColumns.forFeatures(features)));
    }

    /** True when every one of these columns is in the file with the same type (missing ones are null). */
    boolean holds(List<Column> columns) {
        if (columns == features || columns.equals(features)) {
            return true;
        }
        for (Column column : columns) {
            if (!column.type().equals(byName.get(column.name()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The schema for a new file that must hold these columns: this file's columns plus the new
     * ones when no type conflicts, else just the new columns.
     */
    FileSchema widenedFor(List<Column> columns) {
        List<Column> merged = new ArrayList<>(features);
        for (Column column : columns) {
            ColumnType existing = byName.get(column.name());
            if (existing == null) {
                merged.add(column);
            } else if (!existing.equals(column.type())) {
                return of(columns);
            }
        }
        return of(merged);
    }
}
