package io.trainset.connect.bench;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.model.Event;
import io.trainset.connect.parquet.AvroRows;
import io.trainset.connect.parquet.ParquetRowWriter;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.record.EventExtractor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
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
 * Row → Parquet for the shipped configuration's rows (~1 KB of features): through an Avro record and
 * parquet-avro (the writer before perf-write), straight from the row (the key without a dictionary, as
 * {@link DatasetWriter} writes it), and the whole {@link DatasetWriter} (split, path, file per directory, rotation
 * every 10,000 rows), into a store that drops the bytes. The 65,536 rows are distinct issues: keys and
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
    private Schema schema;
    private ParquetRowWriter writer;
    private ParquetRowWriter rowWriter;
    private long rowsWritten;
    private DatasetWriter dataset;
    private int next;
    private long written;

    @Setup
    public void setUp() throws IOException {
        JsonConverter converter = BenchInputs.schemaless();
        EventExtractor extractor = BenchInputs.extractor();
        for (int i = 0; i < ROWS; i++) {
            Event issue = extractor.extract(BenchInputs.mapIssue(converter, i));
            rows[i] = new Row(issue.key(), (Features) issue.payload(), BenchTickets.department(i),
                    issue.timestampMs(), BenchTickets.resolvedAt(i), JoinStatus.JOINED, 1, List.of(issue.source()));
        }
        parquet = new ParquetSettings(CompressionCodecName.valueOf(codec), ParquetSettings.DEFAULT_ROW_GROUP_BYTES,
                ParquetSettings.DEFAULT_PAGE_BYTES);
        fileColumns = DatasetColumns.forFeatures(rows[0].features().columns());
        schema = AvroRows.schemaOf(fileColumns);
        writer = newWriter();
        rowWriter = newRowWriter();
        dataset = new DatasetWriter(WriterContext.of(store, parquet, DatasetShape.defaults(), 10_000,
                Duration.ofHours(1), Clock.systemUTC()), 0, "bench", file -> { });
    }

    @TearDown
    public void tearDown() {
        writer.abort();
        rowWriter.abort();
        dataset.close();
    }

    private ParquetRowWriter newWriter() throws IOException {
        return new ParquetRowWriter(store.create("bench.parquet"), schema, parquet, Map.of());
    }

    private ParquetRowWriter newRowWriter() throws IOException {
        return ParquetRowWriter.forRows(store.create("rows.parquet"), fileColumns, schema, parquet, Map.of(),
                Set.of(DatasetColumns.KEY));
    }

    private Row next() {
        next = (next + 1) & (ROWS - 1);
        return rows[next];
    }

    @Benchmark
    public void avroRecordToParquet() throws IOException {
        writer.write(AvroRows.recordOf(schema, next()));
        if (++written % ROWS_PER_FILE == 0) {
            writer.commit();
            writer = newWriter();
        }
    }

    @Benchmark
    public void rowToParquet() throws IOException {
        rowWriter.write(next(), Features.EMPTY);
        if (++rowsWritten % ROWS_PER_FILE == 0) {
            rowWriter.commit();
            rowWriter = newRowWriter();
        }
    }

    @Benchmark
    public void datasetWriterRow() {
        dataset.write(next());
    }
}
