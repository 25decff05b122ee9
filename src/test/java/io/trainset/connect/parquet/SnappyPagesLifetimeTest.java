package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written side by side on several threads, their Snappy arrays passed between them through the shared pool
 * (1 KiB pages, several row groups, dictionary pages and a dictionary given up), are byte for byte the files
 * parquet-java's own Snappy codec writes, and every value reads back, while another thread overwrites the pool's
 * arrays it takes; a file aborted beside them changes none.
 */
class SnappyPagesLifetimeTest {

    private static final List<Column> FEATURES = List.of(
            new Column("category", ColumnType.STRING), // a dictionary, its page kept to the end of the chunk
            new Column("unique", ColumnType.STRING), // a dictionary given up
            new Column("noise", ColumnType.STRING), // incompressible
            new Column("count", ColumnType.LONG),
            new Column("score", ColumnType.DOUBLE),
            new Column("tags", ColumnType.list(ColumnType.STRING)));
    private static final ParquetSettings SMALL = new ParquetSettings(CompressionCodecName.SNAPPY, 48 * 1024, 1024);
    private static final int THREADS = 4;
    private static final int FILES = 3;
    private static final int ROWS = 1500;

    @TempDir
    Path root;

    @Test
    void filesSideBySideOnSeveralThreadsAreParquetJavasOwnSnappyFiles() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        AtomicBoolean written = new AtomicBoolean();
        try {
            Future<?> churn = threads.submit(() -> scribbleOnPooledArrays(written));
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String prefix = "thread-" + t;
                long seed = 10 + t;
                runs.add(threads.submit(() -> {
                    writeSideBySide(store, prefix, seed);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            written.set(true);
            churn.get();
        } finally {
            written.set(true);
            threads.shutdown();
        }
        for (int t = 0; t < THREADS; t++) {
            for (int f = 0; f < FILES; f++) {
                assertSameFileAsParquetJavas(store, "thread-" + t + "/file-" + f, rows((10 + t) * 100 + f, f));
            }
            assertThat(root.resolve("thread-" + t + "/aborted.parquet")).doesNotExist();
        }
    }

    /**
     * Another task's use of the shared pool: takes arrays of the small size classes, overwrites them and gives them
     * back, so that an array a file gave back while it still read or returned it would corrupt that file.
     */
    private static Void scribbleOnPooledArrays(AtomicBoolean written) {
        Random random = new Random(3);
        while (!written.get()) {
            byte[] array = BufferPool.SHARED.take(ReusedBuffers.sizeClass(4096 + random.nextInt(60_000)));
            Arrays.fill(array, (byte) 0x33);
            BufferPool.SHARED.give(array);
            Thread.yield(); // a writer on a busy machine gets the core
        }
        return null;
    }

    /** {@link #FILES} files with their rows interleaved, and a file aborted while they are open. */
    private static void writeSideBySide(LocalObjectStore store, String prefix, long seed) throws Exception {
        List<List<Row>> data = new ArrayList<>();
        List<ParquetRowWriter> writers = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            data.add(rows(seed * 100 + f, f));
            writers.add(open(store, prefix + "/file-" + f + ".parquet"));
        }
        ParquetRowWriter aborted = open(store, prefix + "/aborted.parquet");
        for (int i = 0; i < data.get(FILES - 1).size(); i++) {
            for (int f = 0; f < FILES; f++) {
                if (i < data.get(f).size()) {
                    writers.get(f).write(data.get(f).get(i), Features.EMPTY);
                }
            }
            if (i < ROWS / 5) {
                aborted.write(data.get(0).get(i), Features.EMPTY);
            }
        }
        for (int f = 0; f < FILES; f++) {
            if (f == 1) {
                aborted.abort();
            }
            writers.get(f).finish();
            writers.get(f).upload();
        }
    }

    private void assertSameFileAsParquetJavas(LocalObjectStore store, String name, List<Row> rows) throws Exception {
        Path ours = root.resolve(name + ".parquet");
        Path reference = root.resolve(name + "-reference.parquet");
        writeWithParquetJavasCodec(store, name + "-reference.parquet", rows);

        assertThat(Arrays.mismatch(Files.readAllBytes(ours), Files.readAllBytes(reference)))
                .as("first byte of %s that differs from parquet-java's file", ours)
                .isEqualTo(-1);
        List<GenericRecord> read = ParquetFiles.records(ours);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i).get("key")).hasToString(rows.get(i).key());
            for (int c = 0; c < FEATURES.size(); c++) {
                assertThat(readable(read.get(i).get(FEATURES.get(c).name())))
                        .as("%s of row %d of %s", FEATURES.get(c).name(), i, ours)
                        .isEqualTo(rows.get(i).features().values().get(c));
            }
        }
        ParquetMetadata footer = ParquetFiles.footer(ours);
        assertThat(footer.getBlocks()).as("row groups of %s", ours).hasSizeGreaterThan(3);
        assertThat(footer.getBlocks().get(0).getColumns())
                .filteredOn(chunk -> chunk.getEncodingStats().hasDictionaryPages())
                .as("column chunks with a dictionary")
                .isNotEmpty();
        for (BlockMetaData block : footer.getBlocks()) {
            assertThat(block.getColumns())
                    .extracting(ColumnChunkMetaData::getCodec)
                    .containsOnly(CompressionCodecName.SNAPPY);
        }
    }

    private static Object readable(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    /** Rows of a file: the {@code index}-th file of a thread has {@code index * 37} more. */
    private static List<Row> rows(long seed, int index) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS + index * 37; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            String key = "k" + seed + "-" + i;
            List<Object> values = List.of(
                    "category-" + random.nextInt(12),
                    key + "-" + random.nextLong(),
                    Base64.getEncoder().encodeToString(noise),
                    random.nextLong(),
                    random.nextDouble(),
                    List.of("t" + random.nextInt(5), "u" + random.nextInt(1000)));
            rows.add(new Row(
                    key,
                    new Features(FEATURES, values),
                    "l" + random.nextInt(3),
                    1_000L + i,
                    null,
                    JoinStatus.TIMED_OUT,
                    0,
                    List.of()));
        }
        return rows;
    }

    private static ParquetRowWriter open(LocalObjectStore store, String name) throws Exception {
        return ParquetRowWriter.open(
                store.create(name), DatasetColumns.forFeatures(FEATURES), SMALL, Map.of(), Set.of());
    }

    /** The reference: parquet-java's own Snappy codec and a plain heap allocator. */
    private static void writeWithParquetJavasCodec(LocalObjectStore store, String name, List<Row> rows)
            throws Exception {
        List<Column> columns = DatasetColumns.forFeatures(FEATURES);
        RowWriteSupport support = RowWriteSupport.forColumns(columns);
        ObjectOutput output = store.create(name);
        CodecFactory codecs = new CodecFactory(ParquetWriters.listConf(), SMALL.pageBytes());
        try (ParquetWriter<Row> writer = ParquetWriters.configure(
                        ParquetWriters.rows(new ParquetOutputFile(output, name), support),
                        SMALL,
                        Map.of(),
                        Set.of(),
                        new ReusedBuffers(new BufferPool(0)))
                .withAllocator(new HeapByteBufferAllocator())
                .withCodecFactory(codecs)
                .build()) {
            for (Row row : rows) {
                support.nextExtras(Features.EMPTY);
                writer.write(row);
            }
        }
        output.commit();
        output.close();
    }
}
