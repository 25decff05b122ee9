package io.trainset.connect.dataset;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.HivePartitions;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.ParquetFiles;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Duration ROTATE = Duration.ofMinutes(10);
    private static final String TOKEN = "t0k3n";
    private static final int UNIT = 3;

    private static final List<Column> TICKET =
            List.of(new Column("title", ColumnType.STRING), new Column("priority", ColumnType.LONG));
    private static final List<Column> TICKET_WITH_PRODUCT = List.of(
            new Column("title", ColumnType.STRING),
            new Column("priority", ColumnType.LONG),
            new Column("product", ColumnType.STRING));

    @TempDir
    Path root;

    private LocalObjectStore store;
    private final TestClock clock = TestClock.atMillis(T0);
    private DatasetWriters writers;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    private DatasetWriter writer(int flushSize) {
        writers = DatasetWriters.in(store)
                .flushSize(flushSize)
                .rotateInterval(ROTATE)
                .clock(clock)
                .build();
        return writers.writer(UNIT, TOKEN);
    }

    /** The unit's commit: its files published where readers find them. */
    private PreparedCommit commit(DatasetWriter writer) {
        return writers.commit(writer, UNIT);
    }

    /** The files finished and uploaded to their staged keys, waiting for the unit's commit. */
    private List<String> staged() {
        return writers.staged(UNIT);
    }

    /** The {@code index}-th file of the writer's first commit. */
    private static String fileKey(String label, int index) {
        return new FileLayout(UNIT).fileKey(HivePartitions.level("label", label), Datasets.ALL, 1, index);
    }

    // ---- rows: the submitted event of ticket n is issues-0@n at T0+n, its resolution resolutions-0@n 1s later

    private static SourcePosition issue(long n) {
        return new SourcePosition(SUBMITTED_TOPIC, 0, n);
    }

    private static SourcePosition resolution(long n) {
        return new SourcePosition(RESOLVED_TOPIC, 0, n);
    }

    private static Row joined(int n, String label, List<Column> columns, Object... values) {
        return new Row(
                "ISSUE-" + n,
                new Features(columns, Arrays.asList(values)),
                label,
                T0 + n,
                T0 + n + 1_000,
                JoinStatus.JOINED,
                1,
                List.of(issue(n), resolution(n)));
    }

    private static Row ticket(int n, String label) {
        return joined(n, label, TICKET, "Title " + n, (long) n);
    }

    private static Row timedOut(int n) {
        return new Row(
                "ISSUE-" + n,
                new Features(TICKET, List.of("Title " + n, (long) n)),
                null,
                T0 + n,
                null,
                JoinStatus.TIMED_OUT,
                0,
                List.of(issue(n)));
    }

    /** The columns a joined {@link #ticket} reads back as. */
    private static Map<String, Object> ticketColumns(int n) {
        return columns("ISSUE-" + n, "Title " + n, (long) n, T0 + n, T0 + n + 1_000, 1_000L, "joined", 1);
    }

    /** A file's column names in file order: the key, {@code data} (features, resolved, extras), the fixed columns. */
    private static List<String> fileColumns(String... data) {
        return Stream.of(
                        Stream.of("key"),
                        Stream.of(data),
                        Stream.of("submitted_at", "resolved_at", "resolution_ms", "join_status", "resolution_count"))
                .flatMap(names -> names)
                .toList();
    }

    private static Map<String, Object> columns(String key, Object... rest) {
        List<String> names = fileColumns("title", "priority");
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("key", key);
        for (int i = 0; i < rest.length; i++) {
            columns.put(names.get(i + 1), rest[i]);
        }
        columns.put("split", Datasets.ALL); // not a path level in this layout, so a column
        columns.put(
                "label_deadline", (Long) columns.get("submitted_at") + DatasetShape.DEFAULT_LABEL_WINDOW.toMillis());
        return columns;
    }

    private ReadFile read(String key) throws IOException {
        return DatasetFiles.readLocal(root.resolve(key), key);
    }

    private List<Map<String, Object>> rowsOf(String key) throws IOException {
        return read(key).rows().stream().map(DatasetFiles.ReadRow::columns).toList();
    }

    private List<Path> filesOnDisk() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void columnsWhoseDictionaryDidNotPayAreWrittenWithoutOneInLaterFiles() throws IOException {
        DatasetWriter writer = writer(150);
        for (int n = 0; n < 300; n++) { // file 0: unique titles; file 1: one title repeated
            writer.write(joined(n, "billing", TICKET, n < 150 ? "Unique title " + n : "Same title", 1L));
        }
        commit(writer);

        ParquetMetadata first = ParquetFiles.footer(root.resolve(fileKey("billing", 0)));
        ParquetMetadata second = ParquetFiles.footer(root.resolve(fileKey("billing", 1)));
        assertThat(hasDictionary(first, "title")).isFalse(); // Parquet gave up on it
        assertThat(hasDictionary(second, "title")).isFalse(); // so the next file does not try
        assertThat(hasDictionary(first, "key")).isFalse(); // never tried: keys are unique
        for (String time : List.of("submitted_at", "resolved_at", "resolution_ms", "label_deadline")) {
            assertThat(hasDictionary(first, time)).as(time).isFalse(); // never tried: times in ms, from the first file
        }
        assertThat(hasDictionary(second, "priority")).isTrue(); // repeated values keep theirs
        assertThat(hasDictionary(second, "join_status")).isTrue();
        assertThat(read(fileKey("billing", 1)).rows())
                .hasSize(150)
                .allSatisfy(row -> assertThat(row.columns()).containsEntry("title", "Same title"));
    }

    @Test
    void aColumnOneUnitsFinishedFileGaveUpTheDictionaryOnIsWrittenWithoutOneInEveryUnitsNextFiles() throws IOException {
        DatasetWriter unitA = writer(150);
        int otherUnit = UNIT + 1;
        DatasetWriter unitB = writers.writer(otherUnit, "0th3r");
        unitB.write(joined(1_000, "billing", TICKET, "Same title", 1L)); // opened before anything was learnt
        for (int n = 0; n < 150; n++) { // unit A's file: unique titles, finished at the flush size
            unitA.write(joined(n, "billing", TICKET, "Unique title " + n, 1L));
        }
        for (int n = 1_001; n < 1_150; n++) { // unit B's files: one title repeated, which a dictionary would suit
            unitB.write(joined(n, n % 2 == 0 ? "billing" : "bug", TICKET, "Same title", 1L));
        }
        commit(unitA);
        writers.commit(unitB, otherUnit);

        FileLayout layoutB = new FileLayout(otherUnit);
        String openedBefore = layoutB.fileKey(HivePartitions.level("label", "billing"), Datasets.ALL, 1, 0);
        String openedAfter = layoutB.fileKey(HivePartitions.level("label", "bug"), Datasets.ALL, 1, 1);
        assertThat(hasDictionary(ParquetFiles.footer(root.resolve(fileKey("billing", 0))), "title"))
                .isFalse(); // Parquet gave up on it in unit A's file
        assertThat(hasDictionary(ParquetFiles.footer(root.resolve(openedBefore)), "title"))
                .isTrue(); // chosen when it opened
        ParquetMetadata next = ParquetFiles.footer(root.resolve(openedAfter));
        assertThat(hasDictionary(next, "title")).isFalse(); // unit A's file decided for unit B's next file
        assertThat(hasDictionary(next, "priority")).isTrue();
        assertThat(read(openedAfter).rows())
                .hasSize(75)
                .allSatisfy(row -> assertThat(row.columns()).containsEntry("title", "Same title"));
    }

    private static boolean hasDictionary(ParquetMetadata footer, String column) {
        return footer.getBlocks().get(0).getColumns().stream()
                .filter(chunk -> chunk.getPath().toDotString().equals(column))
                .findFirst()
                .orElseThrow()
                .getEncodingStats()
                .hasDictionaryPages();
    }

    @Test
    void flushSizeFinishesExactlyThatManyRowsPerFile() throws IOException {
        DatasetWriter writer = writer(2);

        for (int n = 0; n < 5; n++) {
            writer.write(ticket(n, "billing"));
        }

        assertThat(staged()).containsExactly(fileKey("billing", 0), fileKey("billing", 1));
        assertThat(fileKey("billing", 0)).isEqualTo("label=billing/train-0003-00000001-0.parquet");
        assertThat(writer.openRows()).isEqualTo(1);
        assertThat(commit(writer).files())
                .extracting(StagedFile::key, StagedFile::rows)
                .containsExactly(
                        tuple(fileKey("billing", 0), 2L),
                        tuple(fileKey("billing", 1), 2L),
                        tuple(fileKey("billing", 2), 1L));
        assertThat(store.list("")).containsExactly(fileKey("billing", 0), fileKey("billing", 1), fileKey("billing", 2));
        assertThat(rowsOf(fileKey("billing", 0))).containsExactly(ticketColumns(0), ticketColumns(1));
        assertThat(rowsOf(fileKey("billing", 1))).containsExactly(ticketColumns(2), ticketColumns(3));
        assertThat(rowsOf(fileKey("billing", 2))).containsExactly(ticketColumns(4));
    }

    @Test
    void eachLabelHasItsOwnFile() throws IOException {
        DatasetWriter writer = writer(2);

        writer.write(ticket(0, "billing"));
        writer.write(ticket(1, "technical"));
        writer.write(ticket(2, "billing"));

        assertThat(staged()).containsExactly(fileKey("billing", 0));
        assertThat(writer.openRows()).isEqualTo(1);
        commit(writer);
        assertThat(rowsOf(fileKey("billing", 0))).containsExactly(ticketColumns(0), ticketColumns(2));
        assertThat(read(fileKey("billing", 0)).rows())
                .allSatisfy(row -> assertThat(row.partitions()).containsExactly(Map.entry("label", "billing")));
        assertThat(rowsOf(fileKey("technical", 1))).containsExactly(ticketColumns(1));
    }

    @Test
    void filesRotateAfterTheIntervalAndNotBefore() throws IOException {
        DatasetWriter writer = writer(100);
        writer.write(ticket(0, "billing"));
        clock.advance(Duration.ofMinutes(5));
        writer.write(ticket(1, "technical"));

        clock.setMillis(T0 + ROTATE.toMillis() - 1);
        writer.rotateDue();
        assertThat(staged()).isEmpty();
        assertThat(writer.finishedFileCount()).isZero();

        clock.advanceMillis(1);
        writer.rotateDue();
        assertThat(staged()).containsExactly(fileKey("billing", 0));
        assertThat(writer.openRows()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        writer.rotateDue();
        assertThat(staged()).hasSize(1);

        clock.advanceMillis(1);
        writer.rotateDue();
        assertThat(staged()).containsExactly(fileKey("billing", 0), fileKey("technical", 1));
        assertThat(writer.openRows()).isZero();
        commit(writer);
        assertThat(rowsOf(fileKey("billing", 0))).containsExactly(ticketColumns(0));
        assertThat(rowsOf(fileKey("technical", 1))).containsExactly(ticketColumns(1));
    }

    @Test
    void aRowWithANewColumnRollsTheFileAndTheNextFileHoldsTheUnion() throws IOException {
        DatasetWriter writer = writer(100);
        writer.write(ticket(0, "billing"));

        writer.write(joined(1, "billing", TICKET_WITH_PRODUCT, "Title 1", 1L, "web"));
        assertThat(staged()).containsExactly(fileKey("billing", 0));

        writer.write(ticket(2, "billing"));
        clock.advance(ROTATE);
        writer.rotateDue();

        assertThat(staged()).containsExactly(fileKey("billing", 0), fileKey("billing", 1));
        assertThat(commit(writer).files())
                .extracting(StagedFile::key, StagedFile::rows)
                .containsExactly(tuple(fileKey("billing", 0), 1L), tuple(fileKey("billing", 1), 2L));
        ReadFile first = read(fileKey("billing", 0));
        ReadFile second = read(fileKey("billing", 1));
        assertThat(fieldNames(first.schema()))
                .containsExactlyElementsOf(fileColumns("title", "priority", "split", "label_deadline"));
        assertThat(fieldNames(second.schema()))
                .containsExactlyElementsOf(fileColumns("title", "priority", "split", "label_deadline", "product"));
        assertThat(first.rows())
                .singleElement()
                .satisfies(row -> assertThat(row.columns()).isEqualTo(ticketColumns(0)));
        assertThat(second.rows())
                .extracting(row -> row.columns().get("product"))
                .containsExactly("web", null);
        assertThat(second.rows()).extracting(row -> row.columns().get("title")).containsExactly("Title 1", "Title 2");
        assertThat(second.rows()).extracting(row -> row.columns().get("key")).containsExactly("ISSUE-1", "ISSUE-2");
    }

    @Test
    void aColumnChangingTypeStartsAFileWhereItHasTheNewType() throws IOException {
        DatasetWriter writer = writer(100);
        List<Column> textPriority = List.of(new Column("priority", ColumnType.STRING));
        writer.write(ticket(0, "billing"));

        writer.write(joined(1, "billing", textPriority, "high"));
        clock.advance(ROTATE);
        writer.rotateDue();

        assertThat(staged()).containsExactly(fileKey("billing", 0), fileKey("billing", 1));
        commit(writer);
        ReadFile second = read(fileKey("billing", 1));
        assertThat(fieldNames(second.schema()))
                .containsExactlyElementsOf(fileColumns("title", "priority", "split", "label_deadline"));
        assertThat(second.schema()
                        .getField("priority")
                        .schema()
                        .getTypes()
                        .get(1)
                        .getType())
                .isEqualTo(Schema.Type.STRING);
        assertThat(second.rows())
                .singleElement()
                .satisfies(row -> assertThat(row.columns().get("priority")).isEqualTo("high"));
    }

    @Test
    void aFilesFirstRowsHeldBeforeItsWriterOpensCountInTheBudgetAndFinishWithTheFile() throws IOException {
        OpenFileBudget budget = new OpenFileBudget(10, 1_000);
        writers = DatasetWriters.in(store)
                .flushSize(100)
                .rotateInterval(ROTATE)
                .clock(clock)
                .budget(budget)
                .build();
        DatasetWriter writer = writers.writer(UNIT, TOKEN);

        writer.write(ticket(0, "billing"));
        long oneRow = budget.bufferedBytes();
        int rows = 1;
        while (staged().isEmpty()) {
            writer.write(ticket(rows++, "billing"));
        }

        assertThat(oneRow).as("the held row's values").isPositive();
        assertThat(rows)
                .as("finished early once the held rows passed 1,000 bytes")
                .isLessThan(100);
        assertThat(budget.bufferedBytes()).isZero();
        commit(writer);
        assertThat(rowsOf(fileKey("billing", 0)))
                .containsExactlyElementsOf(IntStream.range(0, rows)
                        .mapToObj(DatasetWriterTest::ticketColumns)
                        .toList());
    }

    @Test
    void closeDiscardsOpenFilesWithoutACommit() {
        DatasetWriter writer = writer(100);
        writer.write(ticket(0, "billing"));
        writer.write(ticket(1, "technical"));
        writer.write(timedOut(2));

        writer.close();

        assertThat(staged()).isEmpty();
        assertThat(writer.openRows()).isZero();
        assertThat(filesOnDisk()).isEmpty();
    }

    @Test
    void aTimedOutRowHasNoLabelNoResolutionAndTheNullPartition() throws IOException {
        DatasetWriter writer = writer(1);

        writer.write(timedOut(7));

        String key = "label=__HIVE_DEFAULT_PARTITION__/train-0003-00000001-0.parquet";
        assertThat(staged()).containsExactly(key);
        commit(writer);
        assertThat(read(key).rows()).singleElement().satisfies(row -> {
            assertThat(row.columns()).isEqualTo(columns("ISSUE-7", "Title 7", 7L, T0 + 7, null, null, "timed_out", 0));
            assertThat(row.partitions()).containsOnlyKeys("label").containsEntry("label", null);
        });
    }

    @Test
    void everyColumnTypeIsReadBackExactly() throws IOException {
        List<Column> all = List.of(
                new Column("flag", ColumnType.BOOLEAN),
                new Column("count", ColumnType.INT),
                new Column("views", ColumnType.LONG),
                new Column("ratio", ColumnType.FLOAT),
                new Column("score", ColumnType.DOUBLE),
                new Column("title", ColumnType.STRING),
                new Column("blob", ColumnType.BYTES),
                new Column("opened_at", ColumnType.TIMESTAMP_MILLIS),
                new Column("due", ColumnType.DATE),
                new Column("amount", ColumnType.decimal(10, 2)),
                new Column("tags", ColumnType.list(ColumnType.STRING)));
        DatasetWriter writer = writer(1);

        writer.write(joined(
                0,
                "billing",
                all,
                true,
                7,
                10_000_000_000L,
                0.5f,
                0.75,
                "Charged twice",
                ByteBuffer.wrap(new byte[] {1, 2, 3}),
                T0 - 5,
                20_000,
                new BigDecimal("12.34"),
                List.of("a", "b")));
        commit(writer);

        ReadFile file = read(fileKey("billing", 0));
        Map<String, Object> row = file.rows().get(0).columns();
        assertThat(row)
                .containsEntry("flag", true)
                .containsEntry("count", 7)
                .containsEntry("views", 10_000_000_000L)
                .containsEntry("ratio", 0.5f)
                .containsEntry("score", 0.75)
                .containsEntry("title", "Charged twice")
                .containsEntry("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .containsEntry("opened_at", T0 - 5)
                .containsEntry("due", 20_000);
        Schema amount = file.schema().getField("amount").schema().getTypes().get(1);
        assertThat(amount.getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        assertThat(new Conversions.DecimalConversion()
                        .fromBytes((ByteBuffer) row.get("amount"), amount, amount.getLogicalType()))
                .isEqualTo(new BigDecimal("12.34"));
        assertThat(row.get("tags")).asList().map(String::valueOf).containsExactly("a", "b");
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
