package io.trainset.connect.record;

import io.trainset.connect.dataset.Column;
import io.trainset.connect.dataset.ColumnType;
import io.trainset.connect.dataset.DatasetColumns;
import io.trainset.connect.dataset.Features;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Takes the feature columns out of a submitted event's value, a Struct or a schemaless map. Nested
 * structs and maps are flattened ({@code customer.tier} becomes {@code customer_tier}), then renamed
 * as configured. For Structs the column plan (with its type check) is derived once per value schema
 * and cached; maps are typed by their values, and each distinct column list is checked once and
 * shared, so the writer sees the same list instance for rows of one shape.
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
        String conflict = conflict(columns);
        if (conflict != null) {
            return StructPlan.failed(conflict);
        }
        try {
            return new StructPlan(paths, options.guard().check(List.copyOf(columns)), null);
        } catch (IllegalArgumentException e) {
            return StructPlan.failed(e.getMessage());
        }
    }

    private String groupOf(Object value) {
        return options.groupField().map(path -> ColumnValues.asText(path.get(value))).orElse(null);
    }

    private void addStructColumns(FieldPath path, Schema schema, List<FieldPath> paths, List<Column> columns) {
        if (schema.type() == Schema.Type.STRUCT) {
            for (Field field : schema.fields()) {
                addStructColumns(child(path, field.name()), field.schema(), paths, columns);
            }
            return;
        }
        String name = ColumnNames.of(path);
        if (!excludes.contains(name)) {
            paths.add(path);
            columns.add(new Column(options.renames().getOrDefault(name, name), ColumnValues.typeOf(schema)));
        }
    }

    private Features extractMap(Map<?, ?> map) {
        List<Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (includes.isEmpty()) {
            map.forEach((k, v) -> addMapColumns(new FieldPath(List.of(String.valueOf(k))), v, columns, values));
        } else {
            for (FieldPath include : includes) {
                addMapColumns(include, include.get(map), columns, values);
            }
        }
        List<Column> shared = mapColumns.get(columns);
        if (shared == null) {
            String conflict = conflict(columns);
            if (conflict != null) {
                throw new IllegalArgumentException(conflict);
            }
            shared = options.guard().check(List.copyOf(columns));
            mapColumns.put(List.copyOf(columns), shared);
        }
        return new Features(shared, values, groupOf(map));
    }

    private void addMapColumns(FieldPath path, Object value, List<Column> columns, List<Object> values) {
        if (value instanceof Map<?, ?> nested) {
            nested.forEach((k, v) -> addMapColumns(child(path, String.valueOf(k)), v, columns, values));
            return;
        }
        ColumnType type = ColumnValues.typeOf(value);
        String name = ColumnNames.of(path);
        if (type != null && !excludes.contains(name)) {
            columns.add(new Column(options.renames().getOrDefault(name, name), type));
            values.add(ColumnValues.convert(value, type));
        }
    }

    private static FieldPath child(FieldPath path, String name) {
        List<String> segments = new ArrayList<>(path.segments());
        segments.add(name);
        return new FieldPath(segments);
    }

    private String conflict(List<Column> columns) {
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (options.reservedNames().contains(column.name())) {
                return "the column '" + column.name() + "' has the name of a path level or of a resolved-event "
                        + "column " + new java.util.TreeSet<>(options.reservedNames()) + " (a reader would see it "
                        + "twice); leave it out with features.exclude or rename it with features.rename";
            }
            if (DatasetColumns.RESERVED.contains(column.name())) {
                return "the feature column '" + column.name() + "' has the name of a column Trainset writes itself "
                        + new java.util.TreeSet<>(DatasetColumns.RESERVED) + "; leave it out with features.exclude "
                        + "or list other fields in features.include";
            }
            if (!seen.add(column.name())) {
                return "two feature fields both become the column '" + column.name() + "' (nested fields are "
                        + "joined with '_'); list only one of them in features.include";
            }
        }
        return null;
    }

    /** The columns of one struct schema, and where each value comes from. */
    private record StructPlan(List<FieldPath> paths, List<Column> columns, String failure) {

        static StructPlan failed(String failure) {
            return new StructPlan(List.of(), List.of(), failure);
        }

        Features extract(Struct struct, String group) {
            if (failure != null) {
                throw new IllegalArgumentException(failure);
            }
            List<Object> values = new ArrayList<>(paths.size());
            for (int i = 0; i < paths.size(); i++) {
                values.add(ColumnValues.convert(paths.get(i).get(struct), columns.get(i).type()));
            }
            return new Features(columns, values, group);
        }
    }
}
