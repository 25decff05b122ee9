package io.trainset.connect.parquet;

import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writers of one column each, field start and end included, one class per kind of value. A row's columns, the fixed
 * ones too, are written through one array of these ({@link RowWriteSupport}), so the call site sees more than two
 * classes (the fixed columns alone are strings, longs and an int) and stays megamorphic: the JIT compiles each kind's
 * path into Parquet (record consumer, column writer, encoders) once, in that kind's own small method, and the row
 * writer and whatever inlines it (the writer's per-row callers) stay small. With only the data columns behind the
 * array, a dataset of strings and longs made the site bimorphic and the JIT inlined both paths into the row writer
 * again (55 KB of machine code for {@code writeValue}, 48 KB for {@code write}: docs/performance.md, "Issue 14,
 * session 7"); through one method that switches on the kind, it inlined every kind's path into the row writer and
 * recompiled all of it whenever one path changed.
 */
final class ColumnSinks {

    /** The {@code join_status} values by ordinal, encoded once (never changed: Parquet may keep them as they are). */
    private static final Binary[] STATUS_VALUES = Arrays.stream(JoinStatus.values())
            .map(status -> Binary.fromConstantByteArray(status.value().getBytes(StandardCharsets.UTF_8)))
            .toArray(Binary[]::new);

    /**
     * Writes its column of a row: a data column's {@code value} (nothing when null; a value the column cannot hold is
     * an {@link IllegalArgumentException}), a fixed column's from the row's fields.
     */
    interface Sink {
        void write(Row row, Object value);
    }

    /** Where a column sits in the file: its name and position among the message's fields. */
    record Field(String name, int index) {}

    /** Where a long column's value comes from: the data value, or one of the row's fixed times. */
    enum LongSource {
        VALUE,
        SUBMITTED_AT,
        RESOLVED_AT,
        RESOLUTION_MS
    }

    private ColumnSinks() {}

    /** The sink of a data column of {@code type}. */
    static Sink of(ColumnType type, Field field, RecordConsumer consumer, ValueWriter values) {
        return switch (type.kind()) {
            case BOOLEAN -> new Booleans(field, consumer);
            case INT, DATE -> new Ints(field, consumer);
            case LONG, TIMESTAMP_MILLIS -> new Longs(field, LongSource.VALUE, consumer);
            case DOUBLE -> new Doubles(field, consumer);
            case STRING -> new Strings(field, false, consumer, values);
            case FLOAT, BYTES, DECIMAL, LIST, STRUCT -> new Others(field, type, values, consumer);
        };
    }

    /** The sink of the fixed long column {@code source} (not {@link LongSource#VALUE}). */
    static Sink time(Field field, LongSource source, RecordConsumer consumer) {
        return new Longs(field, source, consumer);
    }

    /** The sink of the {@code join_status} column. */
    static Sink status(Field field, RecordConsumer consumer, ValueWriter values) {
        return new Strings(field, true, consumer, values);
    }

    /** The sink of the {@code resolution_count} column. */
    static Sink resolutionCount(Field field, RecordConsumer consumer) {
        return new ResolutionCounts(field, consumer);
    }

    private record Booleans(Field field, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            if (value != null) {
                consumer.startField(field.name, field.index);
                consumer.addBoolean((Boolean) value);
                consumer.endField(field.name, field.index);
            }
        }
    }

    private record Ints(Field field, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            if (value != null) {
                consumer.startField(field.name, field.index);
                consumer.addInteger(((Number) value).intValue());
                consumer.endField(field.name, field.index);
            }
        }
    }

    /** Data long columns and the row's times through one class, so that Parquet's path for a long is compiled once. */
    private record Longs(Field field, LongSource source, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            long written;
            switch (source) {
                case VALUE -> {
                    if (value == null) {
                        return;
                    }
                    written = ((Number) value).longValue();
                }
                case SUBMITTED_AT -> written = row.submittedAtMs();
                default -> {
                    Long resolvedAt = row.resolvedAtMs();
                    if (resolvedAt == null) {
                        return;
                    }
                    written = source == LongSource.RESOLVED_AT ? resolvedAt : resolvedAt - row.submittedAtMs();
                }
            }
            consumer.startField(field.name, field.index);
            consumer.addLong(written);
            consumer.endField(field.name, field.index);
        }
    }

    private record Doubles(Field field, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            if (value != null) {
                consumer.startField(field.name, field.index);
                consumer.addDouble(((Number) value).doubleValue());
                consumer.endField(field.name, field.index);
            }
        }
    }

    /**
     * Data string columns, UTF-8 encoded into reused arrays, and the row's {@code join_status} (its values encoded
     * once) through one class, so that Parquet's path for a binary value is compiled once.
     */
    private record Strings(Field field, boolean status, RecordConsumer consumer, ValueWriter values) implements Sink {
        @Override
        public void write(Row row, Object value) {
            Binary written;
            if (status) {
                written = STATUS_VALUES[row.status().ordinal()];
            } else if (value == null) {
                return;
            } else {
                written = values.utf8((String) value);
            }
            consumer.startField(field.name, field.index);
            consumer.addBinary(written);
            consumer.endField(field.name, field.index);
        }
    }

    /** The rarer kinds, through {@link ValueWriter#write}. */
    private record Others(Field field, ColumnType type, ValueWriter values, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            if (value != null) {
                consumer.startField(field.name, field.index);
                values.write(type, value);
                consumer.endField(field.name, field.index);
            }
        }
    }

    private record ResolutionCounts(Field field, RecordConsumer consumer) implements Sink {
        @Override
        public void write(Row row, Object value) {
            consumer.startField(field.name, field.index);
            consumer.addInteger(row.resolutionCount());
            consumer.endField(field.name, field.index);
        }
    }
}
