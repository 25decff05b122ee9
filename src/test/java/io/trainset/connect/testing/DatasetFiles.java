package io.trainset.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a dataset back the way an independent reader does: lists the {@code *.parquet} objects
 * under a prefix of a bucket, decodes the Hive path levels, and reads every row of every file (text
 * as {@code String}, a group column as a map of its children, as pyarrow's {@code to_pylist} does).
 */
public final class DatasetFiles {

    /** One row read back: the file it came from, its decoded path levels, and its columns. */
    public record ReadRow(String fileKey, Map<String, String> partitions, Map<String, Object> columns) {

        /** A column value, or a decoded path level when no column has that name. */
        public Object get(String name) {
            return columns.containsKey(name) ? columns.get(name) : partitions.get(name);
        }
    }

    /** One data file: its key, its Avro view of the Parquet schema, and its rows. */
    public record ReadFile(String key, Schema schema, List<ReadRow> rows) {}

    private DatasetFiles() {}

    /** Every data file under {@code prefix} in {@code bucket}, in key order. */
    public static List<ReadFile> read(S3Client s3, String bucket, String prefix) {
        List<ReadFile> files = new ArrayList<>();
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            if (object.key().endsWith(".parquet")) {
                files.add(readObject(s3, bucket, object.key(), object.key().substring(prefix.length())));
            }
        }
        return files;
    }

    /** Every row under {@code prefix}. */
    public static List<ReadRow> rows(S3Client s3, String bucket, String prefix) {
        return read(s3, bucket, prefix).stream().flatMap(f -> f.rows().stream()).toList();
    }

    /** One data file of the bucket; {@code relativeKey} (its key below the dataset's prefix) gives its Hive path levels. */
    public static ReadFile readObject(S3Client s3, String bucket, String key, String relativeKey) {
        try {
            Path local = Files.createTempFile("trainset-read", ".parquet");
            try {
                s3.getObject(
                        b -> b.bucket(bucket).key(key),
                        ResponseTransformer.toOutputStream(Files.newOutputStream(local)));
                return readLocal(local, relativeKey);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one local Parquet file; {@code relativeKey} gives its Hive path levels. */
    public static ReadFile readLocal(Path file, String relativeKey) throws IOException {
        Map<String, String> partitions = partitionsOf(relativeKey);
        List<ReadRow> rows = new ArrayList<>();
        Schema schema = null;
        // Avro's model without logical-type conversions: timestamps as epoch millis, as with Avro 1.11 (Avro 1.12,
        // which Iceberg needs, makes parquet-avro convert them to Instant by default).
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(new GenericData())
                .build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                schema = record.getSchema();
                Map<String, Object> columns = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    columns.put(field.name(), plain(record.get(field.pos())));
                }
                rows.add(new ReadRow(relativeKey, partitions, columns));
            }
        }
        return new ReadFile(relativeKey, schema, rows);
    }

    /** Text as String, a group (nested record) as a map of its fields, lists element by element. */
    private static Object plain(Object value) {
        if (value instanceof Utf8 utf8) {
            return utf8.toString();
        }
        if (value instanceof GenericRecord group) {
            Map<String, Object> fields = new LinkedHashMap<>();
            group.getSchema().getFields().forEach(f -> fields.put(f.name(), plain(group.get(f.pos()))));
            return fields;
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            list.forEach(element -> elements.add(plain(element)));
            return elements;
        }
        return value;
    }

    /**
     * The rows of all files as one table, the way pyarrow ({@code unify_schemas}), DuckDB
     * ({@code union_by_name}) and Spark ({@code mergeSchema}) read them: the union of the files'
     * columns by name, null where a file lacks a column, path levels decoded as columns. Fails, as
     * those readers do, when two files disagree on a column's type or a column is both a path level
     * and a column in a file.
     */
    public static List<Map<String, Object>> unionByName(List<ReadFile> files) {
        Map<String, Schema> union = new LinkedHashMap<>();
        for (ReadFile file : files) {
            for (Schema.Field field : file.schema().getFields()) {
                Schema known = union.putIfAbsent(field.name(), field.schema());
                if (known != null && !known.equals(field.schema())) {
                    throw new IllegalStateException("column '" + field.name() + "' is " + known + " in one file and "
                            + field.schema() + " in " + file.key());
                }
            }
            Map<String, String> levels = partitionsOf(file.key());
            levels.keySet().stream().filter(union::containsKey).findFirst().ifPresent(name -> {
                throw new IllegalStateException("'" + name + "' is both a path level and a column of " + file.key());
            });
        }
        List<Map<String, Object>> table = new ArrayList<>();
        for (ReadFile file : files) {
            for (ReadRow row : file.rows()) {
                Map<String, Object> values = new LinkedHashMap<>();
                union.keySet().forEach(name -> values.put(name, row.columns().get(name)));
                values.putAll(row.partitions());
                table.add(values);
            }
        }
        return table;
    }

    /** The Hive path levels of a key, decoded as Hive/Spark/pyarrow do; the null marker becomes null. */
    public static Map<String, String> partitionsOf(String relativeKey) {
        Map<String, String> partitions = new LinkedHashMap<>();
        String[] segments = relativeKey.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            int eq = segments[i].indexOf('=');
            if (eq > 0) {
                String raw = segments[i].substring(eq + 1);
                partitions.put(
                        segments[i].substring(0, eq),
                        "__HIVE_DEFAULT_PARTITION__".equals(raw)
                                ? null
                                : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return partitions;
    }
}
