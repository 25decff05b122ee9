package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes one column value of a {@link ColumnType} to Parquet's {@link RecordConsumer}, as parquet-avro
 * writes the equivalent Avro value: three-level lists, groups as Parquet groups, decimals as their
 * unscaled two's-complement bytes. Strings are encoded into arrays reused for every value. Not thread-safe.
 */
final class ValueWriter {

    private static final String LIST_REPEATED = "list";
    private static final String LIST_ELEMENT = "element";

    private final RecordConsumer consumer;
    private final Utf8Strings strings = new Utf8Strings();

    ValueWriter(RecordConsumer consumer) {
        this.consumer = consumer;
    }

    /** A non-null value of {@code type}; a value the type cannot hold is an {@link IllegalArgumentException}. */
    void write(ColumnType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case INT, DATE -> consumer.addInteger(((Number) value).intValue());
            case LONG, TIMESTAMP_MILLIS -> consumer.addLong(((Number) value).longValue());
            case FLOAT -> consumer.addFloat(((Number) value).floatValue());
            case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
            case STRING -> consumer.addBinary(utf8((String) value));
            case BYTES -> consumer.addBinary(Binary.fromConstantByteBuffer((ByteBuffer) value));
            case DECIMAL -> consumer.addBinary(Binary.fromConstantByteArray(unscaled((BigDecimal) value, type)));
            case LIST -> writeList(type.element(), (List<?>) value);
            case STRUCT -> writeGroup(type.children(), (List<?>) value);
        }
    }

    /** The standard three-level list: {@code group (LIST) { repeated group list { optional element } }}. */
    private void writeList(ColumnType element, List<?> values) {
        consumer.startGroup();
        if (!values.isEmpty()) {
            consumer.startField(LIST_REPEATED, 0);
            for (Object value : values) {
                consumer.startGroup();
                if (value != null) {
                    consumer.startField(LIST_ELEMENT, 0);
                    write(element, value);
                    consumer.endField(LIST_ELEMENT, 0);
                }
                consumer.endGroup();
            }
            consumer.endField(LIST_REPEATED, 0);
        }
        consumer.endGroup();
    }

    /** A group's child values, in the order of its children (a shorter list leaves the rest null). */
    private void writeGroup(List<Column> children, List<?> values) {
        consumer.startGroup();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                Column child = children.get(i);
                consumer.startField(child.name(), i);
                write(child.type(), value);
                consumer.endField(child.name(), i);
            }
        }
        consumer.endGroup();
    }

    /** The string's UTF-8 bytes, in arrays reused for every value ({@link Utf8Strings}). */
    Binary utf8(String value) {
        return strings.encode(value);
    }

    /** The unscaled value's two's-complement bytes, as Avro's decimal conversion writes them. */
    private static byte[] unscaled(BigDecimal value, ColumnType type) {
        if (value.scale() != type.scale() || value.precision() > type.precision()) {
            throw new IllegalArgumentException("Decimal " + value + " does not fit the column's precision "
                    + type.precision() + " and scale " + type.scale() + ": declare the field with that scale and a"
                    + " precision that holds every value in the source schema (connect.decimal.precision)");
        }
        return value.unscaledValue().toByteArray();
    }
}
