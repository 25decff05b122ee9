package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Maps dataset columns to an Avro schema (all fields nullable): the schema a data file's Parquet schema is
 * converted from and that its footer keeps ({@code parquet.avro.schema}). A group
 * column (STRUCT) is a nullable record inside the row record; each record is named after its column's
 * path ({@code io.trainset.trainset_row.customer}, {@code io.trainset.trainset_row.customer.address}),
 * so groups whose children share names are still distinct Avro types.
 */
public final class AvroRows {

    private static final String RECORD_NAME = "trainset_row";
    private static final String NAMESPACE = "io.trainset";

    private AvroRows() {}

    /** The Avro record schema of a data file with these columns. */
    public static Schema schemaOf(List<Column> columns) {
        return Schema.createRecord(
                RECORD_NAME,
                "A Trainset training example",
                NAMESPACE,
                false,
                fieldsOf(columns, NAMESPACE + "." + RECORD_NAME));
    }

    /** Nullable fields for these columns; {@code namespace} is the path of the record that holds them. */
    private static List<Schema.Field> fieldsOf(List<Column> columns, String namespace) {
        List<Schema.Field> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(new Schema.Field(
                    column.name(),
                    nullable(avroType(column.type(), namespace, column.name())),
                    null,
                    Schema.Field.NULL_DEFAULT_VALUE));
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
            case DECIMAL ->
                LogicalTypes.decimal(type.precision(), type.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
            case LIST -> Schema.createArray(nullable(avroType(type.element(), namespace + "." + name, "element")));
            case STRUCT ->
                Schema.createRecord(name, null, namespace, false, fieldsOf(type.children(), namespace + "." + name));
        };
    }
}
