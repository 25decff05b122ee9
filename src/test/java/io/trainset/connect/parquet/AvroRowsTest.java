package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ParquetFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group columns as Avro records inside the row record, and as Parquet groups in the file. */
class AvroRowsTest {

    private static final Instant SINCE = Instant.parse("2024-03-01T08:00:00Z");
    private static final ColumnType ADDRESS =
            ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.INT)));
    private static final ColumnType CUSTOMER = ColumnType.struct(List.of(
            new Column("tier", ColumnType.STRING), new Column("since", ColumnType.TIMESTAMP_MILLIS),
            new Column("credit", ColumnType.decimal(10, 2)), new Column("address", ADDRESS)));
    /** Two groups with the same child names: their Avro records must still have distinct names. */
    private static final List<Column> FEATURES = List.of(
            new Column("title", ColumnType.STRING), new Column("customer", CUSTOMER), new Column("shipping", ADDRESS));

    private static final Schema SCHEMA = AvroRows.schemaOf(DatasetColumns.forFeatures(FEATURES));

    @TempDir
    Path root;

    private static Schema nonNull(Schema record, String field) {
        return record.getField(field).schema().getTypes().get(1);
    }

    private static Row row(int n, Object customer, Object shipping) {
        return new Row(
                "ISSUE-" + n,
                new Features(FEATURES, Arrays.asList("Title " + n, customer, shipping)),
                "billing",
                1_000L + n,
                2_000L + n,
                JoinStatus.JOINED,
                1,
                List.of(new SourcePosition("issues", 0, n)));
    }

    @Test
    void aGroupIsANullableRecordNamedAfterItsPath() {
        Schema customer = nonNull(SCHEMA, "customer");

        assertThat(SCHEMA.getField("customer").schema().getTypes().get(0).getType())
                .isEqualTo(Schema.Type.NULL);
        assertThat(customer.getFullName()).isEqualTo("io.trainset.trainset_row.customer");
        assertThat(customer.getFields())
                .extracting(Schema.Field::name)
                .containsExactly("tier", "since", "credit", "address");
        assertThat(nonNull(customer, "address").getFullName()).isEqualTo("io.trainset.trainset_row.customer.address");
        assertThat(nonNull(SCHEMA, "shipping").toString())
                .isEqualTo("{\"type\":\"record\",\"name\":\"shipping\","
                        + "\"namespace\":\"io.trainset.trainset_row\",\"fields\":["
                        + "{\"name\":\"city\",\"type\":[\"null\",\"string\"],\"default\":null},"
                        + "{\"name\":\"zip\",\"type\":[\"null\",\"int\"],\"default\":null}]}");
        assertThat(new Schema.Parser().parse(SCHEMA.toString())).isEqualTo(SCHEMA);
    }

    @Test
    void groupsNamedLikeAvroTypesAreWrittenAndReadBack() throws IOException {
        ColumnType string = ColumnType.struct(List.of(new Column("int", ColumnType.STRING)));
        List<Column> features = List.of(
                new Column("record", ColumnType.struct(List.of(new Column("string", string)))),
                new Column("map", string));
        Schema schema = AvroRows.schemaOf(DatasetColumns.forFeatures(features));
        ParquetRowWriter writer = ParquetRowWriter.open(
                new LocalObjectStore(root).create("types.parquet"),
                DatasetColumns.forFeatures(features),
                ParquetSettings.defaults(),
                Map.of(),
                Set.of());
        writer.write(
                new Row(
                        "k",
                        new Features(features, List.of(List.of(List.of("a")), List.of("b"))),
                        null,
                        1L,
                        null,
                        JoinStatus.TIMED_OUT,
                        0,
                        List.of()),
                Features.EMPTY);
        writer.finish();
        writer.upload();

        GenericRecord row = ParquetFiles.records(root.resolve("types.parquet")).get(0);
        assertThat(nonNull(nonNull(schema, "record"), "string").getFullName())
                .isEqualTo("io.trainset.trainset_row.record.string");
        assertThat(((GenericRecord) ((GenericRecord) row.get("record")).get("string")).get("int"))
                .hasToString("a");
        assertThat(((GenericRecord) row.get("map")).get("int")).hasToString("b");
    }

    @Test
    void groupsAreWrittenAsParquetGroupsAndReadBackAsNestedRecords() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        ParquetRowWriter writer = ParquetRowWriter.open(
                store.create("groups.parquet"),
                DatasetColumns.forFeatures(FEATURES),
                ParquetSettings.defaults(),
                Map.of(),
                Set.of());
        writer.write(
                row(
                        0,
                        List.of("pro", SINCE.toEpochMilli(), new BigDecimal("12.34"), List.of("Berlin", 10115)),
                        List.of("Oslo", 150)),
                Features.EMPTY);
        writer.write(row(1, Arrays.asList("free", null, null, null), null), Features.EMPTY);
        writer.finish();
        writer.upload();

        List<GenericRecord> rows = ParquetFiles.records(root.resolve("groups.parquet"));
        GenericRecord customer = (GenericRecord) rows.get(0).get("customer");
        assertThat(customer.get("tier")).hasToString("pro");
        assertThat(customer.get("since")).isEqualTo(SINCE);
        assertThat(customer.get("credit")).isEqualTo(new BigDecimal("12.34"));
        assertThat(((GenericRecord) customer.get("address")).get("city")).hasToString("Berlin");
        assertThat(((GenericRecord) customer.get("address")).get("zip")).isEqualTo(10115);
        assertThat(((GenericRecord) rows.get(0).get("shipping")).get("zip")).isEqualTo(150);
        GenericRecord partial = (GenericRecord) rows.get(1).get("customer");
        assertThat(partial.get("tier")).hasToString("free");
        assertThat(partial.get("since")).isNull();
        assertThat(partial.get("address")).isNull();
        assertThat(rows.get(1).get("shipping")).isNull();
        assertThat(ParquetFiles.footer(root.resolve("groups.parquet"))
                        .getFileMetaData()
                        .getSchema()
                        .getType("customer")
                        .toString())
                .isEqualTo("optional group customer {\n"
                        + "  optional binary tier (STRING);\n"
                        + "  optional int64 since (TIMESTAMP(MILLIS,true));\n"
                        + "  optional binary credit (DECIMAL(10,2));\n"
                        + "  optional group address {\n"
                        + "    optional binary city (STRING);\n"
                        + "    optional int32 zip;\n"
                        + "  }\n"
                        + "}");
    }
}
