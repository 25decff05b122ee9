package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.ParquetFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The oracle of {@link RowWriteSupport}: rows as Avro records of {@link AvroRows#schemaOf}, written by
 * parquet-avro's own writer with the settings {@link ParquetRowWriter} uses. A file of rows must be this file.
 */
final class AvroRecords {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroRecords() {}

    /** A parquet-avro writer of records of {@code schema} into {@code output}. */
    static ParquetWriter<GenericRecord> writer(
            ObjectOutput output, Schema schema, ParquetSettings settings, Map<String, String> metadata)
            throws IOException {
        return ParquetWriters.configure(
                        AvroParquetWriter.<GenericRecord>builder(new ParquetOutputFile(output, output.toString()))
                                .withSchema(schema)
                                .withDataModel(ParquetFiles.DATA_MODEL),
                        settings,
                        metadata,
                        Set.of(),
                        new ReusedBuffers(BufferPool.SHARED))
                .build();
    }

    /** The row as a record of {@code schema}, which must cover the row's columns. */
    static GenericRecord recordOf(Schema schema, Row row) {
        return recordOf(schema, row, Features.EMPTY);
    }

    /** The row plus these extra columns (e.g. the label as a column) as a record of {@code schema}. */
    static GenericRecord recordOf(Schema schema, Row row, Features extras) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put(DatasetColumns.KEY, row.key());
        putAll(record, schema, row.features());
        putAll(record, schema, row.resolved());
        putAll(record, schema, extras);
        record.put(DatasetColumns.SUBMITTED_AT, row.submittedAtMs());
        record.put(DatasetColumns.RESOLVED_AT, row.resolvedAtMs());
        record.put(DatasetColumns.RESOLUTION_MS, row.resolutionMs());
        record.put(DatasetColumns.JOIN_STATUS, row.status().value());
        record.put(DatasetColumns.RESOLUTION_COUNT, row.resolutionCount());
        return record;
    }

    private static void putAll(GenericData.Record record, Schema schema, Features features) {
        for (int i = 0; i < features.columns().size(); i++) {
            Column column = features.columns().get(i);
            Schema.Field field = schema.getField(column.name());
            record.put(field.pos(), avroValue(features.values().get(i), column.type(), field.schema()));
        }
    }

    private static Object avroValue(Object value, ColumnType type, Schema nullableSchema) {
        if (value == null) {
            return null;
        }
        Schema schema = nullableSchema.getTypes().get(1);
        return switch (type.kind()) {
            case DECIMAL -> DECIMALS.toBytes((BigDecimal) value, schema, schema.getLogicalType());
            case STRUCT -> recordOf(schema, type, (List<?>) value);
            default -> value;
        };
    }

    /** A group's child values (in its type's child order) as a record of the group's record schema. */
    private static GenericData.Record recordOf(Schema schema, ColumnType type, List<?> values) {
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < values.size(); i++) {
            Schema.Field field = schema.getFields().get(i);
            record.put(i, avroValue(values.get(i), type.children().get(i).type(), field.schema()));
        }
        return record;
    }
}
