package io.trainset.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The hand-written pipeline's output ({@link HandWrittenPipeline}): Trainset's columns as an Avro schema written with
 * parquet-avro's {@link AvroParquetWriter} and {@link GenericRecord}s, the way most hand-written Java jobs write
 * Parquet, with parquet-java's defaults except snappy (Trainset's setting in the benchmark). One open file per split
 * under {@code split=<name>/}, as Trainset's default layout; a file is closed after {@link #ROWS_PER_FILE} rows. The
 * split is the simplest stable one: the key's {@code String.hashCode} modulo 10, 8 to train, 1 each to validation and
 * test (Trainset: SHA-256 of a seed and the key over the same 80/10/10 ratios). Not Trainset's parquet/ code: the
 * yardstick is independent of it.
 */
final class SplitFiles implements AutoCloseable {

    /**
     * Rows per file: Trainset's runs in the deployed benchmark (1 task, 4 join units, 3 splits, a commit every 10 s)
     * write a file per unit and split per commit: 36 files at 100,000 issues, about 60 at 500,000 (train files of
     * 20,000-40,000 rows, validation and test ones of 2,500-5,000; 8,000 rows on average). 10,000 rows per file gives
     * 50 files of about the same mean size at full size (10 at 100,000 issues).
     */
    static final int ROWS_PER_FILE = 10_000;

    static final Schema SCHEMA = schema();

    private final Path dir;
    private final Map<String, Open> open = new HashMap<>();
    private long files;
    private long rows;

    /** A split's open file and the rows in it. */
    private static final class Open {
        final ParquetWriter<GenericRecord> writer;
        int rows;

        Open(ParquetWriter<GenericRecord> writer) {
            this.writer = writer;
        }
    }

    SplitFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Trainset's file columns for the benchmark's connector, in its order (the key, the features, the label, the label
     * deadline, then the join's columns), of its types; every field nullable, as Trainset's.
     */
    private static Schema schema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("row")
                .namespace("io.trainset.bench")
                .fields()
                .optionalString("key")
                .optionalString("title")
                .optionalString("description")
                .optionalString("product")
                .optionalLong("priority")
                .optionalString("customer_tier")
                .optionalString("label")
                .name("label_deadline")
                .type()
                .optional()
                .type(timestamp)
                .name("submitted_at")
                .type()
                .optional()
                .type(timestamp)
                .name("resolved_at")
                .type()
                .optional()
                .type(timestamp)
                .optionalLong("resolution_ms")
                .optionalString("join_status")
                .optionalInt("resolution_count")
                .endRecord();
    }

    void write(GenericRecord row) {
        String split = split((String) row.get("key"));
        try {
            Open file = open.get(split);
            if (file == null) {
                file = new Open(writer(split));
                open.put(split, file);
            }
            file.writer.write(row);
            rows++;
            if (++file.rows == ROWS_PER_FILE) {
                open.remove(split).writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a row of " + split + " under " + dir + " failed", e);
        }
    }

    private static String split(String key) {
        int bucket = Math.floorMod(key.hashCode(), 10);
        return bucket < 8 ? "train" : bucket == 8 ? "validation" : "test";
    }

    private ParquetWriter<GenericRecord> writer(String split) throws IOException {
        Path file = dir.resolve("split=" + split).resolve(split + "-" + files++ + ".parquet");
        Files.createDirectories(file.getParent());
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withSchema(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build();
    }

    long files() {
        return files;
    }

    long rows() {
        return rows;
    }

    /** Closes the files still open: after it every row is in a finished file. */
    @Override
    public void close() {
        try {
            for (Open file : open.values()) {
                file.writer.close();
            }
            open.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the files under " + dir + " failed", e);
        }
    }
}
