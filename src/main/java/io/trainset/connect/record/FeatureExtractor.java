package io.trainset.connect.record;

import io.trainset.connect.dataset.Column;
import io.trainset.connect.dataset.ColumnType;
import io.trainset.connect.dataset.Features;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Takes the feature columns out of a submitted event's value, a Struct or a schemaless map. Nested
 * structs and maps are flattened ({@code customer.tier} becomes {@code customer_tier}) or, with
 * {@link Nesting#GROUP}, kept as one group column each ({@code customer} with child {@code tier});
 * then top-level column names are excluded and renamed as configured. For Structs the column plan
 * (with its type check) is derived once per value schema and cached; maps are typed by their
 * values, and each distinct column list is checked once and shared, so the writer sees the same
 * list instance for rows of one shape.
 */
public final class FeatureExtractor {

    private static final int PLAN_CACHE_SIZE = 64;

    private final List<FieldPath> includes;
    private final Set<String> excludes;
    private final FeatureOptions options;
    private final Map<List<Column>, List<Column>> mapColumns = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Column>, List<Column>> eldest) {
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
    }

    /** The features of a value; throws {@link IllegalArgumentException} with the reason when it has none. */
    public Features extract(Object value) {
        if (value instanceof Struct struct) {
            StructPlan plan = plans.computeIfAbsent(struct.schema(), this::planFor);
            return plan.extract(struct, groupOf(struct));
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
                        return StructPlan.failed("the value schema has no field '" + include + "' (features.include); "
                                + "its fields are " + schema.fields().stream().map(Field::name).toList());
                    }
                    addStructColumns(include, fieldSchema, paths, columns);
                }
            }
            String conflict = ColumnConflicts.find(columns, options.reservedNames());
            return conflict != null ? StructPlan.failed(conflict)
                    : new StructPlan(paths, options.guard().check(List.copyOf(columns)), null);
        } catch (IllegalArgumentException e) {
            return StructPlan.failed(e.getMessage());
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
        List<Column> columns = new ArrayList<>();
        List<Object> raw = new ArrayList<>();
        if (includes.isEmpty()) {
            map.forEach((k, v) -> addMapColumns(new FieldPath(List.of(String.valueOf(k))), v, columns, raw));
        } else {
            for (FieldPath include : includes) {
                addMapColumns(include, include.get(map), columns, raw);
            }
        }
        List<Column> shared = mapColumns.get(columns);
        if (shared == null) {
            String conflict = ColumnConflicts.find(columns, options.reservedNames());
            if (conflict != null) {
                throw new IllegalArgumentException(conflict);
            }
            shared = options.guard().check(List.copyOf(columns));
            mapColumns.put(List.copyOf(columns), shared);
        }
        List<Object> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            values.add(ColumnValues.convert(raw.get(i), shared.get(i).type()));
        }
        return new Features(shared, values, groupOf(map));
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

    /** The column a path becomes, renamed as configured; null when it is excluded or its type is unknown. */
    private Column column(FieldPath path, ColumnType type) {
        String name = ColumnNames.of(path);
        if (type == null || excludes.contains(name)) {
            return null;
        }
        return new Column(options.renames().getOrDefault(name, name), type);
    }
}
