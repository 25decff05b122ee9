package io.trainset.connect.record;

import io.trainset.connect.dataset.Column;
import io.trainset.connect.dataset.ColumnType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps every column of a task's dataset at one type, so that readers which union files by name
 * (pyarrow, DuckDB, Spark) can read old and new files together. The first type a column has (since
 * the task started, or as the dataset card recorded it) is established; a later value of another
 * type either rejects the record ({@link Policy#DLQ}: it goes to the dead-letter queue) or is written
 * to a new column named after its type ({@link Policy#NEW_COLUMN}: {@code priority} stays a long,
 * the text values go to {@code priority__string}). New columns are always accepted. A group (STRUCT)
 * keeps the children it was established with: a value whose children are among them (any order,
 * missing ones null) is written as the established group, a value with another child is a type
 * change (readers that union files by name do not merge the fields inside a struct). Checked once
 * per input schema (Structs) or per distinct column list (schemaless maps); not thread-safe.
 *
 * <p>It also bounds the dataset's columns: a column list that would take the known columns (those
 * established, and those the card lists with conflicting types) past {@code maxColumns} is rejected
 * with a message naming the new columns, the bound and the fix, so a nested object whose keys vary
 * per record cannot add a column (and a file) per record. Seeded from the card, the bound holds
 * across restarts.
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

    /** The default of dataset.max.columns. */
    public static final int DEFAULT_MAX_COLUMNS = 500;
    /** How many of the new columns a rejection names. */
    private static final int NAMED_COLUMNS = 5;

    private final Policy policy;
    private final int maxColumns;
    private final Map<String, ColumnType> established = new HashMap<>();
    /** Every column the dataset is known to have: the established ones and those the card lists with several types. */
    private final Set<String> known = new HashSet<>();

    /** A guard with the default bound on columns. */
    public ColumnTypeGuard(Policy policy) {
        this(policy, DEFAULT_MAX_COLUMNS);
    }

    public ColumnTypeGuard(Policy policy, int maxColumns) {
        this.policy = policy;
        this.maxColumns = maxColumns;
    }

    /** Establishes a column's type, e.g. from the dataset card; a later call for the same column is ignored. */
    public void establish(String name, ColumnType type) {
        established.putIfAbsent(name, type);
        known.add(name);
    }

    /** Counts a column the dataset has without fixing its type (the card lists several types for it). */
    public void exists(String name) {
        known.add(name);
    }

    /**
     * The columns to write for these: the same list when every type agrees (new columns are
     * established), a list where a group that fits its established group has that group's type,
     * and with renamed conflicting columns under {@link Policy#NEW_COLUMN}; throws
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
            boolean fits = column.type().fitsInto(type);
            if (!fits && policy == Policy.DLQ) {
                throw new IllegalArgumentException(changeMessage(column, type));
            }
            if (checked == null) {
                checked = new ArrayList<>(columns);
            }
            checked.set(i, fits ? new Column(column.name(), type) : renamed(column));
        }
        List<Column> result = checked == null ? columns : List.copyOf(checked);
        checkBound(result);
        result.forEach(c -> establish(c.name(), c.type()));
        return result;
    }

    /** Throws {@link IllegalArgumentException} when these columns would take the dataset past {@code maxColumns}. */
    private void checkBound(List<Column> columns) {
        List<String> added = columns.stream().map(Column::name).filter(name -> !known.contains(name)).distinct().toList();
        if (added.isEmpty() || known.size() + added.size() <= maxColumns) {
            return;
        }
        String named = String.join(", ", added.subList(0, Math.min(NAMED_COLUMNS, added.size())))
                + (added.size() > NAMED_COLUMNS ? ", …" : "");
        throw new IllegalArgumentException("it would add " + added.size() + " column(s) (" + named + ") to the "
                + known.size() + " the dataset has, past dataset.max.columns=" + maxColumns + " (a nested object "
                + "whose keys vary per record adds a column per key); exclude the field that brings them "
                + "(features.exclude), list the fields to keep (features.include), or raise dataset.max.columns");
    }

    private static String changeMessage(Column column, ColumnType type) {
        String groups = type.kind() == ColumnType.Kind.STRUCT && column.type().kind() == ColumnType.Kind.STRUCT
                ? " (a group keeps the children it was first written with), set features.nested=flatten so that "
                        + "new nested fields become new columns" : "";
        return "the column '" + column.name() + "' is a " + type + " in the dataset but this value's is a "
                + column.type() + " (an incompatible type change); fix the producer" + groups
                + ", or set schema.type.change.policy=new_column to write such values to the column '"
                + renamed(column).name() + "'";
    }

    /** {@code <name>__<type>}; a group's type is long, so a group's column is {@code <name>__struct_<hash of its type>}. */
    private static Column renamed(Column column) {
        String suffix = column.type().kind() == ColumnType.Kind.STRUCT ? "struct_" + shortHash(column.type().toString())
                : column.type().toString().replaceAll("[^a-z0-9]+", "_").replaceAll("_+$", "");
        return new Column(column.name() + "__" + suffix, column.type());
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
