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
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.ParquetFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written straight to Parquet read back exactly, and give the file parquet-avro gives for their records. */
class RowWriteSupportTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final ColumnType ADDRESS =
            ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.INT)));
    private static final ColumnType CUSTOMER =
            ColumnType.struct(List.of(new Column("tier", ColumnType.STRING), new Column("address", ADDRESS)));
    private static final List<Column> FEATURES = List.of(
            new Column("title", ColumnType.STRING),
            new Column("count", ColumnType.LONG),
            new Column("score", ColumnType.DOUBLE),
            new Column("flag", ColumnType.BOOLEAN),
            new Column("seen_at", ColumnType.TIMESTAMP_MILLIS),
            new Column("rank", ColumnType.INT),
            new Column("ratio", ColumnType.FLOAT),
            new Column("day", ColumnType.DATE),
            new Column("amount", ColumnType.decimal(10, 2)),
            new Column("blob", ColumnType.BYTES),
            new Column("tags", ColumnType.list(ColumnType.STRING)),
            new Column("customer", CUSTOMER));
    private static final List<Column> RESOLVED = List.of(new Column("resolved_by", ColumnType.STRING));
    private static final List<Column> EXTRAS =
            List.of(new Column("split", ColumnType.STRING), new Column(DatasetColumns.LABEL_ID, ColumnType.LONG));
    private static final List<Column> FILE_COLUMNS = DatasetColumns.forFeatures(concat(FEATURES, RESOLVED, EXTRAS));
    private static final Schema SCHEMA = AvroRows.schemaOf(FILE_COLUMNS);

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    @Test
    void everyColumnKindReadsBackWithItsExactValueAndType() throws IOException {
        write("rows.parquet", rows(), Set.of(DatasetColumns.KEY));

        List<GenericRecord> records = ParquetFiles.records(root.resolve("rows.parquet"));
        assertThat(records).hasSize(2);
        GenericRecord full = records.get(0);
        assertThat(full.get("key")).hasToString("ISSUE-1");
        assertThat(full.get("title")).hasToString("Charged twice");
        assertThat(full.get("count")).isEqualTo(42L);
        assertThat(full.get("score")).isEqualTo(0.25);
        assertThat(full.get("flag")).isEqualTo(true);
        assertThat(full.get("seen_at")).isEqualTo(AT);
        assertThat(full.get("rank")).isEqualTo(-7);
        assertThat(full.get("ratio")).isEqualTo(1.5f);
        assertThat(full.get("day")).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(full.get("amount")).isEqualTo(new BigDecimal("-12.34"));
        assertThat(full.get("blob")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(((List<?>) full.get("tags"))).map(String::valueOf).containsExactly("x", "null", "y");
        GenericRecord customer = (GenericRecord) full.get("customer");
        assertThat(customer.get("tier")).hasToString("pro");
        assertThat(((GenericRecord) customer.get("address")).get("city")).hasToString("Berlin");
        assertThat(((GenericRecord) customer.get("address")).get("zip")).isEqualTo(10115);
        assertThat(full.get("resolved_by")).hasToString("agent-3");
        assertThat(full.get("split")).hasToString("train");
        assertThat(full.get("label_id")).isEqualTo(2L);
        assertThat(full.get("submitted_at")).isEqualTo(Instant.ofEpochMilli(1_000L));
        assertThat(full.get("resolved_at")).isEqualTo(Instant.ofEpochMilli(61_000L));
        assertThat(full.get("resolution_ms")).isEqualTo(60_000L);
        assertThat(full.get("join_status")).hasToString("joined");
        assertThat(full.get("resolution_count")).isEqualTo(1);

        GenericRecord empty = records.get(1);
        assertThat(empty.get("key")).hasToString("ISSUE-2");
        for (Column column : concat(FEATURES, RESOLVED, List.of(EXTRAS.get(1)))) {
            assertThat(empty.get(column.name())).as(column.name()).isNull();
        }
        assertThat(empty.get("split")).hasToString("test");
        assertThat(empty.get("resolved_at")).isNull();
        assertThat(empty.get("resolution_ms")).isNull();
        assertThat(empty.get("join_status")).hasToString("timed_out");
        assertThat(empty.get("resolution_count")).isEqualTo(0);
    }

    @Test
    void everyJoinStatusReadsBackAsItsValue() throws IOException {
        List<Row> rows = Arrays.stream(JoinStatus.values())
                .map(status -> new Row(
                        "K-" + status,
                        features("t", Collections.nCopies(FEATURES.size() - 1, null)),
                        null,
                        1L,
                        null,
                        status,
                        0,
                        List.of()))
                .toList();
        ParquetRowWriter writer = ParquetRowWriter.open(
                store.create("statuses.parquet"), FILE_COLUMNS, settings(), Map.of(), Set.of(DatasetColumns.KEY));
        for (Row row : rows) {
            writer.write(row, extras("train", null));
        }
        writer.finish();
        writer.upload();

        assertThat(ParquetFiles.records(root.resolve("statuses.parquet")))
                .extracting(r -> r.get("join_status").toString())
                .containsExactly("joined", "timed_out", "provisional");
    }

    @Test
    void theFileIsTheOneParquetAvroWritesForTheRowsRecords() throws IOException {
        write("direct.parquet", rows(), Set.of());
        List<Row> rows = rows();
        try (ObjectOutput output = store.create("avro.parquet")) {
            ParquetWriter<GenericRecord> avro = AvroRecords.writer(output, SCHEMA, settings(), Map.of("a", "b"));
            avro.write(AvroRecords.recordOf(SCHEMA, rows.get(0), extras("train", 2L)));
            avro.write(AvroRecords.recordOf(SCHEMA, rows.get(1), extras("test", null)));
            avro.close();
            output.commit();
        }

        ParquetMetadata direct = ParquetFiles.footer(root.resolve("direct.parquet"));
        ParquetMetadata viaAvro = ParquetFiles.footer(root.resolve("avro.parquet"));
        assertThat(direct.getFileMetaData().getSchema())
                .isEqualTo(viaAvro.getFileMetaData().getSchema());
        assertThat(direct.getFileMetaData().getKeyValueMetaData())
                .isEqualTo(viaAvro.getFileMetaData().getKeyValueMetaData())
                .containsEntry("parquet.avro.schema", SCHEMA.toString())
                .containsEntry("writer.model.name", "avro")
                .containsEntry("a", "b");
        List<String> viaAvroRecords = ParquetFiles.records(root.resolve("avro.parquet")).stream()
                .map(Object::toString)
                .toList();
        assertThat(ParquetFiles.records(root.resolve("direct.parquet")))
                .map(Object::toString)
                .containsExactlyElementsOf(viaAvroRecords);
    }

    @Test
    void plainColumnsHaveNoDictionaryAndColumnsParquetGaveUpOnAreReported() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String unique = "description " + i + " " + "x".repeat(200);
            rows.add(new Row(
                    "ISSUE-" + i,
                    features(unique, Collections.nCopies(FEATURES.size() - 1, null)),
                    "billing",
                    i,
                    null,
                    JoinStatus.TIMED_OUT,
                    0,
                    List.of()));
        }
        ParquetSettings smallPages = new ParquetSettings(CompressionCodecName.SNAPPY, 1 << 20, 4096);
        ParquetRowWriter writer = ParquetRowWriter.open(
                store.create("unique.parquet"), FILE_COLUMNS, smallPages, Map.of(), Set.of(DatasetColumns.KEY));
        for (Row row : rows) {
            writer.write(row, extras("train", null));
        }
        assertThat(writer.columnsWithoutDictionary()).isEmpty();
        writer.finish();
        writer.upload();

        // the key (off from the start) and the unique times Parquet gave up on; not the unique long text, which the
        // file's first rows decided (no dictionary tried: no evidence for later files); not the all-null columns
        assertThat(writer.columnsWithoutDictionary()).containsExactlyInAnyOrder("key", "submitted_at");
        ParquetMetadata footer = ParquetFiles.footer(root.resolve("unique.parquet"));
        assertThat(chunk(footer, "key").getEncodingStats().hasDictionaryPages()).isFalse();
        assertThat(chunk(footer, "title").getEncodingStats().hasDictionaryPages())
                .isFalse();
        assertThat(chunk(footer, "split").getEncodingStats().hasDictionaryPages())
                .isTrue();
        assertThat(ParquetFiles.records(root.resolve("unique.parquet")))
                .extracting(r -> r.get("title").toString())
                .containsExactlyElementsOf(rows.stream()
                        .map(r -> (String) r.features().values().get(0))
                        .toList());
    }

    @Test
    void nonAsciiAndLongStringsReadBackExactlyAfterReusedOnes() throws IOException {
        List<String> titles =
                List.of("Alpha, the smallest", "Café crème, naïve", "チケット 😀", "x".repeat(5000), "ascii again", "é");
        ParquetRowWriter writer = ParquetRowWriter.open(
                store.create("text.parquet"), FILE_COLUMNS, settings(), Map.of(), Set.of(DatasetColumns.KEY));
        for (int i = 0; i < titles.size(); i++) {
            writer.write(
                    new Row(
                            "K-" + i,
                            features(titles.get(i), Collections.nCopies(FEATURES.size() - 1, null)),
                            null,
                            i,
                            null,
                            JoinStatus.TIMED_OUT,
                            0,
                            List.of()),
                    extras("train", null));
        }
        writer.finish();
        writer.upload();

        List<GenericRecord> records = ParquetFiles.records(root.resolve("text.parquet"));
        assertThat(records).extracting(r -> r.get("title").toString()).containsExactlyElementsOf(titles);
        assertThat(records)
                .extracting(r -> r.get("key").toString())
                .containsExactly("K-0", "K-1", "K-2", "K-3", "K-4", "K-5");
        BinaryStatistics stats = (BinaryStatistics) chunk(ParquetFiles.footer(root.resolve("text.parquet")), "title")
                .getStatistics();
        assertThat(stats.minAsString()).isEqualTo("Alpha, the smallest"); // kept although its buffer was reused
        assertThat(stats.maxAsString()).isEqualTo("チケット 😀");
    }

    @Test
    void filesWrittenSideBySideWithSmallPagesReadBackExactly() throws IOException {
        // 8 KiB pages and row groups: many pages per file, their buffers released and lent again to the other files
        ParquetSettings small = new ParquetSettings(CompressionCodecName.SNAPPY, 8192, 8192);
        List<ParquetRowWriter> writers = new ArrayList<>();
        List<List<String>> titles = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            writers.add(ParquetRowWriter.open(
                    store.create("side-" + f + ".parquet"), FILE_COLUMNS, small, Map.of(), Set.of(DatasetColumns.KEY)));
            titles.add(new ArrayList<>());
        }
        for (int i = 0; i < 600; i++) {
            for (int f = 0; f < writers.size(); f++) {
                String title = "file " + f + " row " + i + " " + "abcdefghij".repeat(i % 40) + (i % 7 == 0 ? " é" : "");
                titles.get(f).add(title);
                writers.get(f)
                        .write(
                                new Row(
                                        "K-" + f + "-" + i,
                                        features(title, Collections.nCopies(FEATURES.size() - 1, null)),
                                        null,
                                        i,
                                        i % 2 == 0 ? null : (long) i + 5,
                                        i % 2 == 0 ? JoinStatus.TIMED_OUT : JoinStatus.JOINED,
                                        i % 2,
                                        List.of()),
                                extras(i % 3 == 0 ? "test" : "train", (long) i));
            }
        }
        for (ParquetRowWriter writer : writers) {
            writer.finish();
            writer.upload();
        }

        for (int f = 0; f < writers.size(); f++) {
            List<GenericRecord> records = ParquetFiles.records(root.resolve("side-" + f + ".parquet"));
            assertThat(records).extracting(r -> r.get("title").toString()).containsExactlyElementsOf(titles.get(f));
            assertThat(records).extracting(r -> r.get("submitted_at")).doesNotContainNull();
            assertThat(records.get(7).get("resolved_at")).isNotNull();
            assertThat(records.get(7).get("resolution_ms")).isEqualTo(5L);
            assertThat(records.get(7).get("split").toString()).isEqualTo("train");
            assertThat(records.get(6).get("resolved_at")).isNull();
        }
    }

    private void write(String name, List<Row> rows, Set<String> plainColumns) throws IOException {
        ParquetRowWriter writer =
                ParquetRowWriter.open(store.create(name), FILE_COLUMNS, settings(), Map.of("a", "b"), plainColumns);
        writer.write(rows.get(0), extras("train", 2L));
        writer.write(rows.get(1), extras("test", null));
        writer.finish();
        writer.upload();
    }

    private static List<Row> rows() {
        Features full = features(
                "Charged twice",
                List.of(
                        42L,
                        0.25,
                        true,
                        AT.toEpochMilli(),
                        -7,
                        1.5f,
                        (int) LocalDate.of(2026, 11, 24).toEpochDay(),
                        new BigDecimal("-12.34"),
                        ByteBuffer.wrap(new byte[] {1, 2, 3}),
                        Arrays.asList("x", null, "y"),
                        List.of("pro", List.of("Berlin", 10115))));
        Row joined = new Row(
                "ISSUE-1",
                full,
                "billing",
                1_000L,
                61_000L,
                JoinStatus.JOINED,
                1,
                List.of(new SourcePosition("issues", 0, 1)),
                new Features(RESOLVED, List.of("agent-3")),
                Row.Version.FINAL_V1);
        Features nulls = features(null, Collections.nCopies(FEATURES.size() - 1, null));
        Row timedOut = new Row("ISSUE-2", nulls, null, 2_000L, null, JoinStatus.TIMED_OUT, 0, List.of());
        return List.of(joined, timedOut);
    }

    private static Features features(String title, List<Object> rest) {
        List<Object> values = new ArrayList<>();
        values.add(title);
        values.addAll(rest);
        return new Features(FEATURES, values);
    }

    private static Features extras(String split, Long labelId) {
        return new Features(EXTRAS, Arrays.asList(split, labelId));
    }

    private static ParquetSettings settings() {
        return ParquetSettings.defaults();
    }

    private static ColumnChunkMetaData chunk(ParquetMetadata footer, String path) {
        return footer.getBlocks().get(0).getColumns().stream()
                .filter(c -> c.getPath().toDotString().equals(path))
                .findFirst()
                .orElseThrow();
    }

    @SafeVarargs
    private static List<Column> concat(List<Column>... lists) {
        List<Column> all = new ArrayList<>();
        Arrays.stream(lists).forEach(all::addAll);
        return all;
    }
}
