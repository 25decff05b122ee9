package io.trainset.connect.record;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** A dotted path to a field inside a Connect Struct or a schemaless map, e.g. {@code issue.id}. */
public record FieldPath(List<String> segments) {

    public FieldPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("A field path needs non-empty segments: " + segments);
        }
    }

    public static FieldPath parse(String dotted) {
        return new FieldPath(List.of(dotted.trim().split("\\.", -1)));
    }

    /** This path extended by one field, e.g. {@code customer} to {@code customer.tier}. */
    public FieldPath child(String name) {
        List<String> extended = new java.util.ArrayList<>(segments);
        extended.add(name);
        return new FieldPath(extended);
    }

    /** The value at this path, or null when any step is missing or null. */
    public Object get(Object value) {
        Object current = value;
        for (String segment : segments) {
            current = child(current, segment);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The schema at this path inside a struct schema, or null when the path does not exist. */
    public Schema schemaIn(Schema schema) {
        Schema current = schema;
        for (String segment : segments) {
            if (current == null || current.type() != Schema.Type.STRUCT) {
                return null;
            }
            Field field = current.field(segment);
            current = field == null ? null : field.schema();
        }
        return current;
    }

    private static Object child(Object parent, String name) {
        if (parent instanceof Struct struct) {
            return struct.schema().field(name) == null ? null : struct.get(name);
        }
        if (parent instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    /** The column name this path becomes: segments joined by '_'. */
    public String columnName() {
        return String.join("_", segments);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
