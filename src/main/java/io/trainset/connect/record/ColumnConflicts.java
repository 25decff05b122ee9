package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.DatasetColumns;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Feature columns whose names a file cannot hold: Trainset's own, reserved ones, and duplicates. */
final class ColumnConflicts {

    private ColumnConflicts() {}

    /** Why these columns cannot be written together (naming the column and the fix), or null when they can. */
    static String find(List<Column> columns, Set<String> reservedNames) {
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (reservedNames.contains(column.name())) {
                return "the column '" + column.name() + "' has the name of a path level or of a resolved-event "
                        + "column " + new TreeSet<>(reservedNames) + " (a reader would see it twice); leave it out "
                        + "with features.exclude or rename it with features.rename";
            }
            if (DatasetColumns.RESERVED.contains(column.name())) {
                return "the feature column '" + column.name() + "' has the name of a column Trainset writes itself "
                        + new TreeSet<>(DatasetColumns.RESERVED) + "; leave it out with features.exclude "
                        + "or list other fields in features.include";
            }
            if (!seen.add(column.name())) {
                return "two feature fields both become the column '" + column.name() + "' (nested fields are "
                        + "joined with '_'); list only one of them in features.include";
            }
        }
        return null;
    }
}
