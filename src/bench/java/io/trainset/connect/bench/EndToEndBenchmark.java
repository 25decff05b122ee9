package io.trainset.connect.bench;

import io.trainset.connect.it.ConnectClusterFixture;
import io.trainset.connect.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: an S3-compatible server, a Kafka broker and one Connect worker in this
 * JVM; {@code n} issues and {@code n} resolutions loaded once into two 4-partition topics; then, in
 * every round, each configuration reads the same topics from the beginning: the plain consumer
 * (the ceiling), the do-nothing sink (the framework with JsonConverter), Trainset with 1 task and
 * with 2 tasks. Prints every run and min/median/max per configuration.
 */
final class EndToEndBenchmark {

    static final String ISSUES = "support-issues";
    static final String RESOLUTIONS = "support-resolutions";
    static final String DLQ = "support-routing-dlq";
    static final int PARTITIONS = 4;
    static final int CLOCK_RECORDS = 2 * PARTITIONS;
    private static final String BUCKET = "bench";
    private static final long GRACE_MS = 300_000;
    private static final java.util.Map<String, String> KEEP_ALL = java.util.Map.of("retention.ms", "-1");

    private final BenchSettings settings;

    EndToEndBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        MachineFacts.print();
        Path s3Dir = Path.of("target", "bench", "s3").toAbsolutePath();
        deleteRecursively(s3Dir);
        try (S3ProxyServer s3 = S3ProxyServer.start(s3Dir);
                ConnectClusterFixture connect = ConnectClusterFixture.builder()
                        .name("trainset-bench")
                        .workers(1)
                        .offsetFlushInterval(Duration.ofMillis(settings.flushMs()))
                        .start();
                ProcessMeter meter = new ProcessMeter()) {
            s3.createBucket(BUCKET);
            // Event times lie in the past: keep every record whatever its timestamp (no time-based retention).
            connect.createTopic(ISSUES, PARTITIONS, KEEP_ALL);
            connect.createTopic(RESOLUTIONS, PARTITIONS, KEEP_ALL);
            connect.createTopic(DLQ, 1);
            TopicLoader.Loaded loaded = load(connect);
            List<Measurement> runs = rounds(connect, s3, meter, loaded);
            new Summary(settings.configs(), runs).print();
            if (settings.jfr().isPresent()) {
                JfrSummary.print(settings.jfr().get().toAbsolutePath(), "task-thread-");
            }
        }
    }

    private TopicLoader.Loaded load(ConnectClusterFixture connect) {
        long t0 = System.nanoTime();
        TopicLoader.Loaded loaded = new TopicLoader(connect.bootstrapServers())
                .load(ISSUES, RESOLUTIONS, PARTITIONS, settings.events(), GRACE_MS);
        long inTopics = ceilingOf(connect).count();
        if (inTopics != loaded.records() + CLOCK_RECORDS) {
            throw new IllegalStateException("The topics hold " + inTopics + " records, not " + loaded.records() + " + "
                    + CLOCK_RECORDS + " clock records");
        }
        System.out.printf(
                "Loaded %,d records (%,d issues of ~%d B, as many resolutions of ~%d B; %.1f MB) into two "
                        + "%d-partition topics in %.1f s, plus %d clock records%n",
                loaded.records(),
                settings.events(),
                BenchTickets.submittedJson(0).length(),
                BenchTickets.resolvedJson(0).length(),
                loaded.bytes() / 1e6,
                PARTITIONS,
                (System.nanoTime() - t0) / 1e9,
                CLOCK_RECORDS);
        System.out.printf(
                "Connector runs: shipped config/support-routing.json (JsonConverter, schemaless), "
                        + "parquet.compression=%s, rotate.interval.ms=%d, flush.size=10000, join.grace.ms=%d; worker "
                        + "offset.flush.interval.ms=%d; overrides %s%n",
                settings.codec(), settings.rotateMs(), GRACE_MS, settings.flushMs(), settings.overrides());
        return loaded;
    }

    /** The run a JFR recording is made of: round 1's 1-task run, through JsonConverter if it runs, else with bytes. */
    private String profiled() {
        return settings.configs().contains("trainset-1") ? "trainset-1" : "trainset-1-bytes";
    }

    private List<Measurement> rounds(
            ConnectClusterFixture connect, S3ProxyServer s3, ProcessMeter meter, TopicLoader.Loaded loaded)
            throws Exception {
        ConsumerCeiling ceiling = ceilingOf(connect).metered(meter);
        ConnectorRun connector = new ConnectorRun(connect, s3, BUCKET, meter, settings);
        List<Measurement> runs = new ArrayList<>();
        ceiling.run(0); // warm-up, not reported: the first pass of a cold JVM reads slower
        for (int round = 1; round <= settings.rounds(); round++) {
            for (String config : settings.configs()) {
                JfrProfile profile = round == 1
                                && config.equals(profiled())
                                && settings.jfr().isPresent()
                        ? JfrProfile.to(settings.jfr().get())
                        : JfrProfile.none();
                Measurement m = switch (config) {
                    case "consumer" -> ceiling.run(round);
                    case "noop", "noop-bytes" -> connector.noop(config.endsWith("-bytes"), round, loaded);
                    case "trainset-1",
                            "trainset-2",
                            "trainset-1-bytes",
                            "trainset-2-bytes",
                            "trainset-1-unrecorded",
                            "trainset-2-unrecorded" ->
                        connector.trainset(
                                tasksOf(config),
                                config.contains("-bytes"),
                                !config.endsWith("-unrecorded"),
                                round,
                                loaded,
                                profile);
                    default ->
                        throw new IllegalArgumentException("Unknown configuration " + config + "; use consumer, "
                                + "noop, noop-bytes, trainset-1, trainset-2, trainset-1-bytes, trainset-2-bytes, "
                                + "trainset-1-unrecorded, trainset-2-unrecorded (metrics recording off)");
                };
                System.out.println(m.line());
                runs.add(m);
                System.gc();
            }
        }
        return runs;
    }

    /** 1 or 2, from "trainset-1", "trainset-2-bytes"... */
    private static int tasksOf(String config) {
        return Integer.parseInt(config.substring("trainset-".length(), "trainset-".length() + 1));
    }

    private static ConsumerCeiling ceilingOf(ConnectClusterFixture connect) {
        return new ConsumerCeiling(connect.bootstrapServers(), List.of(ISSUES, RESOLUTIONS), PARTITIONS, null);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
