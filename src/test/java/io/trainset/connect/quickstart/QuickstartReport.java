package io.trainset.connect.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.quickstart.Quickstart.Outgoing;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3ProxyServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.stream.Collectors;

/** What the quickstart prints: short, readable steps and the summary of the dataset. */
final class QuickstartReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = System.out;
    private static final String SECRET = "s3.secret.access.key";
    private static final String NULL_LABEL = "__HIVE_DEFAULT_PARTITION__";

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

    /** The REST body, pretty-printed, with the secret masked. */
    static void config(String json, Collection<String> overridden) throws JsonProcessingException {
        ObjectNode config = (ObjectNode) JSON.readTree(json);
        config.put(SECRET, "********");
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config).lines().forEach(l -> OUT.println("   " + l));
        line("(config/support-routing.json with %s changed for this local run)",
                overridden.stream().sorted().collect(Collectors.joining(", ")));
    }

    /** One line per day of event time: what reached Kafka that day. */
    static void replayed(List<Outgoing> events, double elapsedSeconds) {
        Map<String, int[]> byDay = new TreeMap<>();
        for (Outgoing e : events) {
            int[] counts = byDay.computeIfAbsent(time(e.arrivalMs()).substring(0, 10), d -> new int[3]);
            counts[Quickstart.ISSUES.equals(e.record().topic()) ? 0 : 1]++;
            counts[2] += e.early() ? 1 : 0;
        }
        byDay.forEach((day, c) -> line("%s  %4d issues  %4d resolutions (%d of them before their issue)",
                day, c[0], c[1], c[2]));
        line("%d records produced and read by the connector (%.1f s)", events.size(), elapsedSeconds);
    }

    static void progressStart(String what) {
        OUT.print("   " + what + ": ");
        OUT.flush();
    }

    static void progress(long count) {
        OUT.print(count + " ");
        OUT.flush();
    }

    static void progressEnd(double elapsedSeconds) {
        OUT.printf(Locale.ROOT, "(%.1f s)%n", elapsedSeconds);
    }

    /** Where the dataset is, its files, rows per label, a sample row per status, and how to read it. */
    static void dataset(S3ProxyServer s3, List<ReadFile> files, Path directory) throws JsonProcessingException {
        step("The dataset");
        line("s3://%s/%s  (endpoint %s while the quickstart runs)", Quickstart.BUCKET, Quickstart.PREFIX,
                s3.endpoint());
        line("on disk: %s", directory);
        long bytes = files.stream().mapToLong(f -> size(directory.resolve(f.key()))).sum();
        line("%d Parquet files, %.1f KB:", files.size(), bytes / 1024.0);
        for (ReadFile f : files) {
            line("  %-62s %7.1f KB %5d rows", f.key(), size(directory.resolve(f.key())) / 1024.0, f.rows().size());
        }
        labels(files);
        samples(files);
        howToRead(directory);
    }

    private static void labels(List<ReadFile> files) {
        Map<String, Long> perLabel = files.stream().flatMap(f -> f.rows().stream()).collect(Collectors.groupingBy(
                r -> r.get("label") == null ? NULL_LABEL : (String) r.get("label"), TreeMap::new, Collectors.counting()));
        line("rows per label (%d in all):", perLabel.values().stream().mapToLong(Long::longValue).sum());
        perLabel.forEach((label, n) -> line("  label=%-28s %5d%s", label, n,
                NULL_LABEL.equals(label) ? "   timed out: no resolution within join.timeout.ms (label null)" : ""));
    }

    private static void samples(List<ReadFile> files) throws JsonProcessingException {
        line("one row per join_status:");
        Map<Object, ReadRow> byStatus = new TreeMap<>();
        files.stream().flatMap(f -> f.rows().stream()).forEach(r -> byStatus.putIfAbsent(r.get("join_status"), r));
        for (ReadRow row : byStatus.values()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("label", row.get("label"));
            row.columns().forEach((name, value) -> shown.put(name, name.endsWith("_at") && value instanceof Long ms
                    ? time(ms) : value));
            line("  %s", JSON.writeValueAsString(shown));
        }
    }

    private static void howToRead(Path directory) {
        step("Read it (label is the Hive path level; __HIVE_DEFAULT_PARTITION__ reads as null)");
        line("pandas:  python3 -c \"import pandas as pd; df = pd.read_parquet('%s'); "
                + "print(df.label.value_counts(dropna=False))\"", directory);
        line("DuckDB:  duckdb -c \"SELECT label, join_status, count(*) AS n FROM read_parquet('%s/*/*.parquet', "
                + "hive_partitioning = true) GROUP BY ALL ORDER BY ALL\"", directory);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
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
        System.err.println("Re-run with -Dtrainset.log.level=INFO -Dtrainset.log.thirdparty=WARN for the logs;"
                + " stack trace:");
        e.printStackTrace();
    }
}
