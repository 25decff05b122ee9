package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Takes the feature columns out of a submitted event's value, a Struct or a schemaless map. Nested
 * structs and maps are flattened ({@code customer.tier} becomes {@code customer_tier}) or, with
 * {@link Nesting#GROUP}, kept as one group column each ({@code customer} with child {@code tier});
 * then top-level column names are excluded and renamed as configured, and a name Trainset reserves is
 * moved off it ({@link ReservedNames}: {@code submitted_at} becomes {@code feature_submitted_at}).
 * For Structs the column plan (with its type check) is derived once per value schema and cached;
 * maps are typed by their values, and each distinct column list is checked once and shared, so the
 * writer sees the same list instance for rows of one shape.
 */
public final class FeatureExtractor {

    private static final int PLAN_CACHE_SIZE = 64;

    private final List<FieldPath> includes;
    private final Set<String> excludes;
    private final FeatureOptions options;
    /** Moves feature columns off reserved names ({@link FeatureOptions#renameReserved}), else null. */
    private final ReservedNames reserved;
    /** Per include, the column it became last (the name is derived once, the type rarely changes). */
    private final Column[] lastColumn;
    /** The columns of the last map or JSON value and their shared list: most values have the shape of the one before. */
    private List<Column> lastColumns;
    private ColumnTypeGuard.Checked lastChecked;
    /** Reused by {@link #extractIncluded} (an extractor serves one task thread, as its caches do). */
    private final List<Column> scratchColumns = new ArrayList<>();
    private final List<Object> scratchRaw = new ArrayList<>();
    private final Map<List<Column>, ColumnTypeGuard.Checked> mapColumns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Column>, ColumnTypeGuard.Checked> eldest) {
            return size() > PLAN_CACHE_SIZE;
        }
    };
    private final Map<Schema, StructPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, StructPlan> eldest) {
            return size() > PLAN_CACHE_SIZE;
        }
    };

    public FeatureExtractor(List<FieldPath> includes, List<String> excludes) {
        this(includes, excludes, FeatureOptions.defaults());
    }

    public FeatureExtractor(List<FieldPath> includes, List<String> excludes, FeatureOptions options) {
        this.includes = List.copyOf(includes);
        this.excludes = Set.copyOf(excludes);
        this.options = options;
        this.reserved = options.renameReserved() ? new ReservedNames(options.reservedNames()) : null;
        this.lastColumn = new Column[this.includes.size()];
    }

    /** The configured fields, in order; empty: every top-level field. */
    public List<FieldPath> includes() {
        return includes;
    }

    /** The field whose value is the row's split group. */
    public Optional<FieldPath> groupField() {
        return options.groupField();
    }

    /**
     * The features of a value, its new columns established; throws {@link IllegalArgumentException} with the
     * reason when it has none.
     */
    public Features extract(Object value) {
        discardStaged();
        Features features = stage(value);
        establishStaged();
        return features;
    }

    /**
     * The features of a value, its new columns only staged: {@link #establishStaged} once the whole record
     * is accepted; throws {@link IllegalArgumentException} with the reason when it has none.
     */
    Features stage(Object value) {
        if (value instanceof Struct struct) {
            StructPlan plan = plans.computeIfAbsent(struct.schema(), this::planFor);
            return plan.extract(struct, groupOf(struct), options.guard());
        }
        if (value instanceof Map<?, ?> map) {
            return extractMap(map);
        }
        throw new IllegalArgumentException("the value is " + (value == null ? "null" : "a "
                + value.getClass().getSimpleName()) + ", not a struct or a map; use a converter that yields "
                + "structured values (JsonConverter, an Avro converter), or value.format=json for JSON text");
    }

    private StructPlan planFor(Schema schema) {
        List<FieldPath> paths = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        try {
            if (includes.isEmpty()) {
                for (Field field : schema.fields()) {
                    addStructColumns(new FieldPath(List.of(field.name())), field.schema(), paths, columns);
                }
            } else {
                for (FieldPath include : includes) {
                    Schema fieldSchema = include.schemaIn(schema);
                    if (fieldSchema == null && options.missingIncludesAreNull()) {
                        continue;
                    }
                    if (fieldSchema == null) {
                        return StructPlan.failed(new IllegalArgumentException("the value schema has no field '" + include + "' (features.include); "
                                + "its fields are " + schema.fields().stream().map(Field::name).toList()));
                    }
                    addStructColumns(include, fieldSchema, paths, columns);
                }
            }
            String conflict = ColumnConflicts.find(columns, options.reservedNames());
            return conflict != null ? StructPlan.failed(new IllegalArgumentException(conflict))
                    : new StructPlan(paths, options.guard().check(List.copyOf(columns)), null);
        } catch (IllegalArgumentException e) {
            // Stays true: an established type never changes and the known columns only grow.
            return StructPlan.failed(e);
        }
    }

    private String groupOf(Object value) {
        return options.groupField().map(path -> ColumnValues.asText(path.get(value))).orElse(null);
    }

    private void addStructColumns(FieldPath path, Schema schema, List<FieldPath> paths, List<Column> columns) {
        boolean struct = schema.type() == Schema.Type.STRUCT;
        if (struct && options.nesting() == Nesting.FLATTEN) {
            for (Field field : schema.fields()) {
                addStructColumns(path.child(field.name()), field.schema(), paths, columns);
            }
            return;
        }
        Column column = column(path, struct ? GroupValues.typeOf(schema, path) : ColumnValues.typeOf(schema));
        if (column != null) {
            paths.add(path);
            columns.add(column);
        }
    }

    /** Types the columns by the values, checks each distinct column list once, then converts the values. */
    private Features extractMap(Map<?, ?> map) {
        if (!includes.isEmpty()) {
            Object[] included = new Object[includes.size()];
            for (int i = 0; i < included.length; i++) {
                included[i] = includes.get(i).get(map);
            }
            return stageIncluded(included, groupOf(map));
        }
        List<Column> columns = new ArrayList<>();
        List<Object> raw = new ArrayList<>();
        map.forEach((k, v) -> addMapColumns(new FieldPath(List.of(String.valueOf(k))), v, columns, raw));
        return features(columns, raw, groupOf(map));
    }

    /**
     * The features of a schemaless value (a map, or JSON read into slots) given its values at the
     * {@link #includes()} ({@code included[i]} at include {@code i}, as {@link FieldPath#get} finds it)
     * and its split group: what {@link #extract} makes of a map with those values.
     */
    public Features extractIncluded(Object[] included, String group) {
        discardStaged();
        Features features = stageIncluded(included, group);
        establishStaged();
        return features;
    }

    /** {@link #extractIncluded} with the new columns only staged, as {@link #stage}. */
    Features stageIncluded(Object[] included, String group) {
        List<Column> columns = scratchColumns;
        List<Object> raw = scratchRaw;
        columns.clear();
        raw.clear();
        for (int i = 0; i < included.length; i++) {
            Object value = included[i];
            if (value instanceof Map<?, ?> && options.nesting() == Nesting.FLATTEN) {
                addMapColumns(includes.get(i), value, columns, raw);
                continue;
            }
            Column column = includedColumn(i, value);
            if (column != null) {
                columns.add(column);
                raw.add(value);
            }
        }
        return features(columns, raw, group);
    }

    /** The column include {@code i} becomes with this value: {@link #column}, made once per include and type. */
    private Column includedColumn(int i, Object value) {
        ColumnType type = value instanceof Map<?, ?> nested ? GroupValues.typeOf(nested, includes.get(i))
                : ColumnValues.typeOf(value);
        if (type == null) {
            return null;
        }
        Column last = lastColumn[i];
        if (last != null && (last.type() == type || last.type().equals(type))) {
            return last;
        }
        Column column = column(includes.get(i), type);
        if (column != null) {
            lastColumn[i] = column;
        }
        return column;
    }

    /** Establishes the columns staged by the record just extracted: it was accepted. */
    void establishStaged() {
        options.guard().establishStaged();
    }

    /** Forgets the columns staged by an earlier record that was not accepted. */
    void discardStaged() {
        options.guard().discardStaged();
    }

    private Features features(List<Column> columns, List<Object> raw, String group) {
        if (!sameColumns(columns, lastColumns)) {
            ColumnTypeGuard.Checked checked = mapColumns.get(columns);
            if (checked == null) {
                String conflict = ColumnConflicts.find(columns, options.reservedNames());
                if (conflict != null) {
                    throw new IllegalArgumentException(conflict);
                }
                checked = options.guard().check(List.copyOf(columns));
                mapColumns.put(List.copyOf(columns), checked);
            }
            lastColumns = List.copyOf(columns);
            lastChecked = checked;
        }
        List<Column> shared = options.guard().use(lastChecked);
        Object[] values = new Object[raw.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ColumnValues.convert(raw.get(i), shared.get(i).type());
        }
        return new Features(shared, Arrays.asList(values), group);
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

    private void addMapColumns(FieldPath path, Object value, List<Column> columns, List<Object> raw) {
        boolean nested = value instanceof Map<?, ?>;
        if (nested && options.nesting() == Nesting.FLATTEN) {
            ((Map<?, ?>) value).forEach((k, v) -> addMapColumns(path.child(String.valueOf(k)), v, columns, raw));
            return;
        }
        Column column = column(path, nested ? GroupValues.typeOf((Map<?, ?>) value, path) : ColumnValues.typeOf(value));
        if (column != null) {
            columns.add(column);
            raw.add(value);
        }
    }

    /**
     * The column a path becomes, renamed as configured, then off reserved names; null when it is excluded or
     * its type is unknown.
     */
    private Column column(FieldPath path, ColumnType type) {
        String name = ColumnNames.of(path);
        if (type == null || excludes.contains(name)) {
            return null;
        }
        String renamed = options.renames().getOrDefault(name, name);
        return new Column(reserved == null ? renamed : reserved.written(renamed), type);
    }
}
