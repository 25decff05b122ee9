package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps dataset columns to an Avro schema (all fields nullable) and rows to Avro records of it. A group
 * column (STRUCT) is a nullable record inside the row record; each record is named after its column's
 * path ({@code io.trainset.trainset_row.customer}, {@code io.trainset.trainset_row.customer.address}),
 * so groups whose children share names are still distinct Avro types.
 */
public final class AvroRows {

    private static final String RECORD_NAME = "trainset_row";
    private static final String NAMESPACE = "io.trainset";
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroRows() {}

    /** The Avro record schema of a data file with these columns. */
    public static Schema schemaOf(List<Column> columns) {
        return Schema.createRecord(RECORD_NAME, "A Trainset training example", NAMESPACE, false,
                fieldsOf(columns, NAMESPACE + "." + RECORD_NAME));
    }

    /** Nullable fields for these columns; {@code namespace} is the path of the record that holds them. */
    private static List<Schema.Field> fieldsOf(List<Column> columns, String namespace) {
        List<Schema.Field> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(new Schema.Field(column.name(), nullable(avroType(column.type(), namespace, column.name())),
                    null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        return fields;
    }

    private static Schema nullable(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }

    private static Schema avroType(ColumnType type, String namespace, String name) {
        return switch (type.kind()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case STRING -> Schema.create(Schema.Type.STRING);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case TIMESTAMP_MILLIS -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case DECIMAL -> LogicalTypes.decimal(type.precision(), type.scale())
                    .addToSchema(Schema.create(Schema.Type.BYTES));
            case LIST -> Schema.createArray(nullable(avroType(type.element(), namespace + "." + name, "element")));
            case STRUCT -> Schema.createRecord(name, null, namespace, false,
                    fieldsOf(type.children(), namespace + "." + name));
        };
    }

    /** The row as a record of {@code schema}, which must cover the row's columns. */
    public static GenericRecord recordOf(Schema schema, Row row) {
        return recordOf(schema, row, Features.EMPTY);
    }

    /** The row plus these extra columns (e.g. the label as a column) as a record of {@code schema}. */
    public static GenericRecord recordOf(Schema schema, Row row, Features extras) {
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
