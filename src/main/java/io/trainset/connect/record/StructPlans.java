package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The {@link StructPlan} of each Connect struct schema a {@link FeatureExtractor} meets, derived (with its
 * type check) once and kept for the 64 schemas used last.
 */
final class StructPlans {

    private static final int CACHE_SIZE = 64;

    private final List<FieldPath> includes;
    private final FeatureOptions options;
    private final FeatureNames names;
    private final Map<Schema, StructPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, StructPlan> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    StructPlans(List<FieldPath> includes, FeatureOptions options, FeatureNames names) {
        this.includes = includes;
        this.options = options;
        this.names = names;
    }

    /** The plan of values of {@code schema}. */
    StructPlan of(Schema schema) {
        return plans.computeIfAbsent(schema, this::planFor);
    }

    private StructPlan planFor(Schema schema) {
        List<FieldPath> paths = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        try {
            addFields(schema, paths, columns);
            String conflict = ColumnConflicts.find(columns, options.reservedNames());
            return conflict != null
                    ? StructPlan.failed(new IllegalArgumentException(conflict))
                    : new StructPlan(paths, options.guard().check(List.copyOf(columns)), null);
        } catch (IllegalArgumentException e) {
            // Stays true: an established type never changes and the known columns only grow.
            return StructPlan.failed(e);
        }
    }

    /**
     * Adds the columns of the included fields, or of every top-level field without includes; throws
     * {@link IllegalArgumentException} for an include the schema lacks (unless missing includes are null).
     */
    private void addFields(Schema schema, List<FieldPath> paths, List<Column> columns) {
        if (includes.isEmpty()) {
            for (Field field : schema.fields()) {
                addColumns(new FieldPath(List.of(field.name())), field.schema(), paths, columns);
            }
            return;
        }
        for (FieldPath include : includes) {
            Schema fieldSchema = include.schemaIn(schema);
            if (fieldSchema == null && !options.missingIncludesAreNull()) {
                throw new IllegalArgumentException(
                        "the value schema has no field '" + include + "' (features.include); its fields are "
                                + schema.fields().stream().map(Field::name).toList());
            }
            if (fieldSchema != null) {
                addColumns(include, fieldSchema, paths, columns);
            }
        }
    }

    private void addColumns(FieldPath path, Schema schema, List<FieldPath> paths, List<Column> columns) {
        boolean struct = schema.type() == Schema.Type.STRUCT;
        if (struct && options.nesting() == Nesting.FLATTEN) {
            for (Field field : schema.fields()) {
                addColumns(path.child(field.name()), field.schema(), paths, columns);
            }
            return;
        }
        Column column = names.column(path, struct ? GroupValues.typeOf(schema, path) : ColumnValues.typeOf(schema));
        if (column != null) {
            paths.add(path);
            columns.add(column);
        }
    }
}
