package io.trainset.connect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Spark in local mode with iceberg-spark-runtime reading an Iceberg table through its catalog
 * ({@code tools/spark/IcebergSummary.java}, in the child JVM {@link DatasetReader#SPARK} runs, so Spark's
 * dependencies never meet Kafka's): the current snapshot's rows and an earlier snapshot's keys (time travel).
 */
public final class SparkIcebergReader {

    private SparkIcebergReader() {}

    /**
     * Spark's reading of {@code table} in the catalog of {@code catalogProperties}: the {@code columns} of every row,
     * and the keys at {@code snapshotId}; empty when Spark is not installed here (see {@link DatasetReader}).
     */
    public static Optional<Read> read(
            Path workDirectory,
            Map<String, String> catalogProperties,
            String table,
            long snapshotId,
            List<String> columns)
            throws IOException, InterruptedException {
        Properties properties = new Properties();
        catalogProperties.forEach((key, value) -> properties.setProperty("catalog." + key, value));
        properties.setProperty("table", table);
        properties.setProperty("snapshot-id", String.valueOf(snapshotId));
        properties.setProperty("columns", String.join(",", columns));
        Path file = Files.createTempFile(workDirectory, "spark-iceberg", ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "IcebergSummary's input");
        }
        return DatasetReader.SPARK
                .run("IcebergSummary.java", List.of(file.toAbsolutePath().toString()))
                .map(Read::new);
    }

    /** What Spark read. */
    public record Read(JsonNode json) {

        /** Which Spark and Iceberg read. */
        public String reader() {
            return json.path("reader").asText();
        }

        /** The columns as "name:type" in Spark's words. */
        public List<String> columns() {
            return strings("columns");
        }

        /** The rows Spark returned, duplicates included (the rows by key keep one of each). */
        public long rowCount() {
            return json.path("rowCount").asLong();
        }

        /** Each row's requested columns by key, as strings (null for null). */
        public Map<String, Map<String, String>> rows() {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            json.path("rows").properties().forEach(row -> {
                Map<String, String> columns = new TreeMap<>();
                row.getValue()
                        .properties()
                        .forEach(c -> columns.put(
                                c.getKey(),
                                c.getValue().isNull() ? null : c.getValue().asText()));
                rows.put(row.getKey(), columns);
            });
            return rows;
        }

        /** The keys of the earlier snapshot read with option("snapshot-id", ...), duplicates included. */
        public List<String> snapshotKeys() {
            return strings("snapshotKeys");
        }

        /** The keys of the earlier snapshot read with SQL's VERSION AS OF, duplicates included. */
        public List<String> versionAsOfKeys() {
            return strings("versionAsOfKeys");
        }

        private List<String> strings(String field) {
            List<String> strings = new ArrayList<>();
            json.path(field).forEach(k -> strings.add(k.asText()));
            return strings;
        }
    }
}
