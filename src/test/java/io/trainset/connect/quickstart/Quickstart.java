package io.trainset.connect.quickstart;

import io.trainset.connect.it.ConnectClusterFixture;
import io.trainset.connect.quickstart.QuickstartEvents.Outgoing;
import io.trainset.connect.testing.ConnectMetrics;
import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Trainset in one command: {@code mvn -B -Pquickstart verify}. Starts Kafka, a Connect worker and an
 * S3-compatible server in this JVM, creates the shipped {@code config/support-routing.json} connector
 * through the REST API (pointed at the local bucket), replays 2.5 days of support issues and their
 * resolutions, and prints the labelled Parquet dataset it finds in {@code target/quickstart/s3}. With
 * {@code -Dquickstart.output=iceberg} (the first argument) the connector appends to an Iceberg table instead
 * ({@link QuickstartTable}); the same rows are checked and the same model is trained, from the table's rows.
 */
public final class Quickstart implements AutoCloseable {

    static final String CONNECTOR = "support-routing";
    static final String ISSUES = "support-issues";
    static final String RESOLUTIONS = "support-resolutions";
    static final String BUCKET = "datasets";
    static final String PREFIX = "support-routing";
    static final Path S3_DIR = Path.of("target", "quickstart", "s3").toAbsolutePath();
    static final Path DATASET_DIR = S3_DIR.resolve(BUCKET).resolve(PREFIX);
    private static final int PARTITIONS = 4;
    private static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    private static final Duration ROWS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WATCHDOG = Duration.ofMinutes(8);

    private final long startedNanos = System.nanoTime();
    private final boolean iceberg;
    private S3ProxyServer s3;
    private ConnectClusterFixture connect;
    private QuickstartTable table;

    private Quickstart(boolean iceberg) {
        this.iceberg = iceberg;
    }

    public static void main(String[] args) {
        System.setProperty("trainset.log.level", System.getProperty("trainset.log.level", "WARN"));
        System.setProperty("trainset.log.thirdparty", System.getProperty("trainset.log.thirdparty", "ERROR"));
        startWatchdog();
        int status = 0;
        try (Quickstart quickstart = new Quickstart(iceberg(args))) {
            quickstart.run();
        } catch (Throwable e) {
            status = 1;
            QuickstartReport.failure(e);
        }
        System.exit(status);
    }

    /** The output asked for: {@code hive} (the default) or {@code iceberg}; anything else is refused. */
    static boolean iceberg(String[] args) {
        String output = args.length > 0 ? args[0] : System.getProperty("quickstart.output", "hive");
        if (!output.equals("hive") && !output.equals("iceberg")) {
            throw new IllegalArgumentException("quickstart.output=" + output
                    + " is not an output of the quickstart: use -Dquickstart.output=hive (the default) or iceberg");
        }
        return output.equals("iceberg");
    }

    private void run() throws Exception {
        QuickstartReport.step("Starting an S3-compatible server, Kafka and a Connect worker (in this JVM)");
        startServers();
        QuickstartReport.step(
                "Creating the connector: PUT " + connect.restUrl() + "connectors/" + CONNECTOR + "/config");
        createConnector();

        List<Ticket> tickets = QuickstartEvents.tickets((System.currentTimeMillis() / DAY - 4) * DAY);
        QuickstartReport.step("Producing " + tickets.size() + " support issues and their resolutions"
                + " (2.5 days of event time; every 8th issue is never resolved)");
        List<Outgoing> events = QuickstartEvents.events(tickets);
        connect.sendAll(events.stream().map(Outgoing::record).toList());
        QuickstartReport.produced(events, elapsed());

        QuickstartReport.step("Producing nothing more: once the topics are quiet for join.idle.timeout.ms, every"
                + " window older than the clock closes,\n   so the never-resolved issues time out"
                + " (join.window.after.ms = 1 day of event time)");
        String what = "all " + tickets.size() + " rows";
        if (iceberg) {
            List<ReadRow> rows = awaitRows(what, tickets.size(), table::rows, List::size);
            verify(tickets, rows);
            connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(10));
            table.print(rows);
            QuickstartReport.card(awaitCard(tickets.size()));
            trainAndEvaluate(rows, "read through Iceberg from the table's current snapshot");
            table.printReaders();
            return;
        }
        List<ReadFile> files = awaitRows(what, tickets.size(), this::files, Quickstart::rowCount);
        List<ReadRow> rows = files.stream().flatMap(f -> f.rows().stream()).toList();
        verify(tickets, rows);
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(10));
        QuickstartReport.dataset(s3.endpoint(), files);
        QuickstartReport.card(awaitCard(tickets.size()));
        trainAndEvaluate(rows, "read back from the Parquet files");
    }

    private List<ReadFile> files() {
        return DatasetFiles.read(s3.s3Client(), BUCKET, PREFIX + "/");
    }

    private static long rowCount(List<ReadFile> files) {
        return files.stream().mapToLong(f -> f.rows().size()).sum();
    }

    /** The dataset card once it counts every row (it is refreshed after each commit). */
    private byte[] awaitCard(long rows) {
        Path card = DATASET_DIR.resolve("_trainset").resolve("dataset.json");
        return ConnectClusterFixture.await("the dataset card", Duration.ofSeconds(30), () -> {
            if (!Files.exists(card)) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(card);
            return new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(bytes)
                                    .path("rows")
                                    .asLong()
                            == rows
                    ? bytes
                    : null;
        });
    }

    /** Trains naive Bayes on the rows of split=train and scores it on split=test, wherever the rows were read. */
    private static void trainAndEvaluate(List<ReadRow> rows, String source) {
        List<NaiveBayes.Example> train = examples(rows, "train");
        List<NaiveBayes.Example> test = examples(rows, "test");
        NaiveBayes model = NaiveBayes.train(train);
        String majority = model.majorityLabel();
        QuickstartReport.model(
                source,
                train.size(),
                test.size(),
                NaiveBayes.accuracy(test, model::predict),
                majority,
                NaiveBayes.accuracy(test, text -> majority));
    }

    /** The labelled rows of one split (the split= path level, a partition of the table): title and description. */
    private static List<NaiveBayes.Example> examples(List<ReadRow> rows, String split) {
        return rows.stream()
                .filter(r -> split.equals(r.get("split")))
                .filter(r -> r.get("label") != null)
                .map(r -> new NaiveBayes.Example(r.get("title") + " " + r.get("description"), (String) r.get("label")))
                .toList();
    }

    private void startServers() throws Exception {
        deleteRecursively(S3_DIR);
        s3 = S3ProxyServer.start(S3_DIR);
        s3.createBucket(BUCKET);
        if (iceberg) {
            table = QuickstartTable.create(s3);
        }
        connect = QuickstartReport.withoutStdout(() -> ConnectClusterFixture.builder()
                .name("trainset-quickstart")
                .workers(1)
                .start());
        connect.createTopic(ISSUES, PARTITIONS);
        connect.createTopic(RESOLUTIONS, PARTITIONS);
        connect.createTopic("support-routing-dlq", 1);
        QuickstartReport.line("S3 endpoint %s, bucket '%s' stored as plain files in %s", s3.endpoint(), BUCKET, S3_DIR);
        QuickstartReport.line(
                "Kafka %s, Connect REST %s; topics %s, %s (%d partitions each), support-routing-dlq" + " (%.1f s)",
                connect.bootstrapServers(), connect.restUrl(), ISSUES, RESOLUTIONS, PARTITIONS, elapsed());
    }

    private void createConnector() throws Exception {
        Map<String, String> overrides = new HashMap<>(ConnectorConfigs.s3(s3, BUCKET, PREFIX));
        overrides.put("rotate.interval.ms", "2000");
        overrides.put("flush.size", "500");
        overrides.put("join.window.after.ms", String.valueOf(DAY));
        overrides.put("join.grace.ms", String.valueOf(2 * HOUR));
        // Long enough that a loaded machine (the consumer serving one topic for seconds) does not close windows early.
        overrides.put("join.idle.timeout.ms", "15000");
        if (iceberg) {
            overrides.putAll(QuickstartTable.connectorOverrides());
        }
        String json = ConnectorConfigs.supportRouting(overrides);
        QuickstartReport.config(json, overrides.keySet());
        connect.putConnectorConfig(CONNECTOR, json);
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(60));
        QuickstartReport.line("Connector %s is RUNNING with 1 task (%.1f s)", CONNECTOR, elapsed());
    }

    /** Polls {@code read} until it counts {@code expected} rows, printing the task's metrics; fails at the deadline. */
    private <T> T awaitRows(String what, long expected, Callable<T> read, ToLongFunction<T> count) {
        MetricsProgress progress = new MetricsProgress(ConnectMetrics.of(CONNECTOR, 0), expected);
        QuickstartReport.line(
                "Waiting for %s in %s; progress from the task's metrics over JMX (%s):",
                what,
                iceberg ? QuickstartTable.CATALOG + "." + QuickstartTable.TABLE : "s3://" + BUCKET + "/" + PREFIX,
                progress.source());
        long[] last = {-1};
        try {
            T rows = ConnectClusterFixture.await(what, ROWS_TIMEOUT, () -> {
                progress.poll();
                T now = read.call();
                last[0] = count.applyAsLong(now);
                return last[0] >= expected ? now : null;
            });
            QuickstartReport.line("%s", progress.line().replaceFirst("^waiting", "done"));
            return rows;
        } catch (AssertionError e) {
            throw new IllegalStateException(
                    "Timed out after " + ROWS_TIMEOUT.toSeconds() + " s waiting for " + what
                            + ": " + last[0] + " of " + expected + " rows written. Connector status: "
                            + connect.rest("GET", "connectors/" + CONNECTOR + "/status", null)
                                    .body(),
                    e);
        } finally {
            QuickstartReport.line("%d rows in the %s (%.1f s)", last[0], iceberg ? "table" : "bucket", elapsed());
        }
    }

    /** One row per issue; resolved ones labelled with their department, the others timed out unlabelled. */
    private static void verify(List<Ticket> tickets, List<ReadRow> read) {
        Map<Object, ReadRow> byKey = new HashMap<>();
        read.forEach(r -> byKey.put(r.get("key"), r));
        long rows = read.size();
        List<String> wrong = tickets.stream()
                .filter(t -> !matches(t, byKey.get(t.key())))
                .map(Ticket::key)
                .toList();
        if (rows != tickets.size() || !wrong.isEmpty()) {
            throw new IllegalStateException("The dataset does not match what was produced: " + rows + " rows for "
                    + tickets.size() + " issues; wrong or missing: "
                    + wrong.stream().limit(10).toList());
        }
        QuickstartReport.line("Checked: one row per issue, labelled with the department that resolved it");
    }

    private static boolean matches(Ticket t, ReadRow row) {
        return row != null
                && Objects.equals(t.department(), row.get("label"))
                && (t.resolved() ? "joined" : "timed_out").equals(row.get("join_status"))
                && Objects.equals(t.submittedAtMs(), row.get("submitted_at"))
                && Objects.equals(t.description(), row.get("description"));
    }

    private double elapsed() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() throws IOException {
        QuickstartReport.step("Shutting down");
        try {
            if (connect != null) {
                connect.close();
            }
        } finally {
            try {
                if (table != null) {
                    table.close();
                }
            } finally {
                if (s3 != null) {
                    s3.close();
                }
            }
        }
        QuickstartReport.line("Stopped Connect, Kafka and the S3 server (%.1f s in all)", elapsed());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Ends the JVM should start-up or shutdown hang, so the quickstart never blocks a terminal or CI. */
    private static void startWatchdog() {
        CompletableFuture.delayedExecutor(WATCHDOG.toMinutes(), TimeUnit.MINUTES)
                .execute(() -> {
                    System.err.println("\nQUICKSTART FAILED: not finished after " + WATCHDOG.toMinutes() + " minutes");
                    Runtime.getRuntime().halt(2);
                });
    }
}
