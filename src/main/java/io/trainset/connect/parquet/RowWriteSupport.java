package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import io.trainset.connect.parquet.ColumnSinks.LongSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link Row}s straight to Parquet's {@link RecordConsumer}, with no Avro record in between,
 * exactly as parquet-avro's {@code AvroWriteSupport} writes the equivalent record of
 * {@link AvroRows#schemaOf} (same Parquet schema from {@code AvroSchemaConverter}, three-level lists,
 * the same {@code parquet.avro.schema} and {@code writer.model.name} metadata), so readers see the
 * same file. A row's key and data values are placed into one reused slot per column, then every column is
 * written in file order by its {@link ColumnSinks sink}, the fixed columns' from the row's fields; the row's extra
 * columns (path levels as columns, {@code label_id}) are set beforehand with {@link #nextExtras}. Column positions
 * are looked up once per column list (rows of one input schema share theirs). Not thread-safe.
 */
final class RowWriteSupport extends WriteSupport<Row> {

    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    /** Columns after the data columns: submitted_at, resolved_at, resolution_ms, join_status, resolution_count. */
    private static final int FIXED_COLUMNS = 5;

    private final MessageType parquetSchema;
    private final String avroSchemaJson;
    private final List<Column> fileColumns;
    private final String[] names;
    private final ColumnType[] types;
    private final Map<String, Integer> positions;
    private final Map<List<Column>, int[]> positionsOf = new IdentityHashMap<>();
    private final Object[] slots;
    private final int fixed;

    private RecordConsumer consumer;
    /** Every column's sink, by position ({@link ColumnSinks}). */
    private ColumnSinks.Sink[] sinks;

    private Features extras = Features.EMPTY;

    /**
     * @param parquetSchema  the file's Parquet schema, converted from its Avro schema
     * @param avroSchemaJson the file's Avro schema (kept in the footer as parquet-avro does)
     * @param fileColumns    every column of the file in file order: key, data columns, the fixed columns
     */
    private RowWriteSupport(MessageType parquetSchema, String avroSchemaJson, List<Column> fileColumns) {
        this.parquetSchema = parquetSchema;
        this.avroSchemaJson = avroSchemaJson;
        this.fileColumns = List.copyOf(fileColumns);
        this.names = fileColumns.stream().map(Column::name).toArray(String[]::new);
        this.types = fileColumns.stream().map(Column::type).toArray(ColumnType[]::new);
        this.positions = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            positions.put(names[i], i);
        }
        this.slots = new Object[names.length];
        this.fixed = names.length - FIXED_COLUMNS;
    }

    /**
     * The write support of a file of {@code fileColumns} (in file order: key, data columns, the fixed columns): its
     * Avro schema ({@link AvroRows#schemaOf}) converted to Parquet's as parquet-avro converts it.
     */
    static RowWriteSupport forColumns(List<Column> fileColumns) {
        Schema schema = AvroRows.schemaOf(fileColumns);
        MessageType parquetSchema = new AvroSchemaConverter(ParquetWriters.listConf()).convert(schema);
        return new RowWriteSupport(parquetSchema, schema.toString(), fileColumns);
    }

    /** Another write support of the same file, sharing no state with this one (e.g. {@link FirstRows}' sampler). */
    RowWriteSupport sibling() {
        return new RowWriteSupport(parquetSchema, avroSchemaJson, fileColumns);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(parquetSchema, Collections.singletonMap(AVRO_SCHEMA_KEY, avroSchemaJson));
    }

    @Override
    public String getName() {
        return "avro"; // the files are exactly parquet-avro's; readers may use parquet.avro.schema
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
        ValueWriter values = new ValueWriter(recordConsumer);
        this.sinks = new ColumnSinks.Sink[names.length];
        for (int i = 0; i < fixed; i++) {
            sinks[i] = ColumnSinks.of(types[i], field(i), recordConsumer, values);
        }
        sinks[fixed] = ColumnSinks.time(field(fixed), LongSource.SUBMITTED_AT, recordConsumer);
        sinks[fixed + 1] = ColumnSinks.time(field(fixed + 1), LongSource.RESOLVED_AT, recordConsumer);
        sinks[fixed + 2] = ColumnSinks.time(field(fixed + 2), LongSource.RESOLUTION_MS, recordConsumer);
        sinks[fixed + 3] = ColumnSinks.status(field(fixed + 3), recordConsumer, values);
        sinks[fixed + 4] = ColumnSinks.resolutionCount(field(fixed + 4), recordConsumer);
    }

    private ColumnSinks.Field field(int position) {
        return new ColumnSinks.Field(names[position], position);
    }

    /** The extra column values of the next row written. */
    void nextExtras(Features next) {
        this.extras = next;
    }

    /**
     * Every column through its sink, in file order, at one call site that sees many sink classes ({@link
     * ColumnSinks}): this method stays small wherever the JIT inlines it. The fixed columns' slots are empty; their
     * sinks read the row.
     */
    @Override
    public void write(Row row) {
        try {
            place(row);
            consumer.startMessage();
            for (int i = 0; i < sinks.length; i++) {
                try {
                    sinks[i].write(row, slots[i]);
                } catch (IllegalArgumentException e) {
                    throw rejected(row, i, e);
                }
            }
            consumer.endMessage();
        } finally {
            Arrays.fill(slots, 0, fixed, null);
            extras = Features.EMPTY;
        }
    }

    /** A data value the column cannot hold names the row's key and the column (a fixed column's failure as it is). */
    private IllegalArgumentException rejected(Row row, int column, IllegalArgumentException e) {
        if (column >= fixed) {
            return e;
        }
        return new IllegalArgumentException(
                "Row of key '" + row.key() + "', column '" + names[column] + "': " + e.getMessage(), e);
    }

    /** The key and the data columns into their slots (feature names never take a fixed column's name). */
    private void place(Row row) {
        slots[0] = row.key();
        placeAll(row.features());
        placeAll(row.resolved());
        placeAll(extras);
    }

    private void placeAll(Features features) {
        List<Column> columns = features.columns();
        if (columns.isEmpty()) {
            return;
        }
        int[] at = positionsOf.computeIfAbsent(columns, this::positionsFor);
        List<Object> values = features.values();
        for (int i = 0; i < at.length; i++) {
            slots[at[i]] = values.get(i);
        }
    }

    private int[] positionsFor(List<Column> columns) {
        int[] at = new int[columns.size()];
        for (int i = 0; i < at.length; i++) {
            Integer position = positions.get(columns.get(i).name());
            if (position == null) {
                throw new IllegalArgumentException("Column " + columns.get(i).name() + " is not in the file's schema");
            }
            at[i] = position;
        }
        return at;
    }
}
