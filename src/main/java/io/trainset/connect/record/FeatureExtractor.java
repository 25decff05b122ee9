package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final List<FieldPath> includes;
    private final FeatureOptions options;
    private final FeatureNames names;
    private final StructPlans plans;
    private final SchemalessShapes shapes;
    /** Per include, the column it became last (the name is derived once, the type rarely changes). */
    private final Column[] lastColumn;
    /** Reused by {@link #extractIncluded} (an extractor serves one task thread, as its caches do). */
    private final List<Column> scratchColumns = new ArrayList<>();

    private final List<Object> scratchRaw = new ArrayList<>();

    public FeatureExtractor(List<FieldPath> includes, List<String> excludes, FeatureOptions options) {
        this.includes = List.copyOf(includes);
        this.options = options;
        this.names = new FeatureNames(excludes, options);
        this.plans = new StructPlans(this.includes, options, names);
        this.shapes = new SchemalessShapes(options);
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
            return plans.of(struct.schema()).extract(struct, groupOf(struct), options.guard());
        }
        if (value instanceof Map<?, ?> map) {
            return extractMap(map);
        }
        throw new IllegalArgumentException("the value is "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                + ", not a struct or a map; use a converter that yields "
                + "structured values (JsonConverter, an Avro converter), or value.format=json for JSON text");
    }

    private String groupOf(Object value) {
        return options.groupField()
                .map(path -> ColumnValues.asText(path.get(value)))
                .orElse(null);
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
        return shapes.features(columns, raw, groupOf(map));
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
        return shapes.features(columns, raw, group);
    }

    /** The column include {@code i} becomes with this value: {@link #column}, made once per include and type. */
    private Column includedColumn(int i, Object value) {
        ColumnType type = value instanceof Map<?, ?> nested
                ? GroupValues.typeOf(nested, includes.get(i))
                : ColumnValues.typeOf(value);
        if (type == null) {
            return null;
        }
        Column last = lastColumn[i];
        if (last != null && (last.type() == type || last.type().equals(type))) {
            return last;
        }
        Column column = names.column(includes.get(i), type);
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

    private void addMapColumns(FieldPath path, Object value, List<Column> columns, List<Object> raw) {
        boolean nested = value instanceof Map<?, ?>;
        if (nested && options.nesting() == Nesting.FLATTEN) {
            ((Map<?, ?>) value).forEach((k, v) -> addMapColumns(path.child(String.valueOf(k)), v, columns, raw));
            return;
        }
        Column column =
                names.column(path, nested ? GroupValues.typeOf((Map<?, ?>) value, path) : ColumnValues.typeOf(value));
        if (column != null) {
            columns.add(column);
            raw.add(value);
        }
    }
}
