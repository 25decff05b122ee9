package io.trainset.connect.bench;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.dataset.ParquetFormat;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.parquet.ParquetRowWriter;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.record.EventExtractor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Row → Parquet for the shipped configuration's rows (~1 KB of features): straight from the row (the key
 * without a dictionary, as {@link DatasetWriter} writes it), and the whole {@link DatasetWriter} (split, path,
 * file per directory, rotation every 10,000 rows), into a store that drops the bytes. (The Avro-record path
 * that perf-write replaced is gone from the code; docs/performance.md keeps its numbers.) The 65,536 rows are distinct issues: keys and
 * descriptions repeat only after that many rows, as unique values do in a stream (a small set of rows
 * repeated would let Parquet's dictionaries hold every description).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParquetRowBenchmark {

    /** Distinct issues, so keys and descriptions are as unique within a file as in a real stream. */
    private static final int ROWS = 1 << 16;

    private static final int ROWS_PER_FILE = 100_000;

    @Param({"SNAPPY", "ZSTD"})
    public String codec;

    private final Row[] rows = new Row[ROWS];
    private final NullObjectStore store = new NullObjectStore();
    private ParquetSettings parquet;
    private List<Column> fileColumns;
    private ParquetRowWriter rowWriter;
    private long rowsWritten;
    private DatasetWriter dataset;
    private int next;

    @Setup
    public void setUp() throws IOException {
        JsonConverter converter = BenchInputs.schemaless();
        EventExtractor extractor = BenchInputs.extractor();
        for (int i = 0; i < ROWS; i++) {
            Event issue = extractor.extract(BenchInputs.mapIssue(converter, i));
            rows[i] = new Row(
                    issue.key(),
                    (Features) issue.payload(),
                    BenchTickets.department(i),
                    issue.timestampMs(),
                    BenchTickets.resolvedAt(i),
                    JoinStatus.JOINED,
                    1,
                    List.of(issue.source()));
        }
        parquet = new ParquetSettings(
                CompressionCodecName.valueOf(codec),
                ParquetSettings.DEFAULT_ROW_GROUP_BYTES,
                ParquetSettings.DEFAULT_PAGE_BYTES);
        fileColumns = DatasetColumns.forFeatures(rows[0].features().columns());
        rowWriter = newRowWriter();
        dataset = new DatasetWriter(
                new WriterContext(
                        store,
                        new ParquetFormat(parquet),
                        DatasetShape.defaults(),
                        10_000,
                        Duration.ofHours(1),
                        Clock.systemUTC(),
                        OpenFileBudget.unbounded(),
                        Optional.empty()),
                0,
                "bench",
                1,
                (key, commit) -> key,
                Runnable::run);
    }

    @TearDown
    public void tearDown() {
        rowWriter.abort();
        dataset.close();
    }

    private ParquetRowWriter newRowWriter() throws IOException {
        return ParquetRowWriter.open(
                store.create("rows.parquet"), fileColumns, parquet, Map.of(), Set.of(DatasetColumns.KEY));
    }

    private Row next() {
        next = (next + 1) & (ROWS - 1);
        return rows[next];
    }

    @Benchmark
    public void rowToParquet() throws IOException {
        rowWriter.write(next(), Features.EMPTY);
        if (++rowsWritten % ROWS_PER_FILE == 0) {
            rowWriter.finish();
            rowWriter.upload();
            rowWriter = newRowWriter();
        }
    }

    @Benchmark
    public void datasetWriterRow() {
        dataset.write(next());
    }
}
