package io.trainset.connect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Independent readers run on a dataset directory, each in a process of its own, each printing the same summary:
 * DuckDB ({@code @duckdb/node-api}) and Polars ({@code nodejs-polars}) from {@code tools/readers}
 * ({@code npm ci --prefix tools/readers} installs them), and Spark in local mode from {@code tools/spark} (a child JVM
 * with Spark's own classpath, which
 * {@code mvn -f tools/spark/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt} resolves from
 * Maven Central; {@link ToolClasspath} does it at first use when .ci/run did not), so Spark's dependencies never
 * meet Kafka's. An npm reader not installed here gives empty; with {@code TRAINSET_REQUIRE_READERS=1} (set by
 * .ci/run) it is an error instead.
 */
public enum DatasetReader {
    DUCKDB(Tools.READERS, Tools.READERS.resolve("node_modules").resolve("@duckdb"), 60),
    POLARS(Tools.READERS, Tools.READERS.resolve("node_modules").resolve("nodejs-polars"), 60),
    SPARK(Tools.SPARK, Tools.SPARK.resolve("target").resolve("classpath.txt"), 600);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "SUMMARY ";
    /** What Spark's launcher opens on Java 17 (JavaModuleOptions), as {@code spark-submit} passes them. */
    private static final List<String> SPARK_OPENS = Stream.of(
                    "java.lang",
                    "java.lang.invoke",
                    "java.lang.reflect",
                    "java.io",
                    "java.net",
                    "java.nio",
                    "java.util",
                    "java.util.concurrent",
                    "java.util.concurrent.atomic",
                    "sun.nio.ch",
                    "sun.nio.cs",
                    "sun.security.action",
                    "sun.util.calendar")
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
            .toList();

    private final Path directory;
    private final Path installed;
    private final long timeoutSeconds;

    DatasetReader(Path directory, Path installed, long timeoutSeconds) {
        this.directory = directory;
        this.installed = installed;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The reader's summary: {"counts": [[split, label, rows], ...], "columns": ["name:TYPE"], "files": n}, labels
     * as the reader returns them (a JSON string, or null).
     */
    public Optional<Summary> summary(Path datasetDirectory) throws IOException, InterruptedException {
        return summary(datasetDirectory, false);
    }

    /**
     * As above; with {@code labelDirectories} the reader is told to read the {@code label=} level as a string, as
     * docs/dataset.md says for {@code layout.partitions=split,label}.
     */
    public Optional<Summary> summary(Path datasetDirectory, boolean labelDirectories)
            throws IOException, InterruptedException {
        List<String> args =
                new ArrayList<>(List.of(datasetDirectory.toAbsolutePath().toString()));
        if (labelDirectories) {
            args.add("--label-directories");
        }
        return run(program(), args).map(Summary::new);
    }

    /**
     * Runs {@code program} (a script or single-file Java source in the reader's directory) with {@code args}, and
     * returns the JSON it printed after {@code SUMMARY }; empty when the reader is not installed here.
     */
    public Optional<JsonNode> run(String program, List<String> args) throws IOException, InterruptedException {
        if (this == SPARK) {
            ToolClasspath.ensure(directory);
        }
        if (!Files.exists(installed)) {
            if ("1".equals(System.getenv("TRAINSET_REQUIRE_READERS"))) {
                throw new IllegalStateException(name() + " is not installed for the reader check (" + installed
                        + " is missing): run .ci/run's set-up steps first");
            }
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(launcher());
        command.add(program);
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int at = output.indexOf(MARKER);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0 || at < 0) {
            throw new IllegalStateException(name() + " could not run " + program + " " + args + ": " + output);
        }
        int end = output.indexOf('\n', at);
        return Optional.of(JSON.readTree(output.substring(at + MARKER.length(), end < 0 ? output.length() : end)));
    }

    private String program() {
        return switch (this) {
            case DUCKDB -> "duckdb-summary.mjs";
            case POLARS -> "polars-summary.mjs";
            case SPARK -> "SparkSummary.java";
        };
    }

    private List<String> launcher() throws IOException {
        if (this != SPARK) {
            return List.of("node");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SPARK_OPENS);
        command.addAll(List.of("-Xmx1g", "-cp", Files.readString(installed).trim()));
        return command;
    }

    /** What a reader read. */
    public record Summary(JsonNode json) {

        /** Rows per split and label, as "split|label" with the label JSON-quoted (so "" and null stay apart). */
        public List<String> counts() {
            List<String> counts = new ArrayList<>();
            json.path("counts")
                    .forEach(c -> counts.add(c.get(0).asText() + "|" + c.get(1).toString() + "="
                            + c.get(2).asLong()));
            return counts.stream().sorted().toList();
        }

        /** The columns as "name:TYPE" in the reader's words. */
        public List<String> columns() {
            List<String> columns = new ArrayList<>();
            json.path("columns").forEach(c -> columns.add(c.asText()));
            return columns;
        }

        public int files() {
            return json.path("files").asInt();
        }

        @Override
        public String toString() {
            return Arrays.toString(counts().toArray());
        }
    }

    /** Where the readers are. */
    private static final class Tools {
        static final Path READERS = Path.of("tools", "readers");
        static final Path SPARK = Path.of("tools", "spark");
    }
}
