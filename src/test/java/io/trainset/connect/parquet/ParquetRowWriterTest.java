package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.ParquetFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One Parquet file of rows: written, finished, uploaded, or discarded. */
class ParquetRowWriterTest {

    private static final List<Column> FEATURES = List.of(
            new Column("text", ColumnType.STRING),
            new Column("count", ColumnType.LONG),
            new Column("score", ColumnType.DOUBLE),
            new Column("flag", ColumnType.BOOLEAN),
            new Column("note", ColumnType.STRING),
            new Column("event_time", ColumnType.TIMESTAMP_MILLIS),
            new Column("amount", ColumnType.decimal(10, 2)),
            new Column("tags", ColumnType.list(ColumnType.STRING)));
    private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123Z");

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionCodecName.class,
            names = {"SNAPPY", "ZSTD"})
    void rowsReadBackWithExactValues(CompressionCodecName codec) throws IOException {
        ParquetRowWriter writer = open("split=train/part-0.parquet", settings(codec), Map.of());
        writer.write(row("a", 1L, 0.5, true, "first", T0, "12.34", List.of("x", "y")), Features.EMPTY);
        writer.write(row("b", -2L, -1.25, false, null, T0.plusMillis(1), "-0.01", List.of()), Features.EMPTY);
        assertThat(writer.rowCount()).isEqualTo(2);
        assertThat(writer.estimatedBytes()).isPositive();
        writer.finish();
        writer.upload();

        List<GenericRecord> rows = read(root.resolve("split=train/part-0.parquet"));
        assertThat(rows).hasSize(2);
        assertRow(rows.get(0), "a", 1L, 0.5, true, "first", T0, "12.34", List.of("x", "y"));
        assertRow(rows.get(1), "b", -2L, -1.25, false, null, T0.plusMillis(1), "-0.01", List.of());
        assertThat(footer(root.resolve("split=train/part-0.parquet"))
                        .getBlocks()
                        .get(0)
                        .getColumns())
                .allSatisfy(column -> assertThat(column.getCodec()).isEqualTo(codec));
    }

    @Test
    void rowGroupsCappedAtATasksShareOfItsBufferFlushAsTheyFillSoTheFileBuffersNoMore() throws IOException {
        long cap = 256 * 1024;
        ParquetSettings capped =
                new ParquetSettings(CompressionCodecName.SNAPPY, 64L << 20, 64 * 1024).withRowGroupBytesAtMost(cap);
        assertThat(capped.rowGroupBytes()).isEqualTo(cap);
        ParquetRowWriter writer = open("capped.parquet", capped, Map.of());
        long mostBuffered = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = "row " + i + " " + "lorem ipsum dolor sit amet ".repeat(4) + i * 7919L;
            writer.write(
                    row(text, i, i / 3.0, i % 2 == 0, "n" + i, T0.plusMillis(i), "1.00", List.of()), Features.EMPTY);
            mostBuffered = Math.max(mostBuffered, writer.bufferedBytes());
        }
        writer.finish();
        writer.upload();

        assertThat(mostBuffered)
                .as("buffered for the current row group: Parquet checks its size every few rows, so it overshoots a "
                        + "little, within the quarter of slack OpenFileBudget.rowGroupBytesPerFile leaves")
                .isLessThanOrEqualTo(cap / 3 * 4);
        assertThat(footer(root.resolve("capped.parquet")).getBlocks()).hasSizeGreaterThan(3);
        assertThat(read(root.resolve("capped.parquet"))).hasSize(20_000);
    }

    @Test
    void aRowGroupCapNeverGoesBelowAPageNorAboveTheSetting() {
        ParquetSettings settings = new ParquetSettings(CompressionCodecName.SNAPPY, 8L << 20, 1 << 20);
        assertThat(settings.withRowGroupBytesAtMost(1024).rowGroupBytes()).isEqualTo(1 << 20);
        assertThat(settings.withRowGroupBytesAtMost(Long.MAX_VALUE)).isSameAs(settings);
    }

    @Test
    void aFinishedFileIsInvisibleUntilItIsUploaded() throws IOException {
        ParquetRowWriter writer = open("later.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY);

        writer.finish();
        assertThat(store.read("later.parquet")).isEmpty();
        assertThat(writer.bytesWritten()).isPositive();
        writer.upload();

        assertThat(Files.size(root.resolve("later.parquet"))).isEqualTo(writer.bytesWritten());
        assertThat(read(root.resolve("later.parquet")))
                .singleElement()
                .satisfies(row -> assertThat(row.get("event_time")).isEqualTo(T0));
    }

    @Test
    void aFinishedFileThatIsDiscardedLeavesNothing() throws IOException {
        ParquetRowWriter writer = open("discarded.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY);
        writer.finish();

        writer.discard();

        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void keyValueMetadataIsInTheFooter() throws IOException {
        Map<String, String> metadata =
                Map.of("trainset.dataset", "{\"name\":\"tickets\"}", "huggingface", "{\"info\":{\"features\":{}}}");
        ParquetRowWriter writer = open("meta.parquet", ParquetSettings.defaults(), metadata);
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY);
        writer.finish();
        writer.upload();

        Map<String, String> footer =
                footer(root.resolve("meta.parquet")).getFileMetaData().getKeyValueMetaData();
        assertThat(footer).containsAllEntriesOf(metadata).containsKey("parquet.avro.schema");
    }

    @Test
    void listsUseTheStandardThreeLevelLayout() throws IOException {
        ParquetRowWriter writer = open("lists.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of("x")), Features.EMPTY);
        writer.finish();
        writer.upload();

        assertThat(footer(root.resolve("lists.parquet"))
                        .getFileMetaData()
                        .getSchema()
                        .getType("tags")
                        .toString())
                .isEqualTo("optional group tags (LIST) {\n"
                        + "  repeated group list {\n"
                        + "    optional binary element (STRING);\n"
                        + "  }\n"
                        + "}");
    }

    @Test
    void abortLeavesNoObjectAndNoFile() throws IOException {
        ParquetRowWriter writer = open("aborted/part-0.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY);

        writer.abort();

        assertThat(store.list("")).isEmpty();
        assertThat(filesUnder(root)).isEmpty();
        assertThatThrownBy(() -> writer.write(row("b", 2L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("aborted/part-0.parquet is already finished or aborted; open a new writer");
    }

    @Test
    void decimalWithAnotherScaleIsRejected() throws IOException {
        ParquetRowWriter writer = open("bad.parquet", ParquetSettings.defaults(), Map.of());

        assertThatThrownBy(() -> writer.write(row("a", 1L, 0.5, true, null, T0, "1.234", List.of()), Features.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Row of key 'a', column 'amount': Decimal 1.234 does not fit the column's "
                        + "precision 10 and scale 2");
        writer.abort();
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void finishingAfterAFailedWriteDiscardsTheFile() throws IOException {
        ParquetRowWriter writer = open("half.parquet", ParquetSettings.defaults(), Map.of());
        writer.write(row("a", 1L, 0.5, true, null, T0, "1.00", List.of()), Features.EMPTY);
        assertThatThrownBy(() -> writer.write(row("b", 2L, 0.5, true, null, T0, "1.234", List.of()), Features.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(writer::finish)
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("half.parquet was not finished: writing one of its rows failed,"
                        + " so it was discarded; write its rows to a new file");
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void closingTheParquetStreamNeitherUploadsNorDiscards() throws IOException {
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
        return ParquetRowWriter.open(
                store.create(key), DatasetColumns.forFeatures(FEATURES), settings, metadata, Set.of());
    }

    private static ParquetSettings settings(CompressionCodecName codec) {
        return new ParquetSettings(codec, ParquetSettings.DEFAULT_ROW_GROUP_BYTES, ParquetSettings.DEFAULT_PAGE_BYTES);
    }

    private static Row row(
            String text,
            long count,
            double score,
            boolean flag,
            String note,
            Instant eventTime,
            String amount,
            List<String> tags) {
        return new Row(
                text,
                new Features(
                        FEATURES,
                        Arrays.asList(
                                text,
                                count,
                                score,
                                flag,
                                note,
                                eventTime.toEpochMilli(),
                                new BigDecimal(amount),
                                tags)),
                null,
                1_000L,
                null,
                JoinStatus.TIMED_OUT,
                0,
                List.of());
    }

    private static void assertRow(
            GenericRecord row,
            String text,
            long count,
            double score,
            boolean flag,
            String note,
            Instant eventTime,
            String amount,
            List<String> tags) {
        assertThat(row.get("key")).hasToString(text);
        assertThat(row.get("text")).hasToString(text);
        assertThat(row.get("count")).isEqualTo(count);
        assertThat(row.get("score")).isEqualTo(score);
        assertThat(row.get("flag")).isEqualTo(flag);
        assertThat(row.get("note") == null ? null : row.get("note").toString()).isEqualTo(note);
        assertThat(row.get("event_time")).isEqualTo(eventTime);
        assertThat(row.get("amount")).isEqualTo(new BigDecimal(amount));
        assertThat(((List<?>) row.get("tags")).stream().map(Object::toString).toList())
                .isEqualTo(tags);
    }

    private static List<GenericRecord> read(Path file) throws IOException {
        return ParquetFiles.records(file);
    }

    private static ParquetMetadata footer(Path file) throws IOException {
        return ParquetFiles.footer(file);
    }

    /** The regular files under {@code dir} (also for {@link FirstRowsTest}). */
    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
