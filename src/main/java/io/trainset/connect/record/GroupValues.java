package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Groups ({@code features.nested=group}): the STRUCT column type of a nested Connect struct or
 * schemaless map, and its value in a row, a list of the child values in the type's child order.
 * Children are named like columns ({@link ColumnNames}); nested structs and maps are groups in turn.
 */
final class GroupValues {

    private GroupValues() {}

    /** The group type of a STRUCT schema, or null when no field has a type (Parquet has no empty groups). */
    static ColumnType typeOf(Schema schema, FieldPath path) {
        List<Column> children = new ArrayList<>();
        for (Field field : schema.fields()) {
            Schema child = field.schema();
            ColumnType type = child.type() == Schema.Type.STRUCT
                    ? typeOf(child, path.child(field.name()))
                    : ColumnValues.typeOf(child);
            if (type != null) {
                children.add(new Column(ColumnNames.of(field.name()), type));
            }
        }
        return group(children, path);
    }

    /**
     * The group type of a schemaless map, or null when it tells nothing (no child has a non-null
     * value): such a group is left out of the row, as if null. Children are in the map's iteration
     * order; values are matched to children by name, so another order fits the same group.
     */
    static ColumnType typeOf(Map<?, ?> map, FieldPath path) {
        List<Column> children = new ArrayList<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            ColumnType type =
                    value instanceof Map<?, ?> nested ? typeOf(nested, path.child(name)) : ColumnValues.typeOf(value);
            if (type != null) {
                children.add(new Column(ColumnNames.of(name), type));
            }
        });
        return group(children, path);
    }

    private static ColumnType group(List<Column> children, FieldPath path) {
        if (children.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (Column child : children) {
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("two fields of '" + path + "' both become its child '"
                        + child.name() + "' (names keep only letters, digits and '_'); rename one in the producer, "
                        + "or set features.nested=flatten and leave one out with features.exclude");
            }
        }
        return ColumnType.struct(children);
    }

    /**
     * The row value of a struct or map for a group {@code type}: its children's values in the type's
     * order, each converted to its child type, null for a child the value lacks. A map without
     * non-null values is null, as its type is.
     */
    static List<Object> convert(Object value, ColumnType type) {
        if (value instanceof Map<?, ?> map && map.values().stream().allMatch(Objects::isNull)) {
            return null;
        }
        Object[] values = new Object[type.children().size()];
        for (int i = 0; i < values.length; i++) {
            Column child = type.children().get(i);
            values[i] = ColumnValues.convert(childValue(value, child.name()), child.type());
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The value of the child whose column name is {@code name}: by field name, else by its column name. */
    private static Object childValue(Object parent, String name) {
        if (parent instanceof Struct struct) {
            if (struct.schema().field(name) != null) {
                return struct.get(name);
            }
            for (Field field : struct.schema().fields()) {
                if (ColumnNames.of(field.name()).equals(name)) {
                    return struct.get(field);
                }
            }
            return null;
        }
        Map<?, ?> map = (Map<?, ?>) parent;
        if (map.containsKey(name)) {
            return map.get(name);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (ColumnNames.of(String.valueOf(entry.getKey())).equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
