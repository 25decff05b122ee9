package io.trainset.connect.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.model.ColumnType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Maps Connect schemas and Java values to column types, and converts values to the row's Java types. */
final class ColumnValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ColumnValues() {}

    /**
     * The column type of a non-struct Connect schema (structs are flattened, or groups: {@link GroupValues});
     * maps and arrays of non-primitives become JSON strings.
     */
    static ColumnType typeOf(Schema schema) {
        String logical = schema.name();
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return ColumnType.TIMESTAMP_MILLIS;
        }
        if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
            return ColumnType.DATE;
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return ColumnType.INT;
        }
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            String precision =
                    schema.parameters() == null ? null : schema.parameters().get("connect.decimal.precision");
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            int digits = precision == null ? 38 : Integer.parseInt(precision);
            if (digits < 1 || scale < 0 || scale > digits) {
                throw new IllegalArgumentException("a Decimal schema of precision " + digits + " and scale " + scale
                        + " has no Parquet type (that needs 1 <= precision and 0 <= scale <= precision); declare "
                        + "connect.decimal.precision and the scale in that range");
            }
            return ColumnType.decimal(digits, scale);
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> ColumnType.INT;
            case INT64 -> ColumnType.LONG;
            case FLOAT32 -> ColumnType.FLOAT;
            case FLOAT64 -> ColumnType.DOUBLE;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case STRING -> ColumnType.STRING;
            case BYTES -> ColumnType.BYTES;
            case ARRAY ->
                isPrimitive(schema.valueSchema()) ? ColumnType.list(typeOf(schema.valueSchema())) : ColumnType.STRING;
            case MAP, STRUCT -> ColumnType.STRING;
        };
    }

    private static boolean isPrimitive(Schema schema) {
        return schema.type().isPrimitive();
    }

    /**
     * The column type of a schemaless value, or null when the value tells nothing (null, or a list
     * that is empty or all null): such a column is left out of this row, as if null.
     */
    static ColumnType typeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            return ColumnType.STRING;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ColumnType.INT;
        }
        if (value instanceof Long) {
            return ColumnType.LONG;
        }
        if (value instanceof Float) {
            return ColumnType.FLOAT;
        }
        if (value instanceof Double) {
            return ColumnType.DOUBLE;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return ColumnType.BYTES;
        }
        if (value instanceof java.util.Date) {
            return ColumnType.TIMESTAMP_MILLIS;
        }
        if (value instanceof List<?> list) {
            if (list.stream().allMatch(java.util.Objects::isNull)) {
                return null;
            }
            ColumnType element = commonPrimitiveType(list);
            return element == null ? ColumnType.STRING : ColumnType.list(element);
        }
        return ColumnType.STRING;
    }

    private static ColumnType commonPrimitiveType(List<?> list) {
        ColumnType common = null;
        for (Object element : list) {
            ColumnType type = typeOf(element);
            if (type == null) {
                continue;
            }
            if (type.kind() == ColumnType.Kind.LIST
                    || element instanceof Map
                    || element instanceof Struct
                    || (common != null && !common.equals(type))) {
                return null;
            }
            common = type;
        }
        return common;
    }

    /** Converts a Connect or schemaless value to the Java type rows hold for {@code type}. */
    static Object convert(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case INT ->
                value instanceof java.util.Date d ? (int) (d.getTime() % MILLIS_PER_DAY) : ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value;
            case STRING -> value instanceof String s ? s : toJson(value);
            case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : (ByteBuffer) value;
            case TIMESTAMP_MILLIS -> value instanceof java.util.Date d ? d.getTime() : ((Number) value).longValue();
            case DATE -> (int) Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
            case DECIMAL -> fitted((BigDecimal) value, type);
            case LIST ->
                ((List<?>) value).stream().map(v -> convert(v, type.element())).toList();
            case STRUCT -> GroupValues.convert(value, type);
        };
    }

    /**
     * A decimal at its column's scale (only trailing zeros added or removed), within its precision;
     * {@link IllegalArgumentException} when it does not fit, for the record to be reported as bad.
     */
    static BigDecimal fitted(BigDecimal value, ColumnType type) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a decimal of scale " + value.scale() + " does not fit the column's "
                    + "scale " + type.scale() + " without rounding");
        }
        if (scaled.precision() > type.precision()) {
            throw new IllegalArgumentException("a decimal of " + scaled.precision() + " digits does not fit the "
                    + "column's precision " + type.precision());
        }
        return scaled;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                map.put(field.name(), plain(struct.get(field)));
            }
            return map;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof ByteBuffer buffer) {
            return Base64.getEncoder().encodeToString(toBytes(buffer));
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /**
     * A key, group, label or type value as text ({@link JoinKeys}: lossless, equal bytes give equal
     * text); null when it is not a primitive.
     */
    static String asText(Object value) {
        return JoinKeys.of(value);
    }
}
