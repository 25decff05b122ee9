package io.trainset.connect.parquet;

import io.trainset.connect.model.ColumnType;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writers of one column's values, one class per kind of value. A row's columns are written through an array of these
 * ({@link RowWriteSupport}), so the call is megamorphic and the JIT compiles each kind's path into Parquet (record
 * consumer, column writer, encoders) once, in its own small method. Through one method that switches on the kind, the
 * JIT inlined every kind's path into the row writer's method, and again at every other call site (e.g. 63 KB of
 * machine code for {@code RowWriteSupport.write}), and recompiled all of it whenever one path changed, e.g. when a
 * column's dictionary fell back to plain encoding in the middle of a file.
 */
final class ColumnSinks {

    /** Writes a non-null value of its column; a value the column cannot hold is an {@link IllegalArgumentException}. */
    interface Sink {
        void write(Object value);
    }

    private ColumnSinks() {}

    /** The sink of a column of {@code type}. */
    static Sink of(ColumnType type, RecordConsumer consumer, ValueWriter values) {
        return switch (type.kind()) {
            case BOOLEAN -> new Booleans(consumer);
            case INT, DATE -> new Ints(consumer);
            case LONG, TIMESTAMP_MILLIS -> new Longs(consumer);
            case DOUBLE -> new Doubles(consumer);
            case STRING -> new Strings(consumer, values);
            case FLOAT, BYTES, DECIMAL, LIST, STRUCT -> new Others(type, values);
        };
    }

    private record Booleans(RecordConsumer consumer) implements Sink {
        @Override
        public void write(Object value) {
            consumer.addBoolean((Boolean) value);
        }
    }

    private record Ints(RecordConsumer consumer) implements Sink {
        @Override
        public void write(Object value) {
            consumer.addInteger(((Number) value).intValue());
        }
    }

    private record Longs(RecordConsumer consumer) implements Sink {
        @Override
        public void write(Object value) {
            consumer.addLong(((Number) value).longValue());
        }
    }

    private record Doubles(RecordConsumer consumer) implements Sink {
        @Override
        public void write(Object value) {
            consumer.addDouble(((Number) value).doubleValue());
        }
    }

    private record Strings(RecordConsumer consumer, ValueWriter values) implements Sink {
        @Override
        public void write(Object value) {
            consumer.addBinary(values.utf8((String) value));
        }
    }

    /** The rarer kinds, through {@link ValueWriter#write}. */
    private record Others(ColumnType type, ValueWriter values) implements Sink {
        @Override
        public void write(Object value) {
            values.write(type, value);
        }
    }
}
