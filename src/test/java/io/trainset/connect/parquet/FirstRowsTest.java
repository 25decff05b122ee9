package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new file's first rows decide its dictionaries before its Parquet writer opens ({@link FirstRows}). */
class FirstRowsTest {

    private static final List<Column> FEATURES = List.of(
            new Column("title", ColumnType.STRING),
            new Column("priority", ColumnType.STRING),
            new Column("tags", ColumnType.list(ColumnType.STRING)),
            new Column("amount", ColumnType.decimal(10, 2)));
    private static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    @Test
    void columnsWhoseFirstRowsAreAllDistinctHaveNoDictionaryAndTheOthersKeepTheirs() throws IOException {
        List<Row> rows = rows(300, FirstRowsTest::longTitle);

        written("decided.parquet", rows);

        ParquetMetadata footer = ParquetFiles.footer(root.resolve("decided.parquet"));
        assertThat(dictionaryColumns(footer))
                .containsExactlyInAnyOrder("priority", "amount", "join_status", "resolution_count");
        assertThat(noDictionaryColumns(footer))
                .containsExactlyInAnyOrder("key", "title", "tags.list.element", "submitted_at");
        assertReadBack("decided.parquet", rows);
    }

    @Test
    void aColumnUniqueInTheFirstRowsButRepetitiveLaterIsWrittenPlainAndReadsBackIdentical() throws IOException {
        List<Row> rows = rows(2_000, n -> n < FirstRows.ROWS ? longTitle(n) : "Same title " + n % 2);

        written("repetitive-later.parquet", rows);

        ParquetMetadata footer = ParquetFiles.footer(root.resolve("repetitive-later.parquet"));
        assertThat(noDictionaryColumns(footer)).contains("title");
        assertThat(dictionaryColumns(footer)).contains("priority");
        assertReadBack("repetitive-later.parquet", rows);
    }

    @Test
    void aFileFinishedWithFewerRowsThanItHoldsDecidesFromThoseRows() throws IOException {
        List<Row> rows = rows(110, FirstRowsTest::longTitle);
        ParquetRowWriter writer = opened("short.parquet");
        for (Row row : rows) {
            writer.write(row, Features.EMPTY);
        }
        assertThat(writer.bytesWritten()).as("nothing written while held").isZero();
        assertThat(writer.rowCount()).isEqualTo(110);

        writer.finish();
        writer.upload();

        ParquetMetadata footer = ParquetFiles.footer(root.resolve("short.parquet"));
        assertThat(noDictionaryColumns(footer)).contains("title", "submitted_at");
        assertThat(dictionaryColumns(footer)).contains("priority");
        assertReadBack("short.parquet", rows);
    }

    @Test
    void heldRowsCountAsBufferedBytesUntilTheWriterOpensWithThem() throws IOException {
        List<Row> rows = rows(FirstRows.ROWS, FirstRowsTest::longTitle);
        ParquetRowWriter writer = opened("held.parquet");

        writer.write(rows.get(0), Features.EMPTY);
        long oneRow = writer.bufferedBytes();
        writer.write(rows.get(1), Features.EMPTY);

        assertThat(oneRow)
                .as("key, title, priority, tag, amount and the fixed columns")
                .isGreaterThan(50);
        assertThat(writer.bufferedBytes()).isGreaterThan(oneRow);
        assertThat(writer.estimatedBytes()).isEqualTo(writer.bufferedBytes());
        for (Row row : rows.subList(2, rows.size())) {
            writer.write(row, Features.EMPTY);
        }
        assertThat(writer.bytesWritten())
                .as("the writer opened: its magic bytes are out")
                .isPositive();
        writer.finish();
        writer.upload();
        assertReadBack("held.parquet", rows);
    }

    @Test
    void aHeldRowTheFileCannotHoldFailsItsOwnWriteAndTheFileIsDiscarded() throws IOException {
        ParquetRowWriter writer = opened("bad.parquet");
        List<Row> rows = rows(10, FirstRowsTest::longTitle);
        for (Row row : rows.subList(0, 5)) {
            writer.write(row, Features.EMPTY);
        }
        Row bad = row(5, "Title 5", new BigDecimal("1.234"));

        assertThatThrownBy(() -> writer.write(bad, Features.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Row of key 'ISSUE-5', column 'amount': Decimal 1.234 does not fit");
        assertThat(writer.rowCount()).isEqualTo(5);
        assertThatThrownBy(writer::finish)
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("bad.parquet was not finished: writing one of its rows failed, so it was"
                        + " discarded; write its rows to a new file");
        assertThat(ParquetRowWriterTest.filesUnder(root)).isEmpty();
    }

    @Test
    void anAbortedFileWhoseRowsAreHeldLeavesNothing() throws IOException {
        ParquetRowWriter writer = opened("aborted.parquet");
        for (Row row : rows(50, FirstRowsTest::longTitle)) {
            writer.write(row, Features.EMPTY);
        }

        writer.abort();

        assertThat(store.list("")).isEmpty();
        assertThat(ParquetRowWriterTest.filesUnder(root)).isEmpty();
        assertThat(writer.columnsWithoutDictionary()).isEmpty();
    }

    @Test
    void aColumnTheFirstRowsDecidedIsNotLearntForLaterFilesButOneParquetGaveUpOnIs() throws IOException {
        ParquetRowWriter writer = written("learnt.parquet", rows(300, FirstRowsTest::longTitle));

        // title: no dictionary tried, so its footer is no evidence; submitted_at and the tags: tried, given up
        assertThat(writer.columnsWithoutDictionary())
                .containsExactlyInAnyOrder("key", "submitted_at", "tags.list.element");
    }

    @Test
    void aColumnOfShortValuesDistinctInTheFirstRowsStillTriesItsDictionaryAndKeepsItWhenItPays() throws IOException {
        // 500 short customer names in turn: the first rows cannot tell them from millions, a dictionary pays
        List<Row> rows = rows(5_000, n -> "customer-" + n % 500);

        ParquetRowWriter writer = written("in-turn.parquet", rows);

        assertThat(dictionaryColumns(ParquetFiles.footer(root.resolve("in-turn.parquet"))))
                .contains("title");
        assertThat(writer.columnsWithoutDictionary()).doesNotContain("title");
        assertReadBack("in-turn.parquet", rows);
    }

    private ParquetRowWriter written(String key, List<Row> rows) throws IOException {
        ParquetRowWriter writer = opened(key);
        for (Row row : rows) {
            writer.write(row, Features.EMPTY);
        }
        writer.finish();
        writer.upload();
        return writer;
    }

    /** A title of more than {@link FirstRows#MIN_AVERAGE_BYTES} bytes, unique to {@code n}. */
    private static String longTitle(int n) {
        return "A support issue with a long, unique title, number " + n;
    }

    private ParquetRowWriter opened(String key) throws IOException {
        ObjectOutput output = store.create(key);
        return ParquetRowWriter.open(
                output, DatasetColumns.forFeatures(FEATURES), ParquetSettings.defaults(), Map.of(), Set.of("key"));
    }

    private static List<Row> rows(int count, IntFunction<String> title) {
        return IntStream.range(0, count)
                .mapToObj(n -> row(n, title.apply(n), new BigDecimal(n % 3 + ".50")))
                .toList();
    }

    private static Row row(int n, String title, BigDecimal amount) {
        List<Object> values = new ArrayList<>();
        values.add(title);
        values.add(PRIORITIES.get(n % PRIORITIES.size()));
        values.add(List.of("tag-" + n));
        values.add(amount);
        return new Row(
                "ISSUE-" + n,
                new Features(FEATURES, values),
                null,
                1_000L + n,
                null,
                JoinStatus.TIMED_OUT,
                0,
                List.of());
    }

    private void assertReadBack(String key, List<Row> rows) throws IOException {
        List<GenericRecord> records = ParquetFiles.records(root.resolve(key));
        assertThat(records)
                .extracting(
                        r -> r.get("key").toString(),
                        r -> r.get("title").toString(),
                        r -> r.get("priority").toString())
                .containsExactlyElementsOf(rows.stream()
                        .map(r -> tuple(
                                r.key(),
                                r.features().values().get(0),
                                r.features().values().get(1)))
                        .toList());
        assertThat(records)
                .extracting(r -> r.get("amount"), r -> r.get("submitted_at"))
                .containsExactlyElementsOf(rows.stream()
                        .map(r -> tuple(r.features().values().get(3), Instant.ofEpochMilli(r.submittedAtMs())))
                        .toList());
    }

    private static List<String> dictionaryColumns(ParquetMetadata footer) {
        return columns(footer, true);
    }

    private static List<String> noDictionaryColumns(ParquetMetadata footer) {
        return columns(footer, false);
    }

    /** The file's columns with values whose first row group has (or has not) a dictionary page. */
    private static List<String> columns(ParquetMetadata footer, boolean withDictionary) {
        return footer.getBlocks().get(0).getColumns().stream()
                .filter(chunk -> !chunk.getStatistics().isEmpty()
                        && chunk.getValueCount() > chunk.getStatistics().getNumNulls())
                .filter(chunk -> chunk.getEncodingStats().hasDictionaryPages() == withDictionary)
                .map(chunk -> chunk.getPath().toDotString())
                .toList();
    }
}
