package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.ParquetFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRowWriterTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row").namespace("io.trainset.test")
            .fields()
            .requiredString("text")
            .requiredLong("count")
            .requiredDouble("score")
            .requiredBoolean("flag")
            .optionalString("note")
            .name("event_time").type(timestampMillis()).noDefault()
            .name("amount").type(decimal()).noDefault()
            .name("tags").type().array().items().stringType().noDefault()
            .endRecord();
    private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123Z");

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD"})
    void rowsReadBackWithExactValues(CompressionCodecName codec) throws IOException {
        ParquetRowWriter writer = open("split=train/part-0.parquet", settings(codec), Map.of());
        writer.write(row("a", 1L, 0.5, true, "first", T0, "12.34", List.of("x", "y")));
        writer.write(row("b", -2L, -1.25, false, null, T0.plusMillis(1), "-0.01", List.of()));
        assertThat(writer.rowCount()).isEqualTo(2);
        assertThat(writer.estimatedBytes()).isPositive();
        writer.commit();

        List<GenericRecord> rows = read(root.resolve("split=train/part-0.parquet"));
        assertThat(rows).hasSize(2);
        assertRow(rows.get(0), "a", 1L, 0.5, true, "first", T0, "12.34", List.of("x", "y"));
        assertRow(rows.get(1), "b", -2L, -1.25, false, null, T0.plusMillis(1), "-0.01", List.of());
        assertThat(footer(root.resolve("split=train/part-0.parquet")).getBlocks().get(0).getColumns())
                .allSatisfy(column -> assertThat(column.getCodec()).isEqualTo(codec));
    }

    @Test
    void rawLogicalTypeValuesAreWrittenAsGiven() throws IOException {
        Schema schema = SchemaBuilder.record("Raw").fields()
                .name("event_time").type(timestampMillis()).noDefault()
                .endRecord();
        ParquetRowWriter writer = new ParquetRowWriter(store.create("raw.parquet"), schema,
                ParquetSettings.defaults(), Map.of());
        writer.write(new GenericRecordBuilder(schema).set("event_time", T0.toEpochMilli()).build());
        writer.commit();

        assertThat(read(root.resolve("raw.parquet"))).singleElement()
                .satisfies(row -> assertThat(row.get("event_time")).isEqualTo(T0));
    }

    @Test
    void keyValueMetadataIsInTheFooter() throws IOException {
        Map<String, String> metadata = Map.of("trainset.dataset", "{\"name\":\"tickets\"}",
                "huggingface", "{\"info\":{\"features\":{}}}");
        ParquetRowWriter writer = open("meta.parquet", ParquetSettings.defaults(), metadata);
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()));
        writer.commit();

        Map<String, String> footer = footer(root.resolve("meta.parquet")).getFileMetaData()
                .getKeyValueMetaData();
        assertThat(footer).containsAllEntriesOf(metadata).containsKey("parquet.avro.schema");
    }

    @Test
    void listsUseTheStandardThreeLevelLayout() throws IOException {
        ParquetRowWriter writer = open("lists.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of("x")));
        writer.commit();

        assertThat(footer(root.resolve("lists.parquet")).getFileMetaData().getSchema().getType("tags")
                .toString()).isEqualTo("required group tags (LIST) {\n"
                        + "  repeated group list {\n"
                        + "    required binary element (STRING);\n"
                        + "  }\n"
                        + "}");
    }

    @Test
    void abortLeavesNoObjectAndNoFile() throws IOException {
        ParquetRowWriter writer = open("aborted/part-0.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()));

        writer.abort();

        assertThat(store.list("")).isEmpty();
        assertThat(filesUnder(root)).isEmpty();
        assertThatThrownBy(() -> writer.write(row("b", 2L, 0.5, true, null, T0, "1.00", List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("aborted/part-0.parquet is already committed or aborted; open a"
                        + " new writer");
    }

    @Test
    void decimalWithAnotherScaleIsRejected() throws IOException {
        ParquetRowWriter writer = open("bad.parquet", ParquetSettings.defaults(), Map.of());

        assertThatThrownBy(() -> writer.write(row("a", 1L, 0.5, true, null, T0, "1.234", List.of())))
                .isInstanceOf(AvroTypeException.class)
                .hasMessage("Cannot encode decimal with scale 3 as scale 2 without rounding");
        writer.abort();
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void commitAfterAFailedWriteDiscardsTheFile() throws IOException {
        ParquetRowWriter writer = open("half.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()));
        assertThatThrownBy(() -> writer.write(row("b", 2L, 0.5, true, null, T0, "1.234", List.of())))
                .isInstanceOf(AvroTypeException.class)
                .hasMessage("Cannot encode decimal with scale 3 as scale 2 without rounding");

        assertThatThrownBy(writer::commit)
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("half.parquet was not committed: writing one of its rows failed,"
                        + " so it was discarded; write its rows to a new file");
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void closingTheParquetStreamNeitherCommitsNorDiscards() throws IOException {
        try (ObjectOutput output = store.create("stream.bin")) {
            var stream = new ParquetOutputFile(output, "stream.bin").create(0);
            stream.write(new byte[] {1, 2, 3});
            assertThat(stream.getPos()).isEqualTo(3);
            stream.close();

            output.write(4);
            assertThat(store.read("stream.bin")).isEmpty();
            output.commit();
        }
        assertThat(store.read("stream.bin")).hasValue(new byte[] {1, 2, 3, 4});
    }

    private ParquetRowWriter open(String key, ParquetSettings settings, Map<String, String> metadata)
            throws IOException {
        return new ParquetRowWriter(store.create(key), SCHEMA, settings, metadata);
    }

    private static ParquetSettings settings(CompressionCodecName codec) {
        return new ParquetSettings(codec, ParquetSettings.DEFAULT_ROW_GROUP_BYTES,
                ParquetSettings.DEFAULT_PAGE_BYTES);
    }

    private static GenericRecord row(String text, long count, double score, boolean flag, String note,
            Instant eventTime, String amount, List<String> tags) {
        return new GenericRecordBuilder(SCHEMA)
                .set("text", text).set("count", count).set("score", score).set("flag", flag)
                .set("note", note).set("event_time", eventTime).set("amount", new BigDecimal(amount))
                .set("tags", tags)
                .build();
    }

    private static void assertRow(GenericRecord row, String text, long count, double score,
            boolean flag, String note, Instant eventTime, String amount, List<String> tags) {
        assertThat(row.get("text")).hasToString(text);
        assertThat(row.get("count")).isEqualTo(count);
        assertThat(row.get("score")).isEqualTo(score);
        assertThat(row.get("flag")).isEqualTo(flag);
        assertThat(row.get("note") == null ? null : row.get("note").toString()).isEqualTo(note);
        assertThat(row.get("event_time")).isEqualTo(eventTime);
        assertThat(row.get("amount")).isEqualTo(new BigDecimal(amount));
        assertThat(((List<?>) row.get("tags")).stream().map(Object::toString).toList()).isEqualTo(tags);
    }

    private static List<GenericRecord> read(Path file) throws IOException {
        return ParquetFiles.records(file);
    }

    private static ParquetMetadata footer(Path file) throws IOException {
        return ParquetFiles.footer(file);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Schema timestampMillis() {
        return org.apache.avro.LogicalTypes.timestampMillis()
                .addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema decimal() {
        return org.apache.avro.LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    }
}
