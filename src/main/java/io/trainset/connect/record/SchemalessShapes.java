package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column lists of schemaless values (maps, or JSON read into slots), typed by their values: each
 * distinct list is checked against the type guard once (for the 64 lists used last) and shared, so the
 * writer sees the same list instance for rows of one shape; most values have the shape of the one before.
 */
final class SchemalessShapes {

    private static final int CACHE_SIZE = 64;

    private final FeatureOptions options;
    private List<Column> lastColumns;
    private ColumnTypeGuard.Checked lastChecked;
    /**
     * The lists used last, eldest first. A plain {@link LinkedHashMap} evicted here, not a subclass overriding
     * {@code removeEldestEntry}: that call is shared by every LinkedHashMap in the JVM, and a subclass seen
     * there only when a task meets a new shape made the compiled extraction trap (issue 14).
     */
    private final Map<List<Column>, ColumnTypeGuard.Checked> checked = new LinkedHashMap<>(16, 0.75f, true);

    SchemalessShapes(FeatureOptions options) {
        this.options = options;
    }

    /**
     * The features of the values {@code raw} in {@code columns}, their new columns staged in the guard;
     * throws {@link IllegalArgumentException} when the columns conflict or a value does not convert.
     */
    Features features(List<Column> columns, List<Object> raw, String group) {
        if (!sameColumns(columns, lastColumns)) {
            ColumnTypeGuard.Checked known = checked.get(columns);
            lastChecked = known == null ? checkNew(columns) : known;
            lastColumns = List.copyOf(columns);
        }
        List<Column> shared = options.guard().use(lastChecked);
        Object[] values = new Object[raw.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ColumnValues.convert(raw.get(i), shared.get(i).type());
        }
        return Features.owning(shared, values, group);
    }

    /** Checks a column list not among those cached, and caches it (evicting the one used longest ago). */
    private ColumnTypeGuard.Checked checkNew(List<Column> columns) {
        String conflict = ColumnConflicts.find(columns, options.reservedNames());
        if (conflict != null) {
            throw new IllegalArgumentException(conflict);
        }
        ColumnTypeGuard.Checked known = options.guard().check(List.copyOf(columns));
        checked.put(List.copyOf(columns), known);
        if (checked.size() > CACHE_SIZE) {
            Iterator<List<Column>> eldest = checked.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return known;
    }

    /** Whether two column lists are equal, checking identity first (the columns of one include are shared). */
    private static boolean sameColumns(List<Column> a, List<Column> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Column x = a.get(i);
            Column y = b.get(i);
            if (x != y && !x.equals(y)) {
                return false;
            }
        }
        return true;
    }
}
