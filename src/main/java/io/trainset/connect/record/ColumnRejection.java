package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.util.List;

/**
 * Why {@link ColumnTypeGuard} rejects a record's columns; {@link EventExtractor} reports each kind with a
 * reason of its own that names the setting, the columns only in the detail.
 */
public abstract sealed class ColumnRejection extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ColumnRejection(String message) {
        super(message);
    }

    /** What of the record's content shows the rejection (column names and types). */
    public abstract String detail();

    /** A value whose type differs from its column's established type, under schema.type.change.policy=dlq. */
    public static final class TypeChange extends ColumnRejection {
        private static final long serialVersionUID = 1L;
        private final String detail;
        private final boolean groups;

        TypeChange(Column column, ColumnType type, String renamed) {
            this(
                    column,
                    type,
                    renamed,
                    "the column '" + column.name() + "' is a " + type + " in the dataset but this " + "value's is a "
                            + column.type());
        }

        private TypeChange(Column column, ColumnType type, String renamed, String detail) {
            super(detail + " (an incompatible type change); fix the producer"
                    + (groups(column, type)
                            ? " (a group keeps the children it was first written with), set features.nested=flatten so that "
                                    + "new nested fields become new columns"
                            : "")
                    + ", or set schema.type.change.policy=new_column to write such values to the column '"
                    + renamed + "'");
            this.detail = detail;
            this.groups = groups(column, type);
        }

        private static boolean groups(Column column, ColumnType type) {
            return type.kind() == ColumnType.Kind.STRUCT && column.type().kind() == ColumnType.Kind.STRUCT;
        }

        @Override
        public String detail() {
            return detail;
        }

        /** Whether both types are groups: flattening nested fields avoids the change. */
        public boolean groups() {
            return groups;
        }
    }

    /** Columns that would take the dataset past dataset.max.columns. */
    public static final class TooManyColumns extends ColumnRejection {
        private static final long serialVersionUID = 1L;
        /** How many of the new columns a rejection names. */
        private static final int NAMED_COLUMNS = 5;

        private final String detail;

        TooManyColumns(List<String> added, int known, int maxColumns) {
            super("it would add " + added.size() + " column(s) (" + named(added) + ") to the " + known + " the "
                    + "dataset has, past dataset.max.columns=" + maxColumns + " (a nested object whose keys vary per "
                    + "record adds a column per key); exclude the field that brings them (features.exclude), list "
                    + "the fields to keep (features.include), or raise dataset.max.columns");
            this.detail = added.size() + " new column(s) (" + named(added) + ") beside the " + known + " the dataset "
                    + "has, dataset.max.columns=" + maxColumns;
        }

        private static String named(List<String> added) {
            return String.join(", ", added.subList(0, Math.min(NAMED_COLUMNS, added.size())))
                    + (added.size() > NAMED_COLUMNS ? ", …" : "");
        }

        @Override
        public String detail() {
            return detail;
        }
    }
}
