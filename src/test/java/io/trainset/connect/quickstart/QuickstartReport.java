package io.trainset.connect.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.quickstart.QuickstartEvents.Outgoing;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What the quickstart prints: short steps, then where the dataset is, what it holds and how to read it. */
final class QuickstartReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = System.out;

    private QuickstartReport() {}

    static void step(String title) {
        OUT.println();
        OUT.println("== " + title);
    }

    static void line(String format, Object... args) {
        OUT.println("   " + String.format(Locale.ROOT, format, args));
    }

    static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Runs {@code action} with System.out muted (Kafka's storage formatter prints to it). */
    static <T> T withoutStdout(Supplier<T> action) {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(OUT);
        }
    }

    /** The REST body, pretty-printed, with the secret masked. */
    static void config(String json, Collection<String> overridden) throws JsonProcessingException {
        ObjectNode config = (ObjectNode) JSON.readTree(json);
        config.put("s3.secret.access.key", "********");
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config).lines().forEach(l -> OUT.println("   " + l));
        line(
                "(config/support-routing.json, with these changed for the local run: %s)",
                overridden.stream().sorted().collect(Collectors.joining(", ")));
    }

    /** One line per day of event time: what reached Kafka that day. */
    static void produced(List<Outgoing> events, double elapsedSeconds) {
        Map<String, int[]> byDay = new TreeMap<>();
        for (Outgoing e : events) {
            int[] counts = byDay.computeIfAbsent(time(e.arrivalMs()).substring(0, 10), d -> new int[3]);
            counts[Quickstart.ISSUES.equals(e.record().topic()) ? 0 : 1]++;
            counts[2] += e.early() ? 1 : 0;
        }
        byDay.forEach((day, c) ->
                line("%s  %4d issues  %4d resolutions (%3d of them before their issue)", day, c[0], c[1], c[2]));
        line("%d records produced, keyed by issue id (%.1f s)", events.size(), elapsedSeconds);
    }

    /** Where the dataset is, its files, rows per label, a sample row per status, and how to read it. */
    static void dataset(URI endpoint, List<ReadFile> files) throws JsonProcessingException {
        Path dir = Quickstart.DATASET_DIR;
        step("The dataset: s3://" + Quickstart.BUCKET + "/" + Quickstart.PREFIX + " (endpoint " + endpoint
                + " while running)");
        line("on disk: %s", dir);
        line(
                "%d Parquet files, %.0f KB in all; the first of each split:",
                files.size(), files.stream().mapToLong(f -> size(dir, f)).sum() / 1024.0);
        Map<String, List<ReadFile>> byDirectory = files.stream()
                .collect(Collectors.groupingBy(
                        f -> f.key().substring(0, f.key().lastIndexOf('/')), TreeMap::new, Collectors.toList()));
        byDirectory
                .values()
                .forEach(inDir -> line(
                        "  %-72s %5.1f KB %4d rows",
                        inDir.get(0).key(),
                        size(dir, inDir.get(0)) / 1024.0,
                        inDir.get(0).rows().size()));
        labels(byDirectory);
        samples(files);
        step("Read it (split comes from the Hive path, label is a string column; null when timed out)");
        line(
                "pandas:  python3 -c \"import pyarrow.dataset as ds; df = ds.dataset('%s', partitioning='hive')"
                        + ".to_table().to_pandas(); print(df.groupby(['split', 'label'], dropna=False).size())\"",
                dir);
        line(
                "DuckDB:  duckdb -c \"SELECT split, label, count(*) AS n FROM read_parquet('%s/**/*.parquet', "
                        + "hive_partitioning = true, union_by_name = true) GROUP BY ALL ORDER BY ALL\"",
                dir);
        line(
                "The dataset card with loading snippets for pandas, DuckDB, Spark and Hugging Face: %s",
                dir.resolve("_trainset").resolve("README.md"));
    }

    /** A few lines of the machine-readable dataset card. */
    static void card(byte[] json) throws IOException {
        com.fasterxml.jackson.databind.JsonNode card = JSON.readTree(json);
        step("The dataset card: _trainset/dataset.json (kept current at every commit)");
        card.path("per_split")
                .fields()
                .forEachRemaining(e -> line(
                        "split %-10s %5d rows  ~%5d keys (estimate)  %4d timed out",
                        e.getKey(),
                        e.getValue().path("rows").asLong(),
                        e.getValue().path("keys").asLong(),
                        e.getValue().path("timed_out").asLong()));
        JsonNodeLag lag = new JsonNodeLag(card.path("resolution_lag_ms"));
        line(
                "resolution lag p50 %s, p90 %s, p99 %s; class imbalance in train %s; labels missing from train %s",
                lag.minutes("p50"),
                lag.minutes("p90"),
                lag.minutes("p99"),
                card.path("class_imbalance_ratio").asText(),
                card.path("labels_missing_from_train"));
    }

    /** Reads a lag in ms from the card and shows it in minutes. */
    private record JsonNodeLag(com.fasterxml.jackson.databind.JsonNode lags) {
        String minutes(String field) {
            return String.format(Locale.ROOT, "%.0f min", lags.path(field).asDouble() / 60_000);
        }
    }

    /** What a model learned from the dataset, next to the majority-class baseline. */
    static void model(String source, int trainRows, int testRows, double accuracy, String majority, double baseline) {
        step("A model trained on the dataset: multinomial naive Bayes on the words of title and description");
        line(
                "trained on split=train (%d labelled rows %s), tested on split=test (%d rows)",
                trainRows, source, testRows);
        line("naive Bayes accuracy on test:         %5.1f%%", 100 * accuracy);
        line("majority-class baseline ('%s'): %5.1f%%", majority, 100 * baseline);
    }

    private static void labels(Map<String, List<ReadFile>> byDirectory) {
        line("rows per split and label:");
        byDirectory.forEach((directory, inDir) -> {
            Map<String, Long> perLabel = inDir.stream()
                    .flatMap(f -> f.rows().stream())
                    .collect(Collectors.groupingBy(
                            r -> String.valueOf(r.get("label")), TreeMap::new, Collectors.counting()));
            perLabel.forEach((label, rows) -> line(
                    "  %-30s label %-12s %4d rows%s",
                    directory, label, rows, label.equals("null") ? "  (timed out: no resolution within 1 day)" : ""));
        });
    }

    private static void samples(List<ReadFile> files) throws JsonProcessingException {
        line("one row per join_status (label shown first):");
        Map<Object, ReadRow> byStatus = new TreeMap<>();
        files.forEach(f -> f.rows().forEach(r -> byStatus.putIfAbsent(r.get("join_status"), r)));
        for (ReadRow row : byStatus.values()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("label", row.get("label"));
            row.columns()
                    .forEach((name, value) ->
                            shown.put(name, name.endsWith("_at") && value instanceof Long ms ? time(ms) : value));
            line("  %s", JSON.writeValueAsString(shown));
        }
    }

    private static long size(Path dir, ReadFile file) {
        try {
            return Files.size(dir.resolve(file.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void failure(Throwable e) {
        System.err.println();
        System.err.println("QUICKSTART FAILED: " + e);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            System.err.println("  caused by: " + cause);
        }
        System.err.println("For the logs, re-run with -Dtrainset.log.level=INFO -Dtrainset.log.thirdparty=WARN."
                + " Stack trace:");
        e.printStackTrace();
    }
}
