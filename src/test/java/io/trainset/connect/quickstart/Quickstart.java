package io.trainset.connect.quickstart;

import io.trainset.connect.it.ConnectClusterFixture;
import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Trainset in one command: {@code mvn -B -Pquickstart verify}.
 *
 * <p>Starts Kafka + a Connect worker and an S3-compatible server in this JVM, creates the shipped
 * {@code config/support-routing.json} connector through the REST API (pointed at the local bucket),
 * replays two and a half days of support issues and their resolutions, and prints the labelled
 * Parquet dataset it wrote to {@code target/quickstart/s3/datasets/support-routing}.
 */
public final class Quickstart implements AutoCloseable {

    static final String CONNECTOR = "support-routing";
    static final String ISSUES = "support-issues";
    static final String RESOLUTIONS = "support-resolutions";
    static final String DLQ = "support-routing-dlq";
    static final String BUCKET = "datasets";
    static final String PREFIX = "support-routing";
    static final Path S3_DIR = Path.of("target", "quickstart", "s3").toAbsolutePath();
    static final int PARTITIONS = 4;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    private static final int TICKETS = 3000;
    private static final int UNRESOLVED_EVERY = 8;
    /** Event time replayed per batch; the next batch is sent once the connector has read this one. */
    private static final long SLICE_MS = 6 * HOUR;
    private static final Duration ROWS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WATCHDOG = Duration.ofMinutes(8);

    /** One record to produce, at the moment ({@code arrivalMs}) it reaches Kafka in the replay. */
    record Outgoing(long arrivalMs, boolean early, ProducerRecord<String, String> record) {}

    private final long startedNanos = System.nanoTime();
    private S3ProxyServer s3;
    private ConnectClusterFixture connect;

    public static void main(String[] args) {
        System.setProperty("trainset.log.level", System.getProperty("trainset.log.level", "WARN"));
        System.setProperty("trainset.log.thirdparty", System.getProperty("trainset.log.thirdparty", "ERROR"));
        startWatchdog();
        int status = 0;
        try (Quickstart quickstart = new Quickstart()) {
            quickstart.run();
        } catch (Throwable e) {
            status = 1;
            QuickstartReport.failure(e);
        }
        System.exit(status);
    }

    private void run() throws Exception {
        QuickstartReport.step("Starting an S3-compatible server, Kafka and a Connect worker (in this JVM)");
        startServers();
        QuickstartReport.step("Creating the connector: PUT " + connect.restUrl() + "connectors/" + CONNECTOR + "/config");
        createConnector();

        long firstMs = (System.currentTimeMillis() / DAY - 4) * DAY;
        List<Ticket> tickets = tickets(firstMs);
        List<Outgoing> events = events(tickets);
        QuickstartReport.step("Replaying " + tickets.size() + " support issues in event-time order, "
                + SLICE_MS / HOUR + " h of event time per batch");
        replay(events);
        long resolved = tickets.stream().filter(Ticket::resolved).count();
        awaitRows(resolved + " joined rows", resolved, r -> "joined".equals(r.get("join_status")));

        long nowMs = System.currentTimeMillis();
        QuickstartReport.step("Advancing event time to " + QuickstartReport.time(nowMs) + ": one later issue and"
                + " resolution per partition (CLOCK-*),\n   so the " + (tickets.size() - resolved)
                + " never-resolved issues time out (join.timeout.ms = 1 day of event time)");
        advanceEventTime(nowMs);
        List<ReadFile> files = awaitRows("all " + tickets.size() + " rows", tickets.size(), r -> true);

        verify(tickets, files);
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(10));
        QuickstartReport.dataset(s3, files, S3_DIR.resolve(BUCKET).resolve(PREFIX));
    }

    private void startServers() throws Exception {
        deleteRecursively(S3_DIR);
        s3 = S3ProxyServer.start(S3_DIR);
        s3.createBucket(BUCKET);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // Kafka's storage-format chatter
        try {
            connect = ConnectClusterFixture.builder().name("trainset-quickstart").workers(1).start();
        } finally {
            System.setOut(stdout);
        }
        connect.createTopic(ISSUES, PARTITIONS);
        connect.createTopic(RESOLUTIONS, PARTITIONS);
        connect.createTopic(DLQ, 1);
        QuickstartReport.line("S3 endpoint %s (bucket '%s' in %s)", s3.endpoint(), BUCKET, S3_DIR);
        QuickstartReport.line("Kafka %s, Connect REST %s, topics %s and %s (%d partitions each), %s (%.1f s)",
                connect.bootstrapServers(), connect.restUrl(), ISSUES, RESOLUTIONS, PARTITIONS, DLQ, elapsed());
    }

    private void createConnector() throws Exception {
        Map<String, String> overrides = new HashMap<>(ConnectorConfigs.s3(s3, BUCKET, PREFIX));
        overrides.put("rotate.interval.ms", "2000");
        overrides.put("flush.size", "500");
        overrides.put("join.timeout.ms", String.valueOf(DAY));
        String json = ConnectorConfigs.supportRouting(overrides);
        QuickstartReport.config(json, overrides.keySet());
        connect.putConnectorConfig(CONNECTOR, json);
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(60));
        QuickstartReport.line("Connector %s is RUNNING with 1 task (%.1f s)", CONNECTOR, elapsed());
    }

    /** The generator's tickets, one every ~72 s (with jitter) over 2.5 days starting at {@code firstMs}. */
    static List<Ticket> tickets(long firstMs) {
        Random jitter = new Random(7);
        long spacing = (long) (2.5 * DAY) / TICKETS;
        List<Ticket> tickets = new ArrayList<>(TICKETS);
        for (Ticket t : SupportTickets.generate(TICKETS, 0, UNRESOLVED_EVERY, 42)) {
            long submitted = firstMs + t.submittedAtMs() / 1000 * spacing + jitter.nextInt((int) spacing / 2);
            tickets.add(new Ticket(t.key(), t.title(), t.description(), t.product(), t.priority(), t.tier(),
                    t.department(), submitted, submitted + t.resolvedAtMs() - t.submittedAtMs()));
        }
        return tickets;
    }

    /**
     * Issues at their submission time, resolutions at their resolution time (1 to 61 minutes later),
     * except about one in six resolutions, which reaches Kafka just before its issue.
     */
    static List<Outgoing> events(List<Ticket> tickets) {
        Random early = new Random(11);
        List<Outgoing> events = new ArrayList<>();
        for (Ticket t : tickets) {
            events.add(new Outgoing(t.submittedAtMs(), false,
                    new ProducerRecord<>(ISSUES, null, t.submittedAtMs(), t.key(), t.issueJson())));
            if (t.resolved()) {
                boolean first = early.nextInt(6) == 0;
                events.add(new Outgoing(first ? t.submittedAtMs() - 1 : t.resolvedAtMs(), first,
                        new ProducerRecord<>(RESOLUTIONS, null, t.resolvedAtMs(), t.key(), t.resolutionJson())));
            }
        }
        events.sort(Comparator.comparingLong(Outgoing::arrivalMs));
        return events;
    }

    /**
     * Produces the events slice by slice, as they would arrive live: the next slice only once the
     * connector has read the previous one, so it sees both topics interleaved by event time rather
     * than one topic's whole history before the other's.
     */
    private void replay(List<Outgoing> events) {
        int sent = 0;
        while (sent < events.size()) {
            long sliceEnd = (events.get(sent).arrivalMs() / SLICE_MS + 1) * SLICE_MS;
            List<ProducerRecord<String, String>> slice = new ArrayList<>();
            for (; sent < events.size() && events.get(sent).arrivalMs() < sliceEnd; sent++) {
                slice.add(events.get(sent).record());
            }
            connect.sendAll(slice);
            int expected = sent;
            ConnectClusterFixture.await("the connector to read " + expected + " records", Duration.ofSeconds(60),
                    () -> recordsRead() >= expected);
        }
        QuickstartReport.replayed(events, elapsed());
    }

    /** The worker's JMX metric sink-record-read-total, summed over the connector's tasks. */
    private static double recordsRead() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double read = 0;
        for (ObjectName name : server.queryNames(
                new ObjectName("kafka.connect:type=sink-task-metrics,connector=" + CONNECTOR + ",*"), null)) {
            read += ((Number) server.getAttribute(name, "sink-record-read-total")).doubleValue();
        }
        return read;
    }

    /**
     * The unit's watermark follows the record timestamps of its input partitions: a later record on
     * partition N of both topics lets the issues still waiting there time out. The two records have
     * different keys, so they wait themselves and write no row.
     */
    private void advanceEventTime(long nowMs) {
        List<ProducerRecord<String, String>> clock = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            clock.add(new ProducerRecord<>(ISSUES, partition, nowMs, "CLOCK-" + partition, "{}"));
            clock.add(new ProducerRecord<>(RESOLUTIONS, partition, nowMs, "CLOCK-RESOLUTION-" + partition,
                    "{\"department\":\"none\"}"));
        }
        connect.sendAll(clock);
    }

    /** Polls the bucket until {@code expected} rows match, printing progress; fails at the deadline. */
    private List<ReadFile> awaitRows(String what, long expected, Predicate<ReadRow> counted) throws InterruptedException {
        QuickstartReport.progressStart("Waiting for " + what + " in s3://" + BUCKET + "/" + PREFIX);
        long deadline = System.nanoTime() + ROWS_TIMEOUT.toNanos();
        long last = -1;
        while (true) {
            List<ReadFile> files = readDataset();
            long count = files.stream().flatMap(f -> f.rows().stream()).filter(counted).count();
            if (count != last) {
                QuickstartReport.progress(count);
                last = count;
            }
            if (count >= expected) {
                QuickstartReport.progressEnd(elapsed());
                return files;
            }
            if (System.nanoTime() > deadline) {
                QuickstartReport.progressEnd(elapsed());
                throw new IllegalStateException("Timed out after " + ROWS_TIMEOUT.toSeconds() + " s waiting for "
                        + what + ": " + count + " of " + expected + " rows written. Connector status: "
                        + connect.rest("GET", "connectors/" + CONNECTOR + "/status", null).body());
            }
            Thread.sleep(1000);
        }
    }

    private List<ReadFile> readDataset() {
        try {
            return DatasetFiles.read(s3.s3Client(), BUCKET, PREFIX + "/");
        } catch (RuntimeException e) {
            return List.of(); // e.g. a file listed while the server stores it: read again next time
        }
    }

    /** Every issue is one row; resolved ones carry their department, the others timed out unlabelled. */
    private static void verify(List<Ticket> tickets, List<ReadFile> files) {
        Map<String, ReadRow> byKey = new HashMap<>();
        files.stream().flatMap(f -> f.rows().stream()).forEach(r -> byKey.put((String) r.get("key"), r));
        long rows = files.stream().mapToLong(f -> f.rows().size()).sum();
        List<String> wrong = tickets.stream().filter(t -> !matches(t, byKey.get(t.key()))).map(Ticket::key).toList();
        if (rows != tickets.size() || !wrong.isEmpty()) {
            throw new IllegalStateException("The dataset does not match what was produced: " + rows + " rows for "
                    + tickets.size() + " issues; wrong or missing: " + wrong.stream().limit(10).toList());
        }
        QuickstartReport.line("Checked: one row per issue, every label equals the department that resolved it");
    }

    private static boolean matches(Ticket t, ReadRow row) {
        return row != null
                && Objects.equals(t.department(), row.get("label"))
                && (t.resolved() ? "joined" : "timed_out").equals(row.get("join_status"))
                && Objects.equals(t.submittedAtMs(), row.get("submitted_at"))
                && Objects.equals(t.title(), row.get("title"));
    }

    private double elapsed() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() throws Exception {
        QuickstartReport.step("Shutting down");
        if (connect != null) {
            connect.close();
        }
        if (s3 != null) {
            s3.close();
        }
        QuickstartReport.line("Stopped Connect, Kafka and the S3 server; the dataset stays in %s (%.1f s in all)",
                S3_DIR.resolve(BUCKET).resolve(PREFIX), elapsed());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Ends the JVM if start-up or shutdown hangs, so the quickstart never blocks a terminal or CI job. */
    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("\nQUICKSTART FAILED: not finished after " + WATCHDOG.toMinutes() + " minutes");
            Runtime.getRuntime().halt(2);
        }, "quickstart-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
