package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
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
 *
 * <p>Checking changes nothing: the columns a record would add are established only once the whole
 * record was extracted ({@link #use}, then {@link #establishStaged}), so a record rejected for any reason
 * (a value that does not convert, a label past its bound, a time far ahead) takes no place among the
 * columns and fixes no type.
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

    private final Policy policy;
    private final int maxColumns;
    private final Map<String, ColumnType> established = new HashMap<>();
    /** Every column the dataset is known to have: the established ones and those the card lists with several types. */
    private final Set<String> known = new HashSet<>();
    /** Counts the changes to the established and known columns: a shape checked before a change is checked again. */
    private long generation;
    /** The shapes the record being extracted uses that would establish columns. */
    private final List<Checked> staged = new ArrayList<>();

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
        boolean added = established.putIfAbsent(name, type) == null;
        if (known.add(name) || added) {
            generation++;
        }
    }

    /** Counts a column the dataset has without fixing its type (the card lists several types for it). */
    public void exists(String name) {
        if (known.add(name)) {
            generation++;
        }
    }

    /**
     * What these columns become, without changing the guard: the same list when every type agrees, a list
     * where a group that fits its established group has that group's type, and with renamed conflicting
     * columns under {@link Policy#NEW_COLUMN}; throws {@link ColumnRejection.TypeChange} under {@link Policy#DLQ}, and
     * {@link ColumnRejection.TooManyColumns} past {@code maxColumns}. A record's columns are {@link #use used}, and
     * established only once the whole record was extracted ({@link #establishStaged}).
     */
    public Checked check(List<Column> columns) {
        Checked checked = new Checked(columns);
        refresh(checked);
        return checked;
    }

    /**
     * The columns to write for a record of a checked shape: checked again first when the guard changed
     * since (another record established columns) and the shape still had columns to establish; those are
     * staged for {@link #establishStaged}. A shape whose columns are all established costs a field read.
     */
    public List<Column> use(Checked checked) {
        if (checked.pending.isEmpty()) {
            return checked.columns;
        }
        if (checked.generation != generation) {
            refresh(checked);
        }
        if (!checked.pending.isEmpty()) {
            staged.add(checked);
        }
        return checked.columns;
    }

    /** Establishes the columns of the record whose shapes were used since {@link #discardStaged}: it was accepted. */
    public void establishStaged() {
        long checkedAt = generation;
        for (Checked checked : staged) {
            if (checked.generation == checkedAt) {
                checked.pending.forEach(c -> establish(c.name(), c.type()));
                checked.pending = List.of();
            }
        }
        staged.clear();
    }

    /** Forgets what the record being extracted would establish: it was rejected, or a new record starts. */
    public void discardStaged() {
        staged.clear();
    }

    private void refresh(Checked checked) {
        List<Column> columns = checked.input;
        List<Column> result = null;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            ColumnType type = established.get(column.name());
            if (type == null || type.equals(column.type())) {
                continue;
            }
            boolean fits = column.type().fitsInto(type);
            if (!fits && policy == Policy.DLQ) {
                throw new ColumnRejection.TypeChange(
                        column, type, renamed(column).name());
            }
            if (result == null) {
                result = new ArrayList<>(columns);
            }
            result.set(i, fits ? new Column(column.name(), type) : renamed(column));
        }
        List<Column> written = result == null ? columns : List.copyOf(result);
        checkBound(written);
        checked.columns = written;
        checked.pending =
                written.stream().filter(c -> !established.containsKey(c.name())).toList();
        checked.generation = generation;
    }

    /** Throws {@link ColumnRejection.TooManyColumns} when these columns would take the dataset past {@code maxColumns}. */
    private void checkBound(List<Column> columns) {
        List<String> added = columns.stream()
                .map(Column::name)
                .filter(name -> !known.contains(name))
                .distinct()
                .toList();
        if (!added.isEmpty() && known.size() + added.size() > maxColumns) {
            throw new ColumnRejection.TooManyColumns(added, known.size(), maxColumns);
        }
    }

    /**
     * A column list as {@link #check} found it: the columns to write, and those of them a record of this
     * shape establishes once accepted; checked again when the guard changed before they were established.
     */
    public static final class Checked {
        private final List<Column> input;
        private List<Column> columns;
        private List<Column> pending;
        private long generation;

        private Checked(List<Column> input) {
            this.input = List.copyOf(input);
        }

        /** The columns to write, as last checked. */
        public List<Column> columns() {
            return columns;
        }
    }

    /** {@code <name>__<type>}; a group's type is long, so a group's column is {@code <name>__struct_<hash of its type>}. */
    static Column renamed(Column column) {
        String suffix = column.type().kind() == ColumnType.Kind.STRUCT
                ? "struct_" + shortHash(column.type().toString())
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
