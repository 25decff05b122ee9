package io.trainset.connect.record;

import io.trainset.connect.dataset.Column;
import io.trainset.connect.dataset.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps every column of a task's dataset at one type, so that readers which union files by name
 * (pyarrow, DuckDB, Spark) can read old and new files together. The first type a column has (since
 * the task started, or as the dataset card recorded it) is established; a later value of another
 * type either rejects the record ({@link Policy#DLQ}: it goes to the dead-letter queue) or is written
 * to a new column named after its type ({@link Policy#NEW_COLUMN}: {@code priority} stays a long,
 * the text values go to {@code priority__string}). New columns are always accepted. Checked once per
 * input schema (Structs) or per distinct column list (schemaless maps); not thread-safe.
 */
public final class ColumnTypeGuard {

    /** What happens to a value whose type differs from its column's established type. */
    public enum Policy {
        /** The record is reported as bad (dead-letter queue with errors.tolerance=all). */
        DLQ,
        /** The value goes to a new column {@code <name>__<type>}. */
        NEW_COLUMN;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Policy policy;
    private final Map<String, ColumnType> established = new HashMap<>();

    public ColumnTypeGuard(Policy policy) {
        this.policy = policy;
    }

    /** Establishes a column's type, e.g. from the dataset card; a later call for the same column is ignored. */
    public void establish(String name, ColumnType type) {
        established.putIfAbsent(name, type);
    }

    /**
     * The columns to write for these: the same list when every type agrees (new columns are
     * established), a list with renamed conflicting columns under {@link Policy#NEW_COLUMN}; throws
     * {@link IllegalArgumentException} naming the column and both types under {@link Policy#DLQ}.
     */
    public List<Column> check(List<Column> columns) {
        List<Column> checked = null;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            ColumnType type = established.get(column.name());
            if (type == null || type.equals(column.type())) {
                continue;
            }
            if (policy == Policy.DLQ) {
                throw new IllegalArgumentException("the column '" + column.name() + "' is a " + type
                        + " in the dataset but this value's is a " + column.type() + " (an incompatible type change); "
                        + "fix the producer, or set schema.type.change.policy=new_column to write such values to "
                        + "the column '" + renamed(column).name() + "'");
            }
            if (checked == null) {
                checked = new ArrayList<>(columns);
            }
            checked.set(i, renamed(column));
        }
        List<Column> result = checked == null ? columns : List.copyOf(checked);
        result.forEach(c -> establish(c.name(), c.type()));
        return result;
    }

    private static Column renamed(Column column) {
        String suffix = column.type().toString().replaceAll("[^a-z0-9]+", "_").replaceAll("_+$", "");
        return new Column(column.name() + "__" + suffix, column.type());
    }
}
