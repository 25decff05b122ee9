package io.trainset.connect.it;

import static io.trainset.connect.it.ChaosFaults.Kind.CONFIG_UPDATE;
import static io.trainset.connect.it.ChaosFaults.Kind.CONNECTOR_RESTART;
import static io.trainset.connect.it.ChaosFaults.Kind.PAUSE_RESUME;
import static io.trainset.connect.it.ChaosFaults.Kind.STORE_OUTAGE;
import static io.trainset.connect.it.ChaosFaults.Kind.TASK_RESTART;
import static io.trainset.connect.it.ChaosFaults.Kind.WORKER_KILL;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.storage.S3ObjectStore;
import io.trainset.connect.storage.S3Settings;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.FaultyTcpProxy;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once through chaos (docs/guarantees.md): 3 workers (one in the test JVM, two in JVMs of
 * their own, killed with SIGKILL and replaced), 2 tasks, 4 partitions per topic, an S3 server behind a proxy that drops
 * every connection for a while, and connector restarts, task restarts, pause/resume and config
 * updates through the REST API, while 50,000 issues and their resolutions are produced. The dataset
 * read back from the bucket must equal, key by key, what a reference join over everything produced
 * says: every issue exactly once, joined with its department or timed out. The same faults run against each output
 * format: Hive-layout files, and an Iceberg table whose snapshot summaries must agree with the units' checkpoints.
 */
class ChaosIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final long WINDOW_MS = 30 * 60_000L;
    private static final String CONNECTOR = "support-routing";
    private static final int TASKS = 2;
    private static final int PARTITIONS = 4;

    @TempDir
    Path directory;

    /** The output a run writes. */
    enum Output {
        HIVE,
        ICEBERG;

        ChaosOutput open(SupportRoutingEnvironment env, Path directory) {
            return this == HIVE
                    ? new PublishedRows(env.s3.s3Client(), env.bucket, "data/")
                    : new IcebergTableRows(env, directory);
        }
    }

    /** Connect's default, cooperative rebalancing: only the tasks that move stop. */
    @ParameterizedTest
    @EnumSource(Output.class)
    void everyIssueExactlyOnceThroughRestartsRebalancesKilledWorkersAndStoreOutages(Output output) throws Exception {
        chaos(
                "sessioned",
                output,
                50_000,
                List.of(
                        CONNECTOR_RESTART,
                        STORE_OUTAGE,
                        TASK_RESTART,
                        WORKER_KILL,
                        PAUSE_RESUME,
                        CONFIG_UPDATE,
                        STORE_OUTAGE,
                        TASK_RESTART,
                        WORKER_KILL,
                        CONNECTOR_RESTART,
                        CONFIG_UPDATE,
                        PAUSE_RESUME));
    }

    /** Eager rebalancing (every task stops at every rebalance), a smaller run to stay within the time budget. */
    @Test
    void everyIssueExactlyOnceWithEagerRebalancing() throws Exception {
        chaos("eager", Output.HIVE, 6_000, List.of(WORKER_KILL, STORE_OUTAGE, CONNECTOR_RESTART, TASK_RESTART));
    }

    private void chaos(String protocol, Output output, int issues, List<ChaosFaults.Kind> schedule) throws Exception {
        long started = System.nanoTime();
        String run = protocol + "-" + output.name().toLowerCase(Locale.ROOT);
        Map<String, String> workerProps = workerProps(run, protocol);
        ConnectClusterFixture.Builder cluster = ConnectClusterFixture.builder()
                .name("trainset-chaos-" + run)
                .workers(1)
                .workerProperties(workerProps);
        try (SupportRoutingEnvironment env =
                        SupportRoutingEnvironment.start(directory.resolve("s3"), cluster, "chaos", PARTITIONS);
                FaultyTcpProxy store = FaultyTcpProxy.start(env.s3.endpoint());
                ChaosOutput published = output.open(env, directory);
                ChaosFaults faults = new ChaosFaults(
                        env.connect,
                        CONNECTOR,
                        TASKS,
                        store,
                        externalWorkerProps(workerProps, env.connect.bootstrapServers()),
                        workerLogs(run),
                        version -> config(env, store, published, version),
                        Duration.ofSeconds(6))) {
            faults.startExternalWorker();
            faults.startExternalWorker();
            env.connect.putConnectorConfig(CONNECTOR, config(env, store, published, 0));
            env.connect.awaitConnectorRunning(CONNECTOR, TASKS, Duration.ofSeconds(120));

            List<Ticket> tickets = tickets(issues);
            List<ProducerRecord<String, String>> records = SupportRoutingEnvironment.records(tickets);
            int slice = (records.size() + schedule.size() - 1) / schedule.size();
            for (int i = 0; i < schedule.size(); i++) {
                List<ProducerRecord<String, String>> part =
                        records.subList(i * slice, Math.min(records.size(), (i + 1) * slice));
                CompletableFuture<?> producing = CompletableFuture.runAsync(() -> env.connect.sendAll(part));
                faults.inject(schedule.get(i));
                producing.get();
                faults.awaitRunning();
            }
            env.advanceEventTime(tickets.get(tickets.size() - 1).submittedAtMs() + 2 * DAY);

            Map<String, Expected> expected = referenceJoin(tickets);
            try {
                ConnectClusterFixture.await(
                        "a row for each of " + expected.size() + " issues", Duration.ofSeconds(150), () -> {
                            faults.restartFailedTasks();
                            return published.refresh().stream()
                                            .map(r -> (String) r.get("key"))
                                            .filter(expected::containsKey)
                                            .distinct()
                                            .count()
                                    == expected.size();
                        });
            } catch (AssertionError e) {
                System.out.printf("ChaosIT[%s]: %s; checking the rows there are%n", run, e.getMessage());
            }
            env.connect.pauseConnector(CONNECTOR);
            env.connect.awaitConnectorStatus(
                    CONNECTOR,
                    "PAUSED with every task PAUSED",
                    Duration.ofSeconds(60),
                    s -> "PAUSED".equals(s.path("connector").path("state").asText())
                            && s.path("tasks").size() == TASKS
                            && s.path("tasks").findValuesAsText("state").stream()
                                    .allMatch("PAUSED"::equals));
            List<ReadRow> rows = published.refresh();
            check(run, expected, rows, published.files(), faults, started);
            String commits = published.checkCommits(
                    CheckpointStores.unowned(new S3ObjectStore(
                            env.s3.s3Client(), env.bucket, "data", S3Settings.MIN_PART_SIZE_BYTES, false)),
                    PARTITIONS);
            System.out.printf("ChaosIT[%s]: %s%n", run, commits);
        }
    }

    private static void check(
            String run,
            Map<String, Expected> expected,
            List<ReadRow> rows,
            int files,
            ChaosFaults faults,
            long started) {
        Map<String, List<ReadRow>> byKey = rows.stream().collect(Collectors.groupingBy(r -> (String) r.get("key")));
        List<String> duplicated = byKey.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        List<String> lost = expected.keySet().stream()
                .filter(k -> !byKey.containsKey(k))
                .sorted()
                .toList();
        List<String> unexpected = byKey.keySet().stream()
                .filter(k -> !expected.containsKey(k))
                .sorted()
                .toList();
        List<String> wrong = expected.entrySet().stream()
                .filter(e -> byKey.containsKey(e.getKey()))
                .filter(e -> !e.getValue().matches(byKey.get(e.getKey()).get(0)))
                .map(e -> e.getKey() + " expected " + e.getValue() + " got "
                        + describe(byKey.get(e.getKey()).get(0)))
                .toList();
        long joined = expected.values().stream().filter(e -> e.label() != null).count();
        System.out.printf("ChaosIT[%s]: faults injected %s%n", run, faults.counts());
        System.out.printf(
                "ChaosIT[%s]: %d issues expected (%d joined, %d timed out), %d rows in %d files checked: "
                        + "%d lost, %d duplicated, %d unexpected, %d with a wrong label or status; %d s%n",
                run,
                expected.size(),
                joined,
                expected.size() - joined,
                rows.size(),
                files,
                lost.size(),
                duplicated.size(),
                unexpected.size(),
                wrong.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertThat(lost).as("issues without a row").isEmpty();
        assertThat(duplicated).as("issues with more than one row").isEmpty();
        assertThat(unexpected).as("rows of keys nobody produced").isEmpty();
        assertThat(wrong)
                .as("rows whose label or join status differs from the reference join")
                .isEmpty();
        assertThat(rows).hasSize(expected.size());
    }

    /** What a reference join over every produced record says about an issue. */
    private record Expected(String status, String label) {
        boolean matches(ReadRow row) {
            return status.equals(row.get("join_status")) && Objects.equals(label, row.get("label"));
        }
    }

    private static String describe(ReadRow row) {
        return "join_status=" + row.get("join_status") + " label=" + row.get("label") + " in " + row.fileKey();
    }

    /**
     * The reference join: an issue resolved within the window is joined with its department; one
     * resolved later or never is timed out, with no label.
     */
    private static Map<String, Expected> referenceJoin(List<Ticket> tickets) {
        Map<String, Expected> expected = new TreeMap<>();
        for (Ticket t : tickets) {
            boolean inWindow = t.resolved() && t.resolvedAtMs() - t.submittedAtMs() <= WINDOW_MS;
            expected.put(t.key(), inWindow ? new Expected("joined", t.department()) : new Expected("timed_out", null));
        }
        return expected;
    }

    /**
     * Tickets resolved 1 to 61 minutes after submission (so about half are resolved after the
     * 30-minute window and time out), one in ten never; none within a second of the window's end.
     */
    private static List<Ticket> tickets(int issues) {
        return SupportTickets.generate(issues, T0, 10, 42).stream()
                .map(t -> {
                    long delay = t.resolvedAtMs() - t.submittedAtMs();
                    return Math.abs(delay - WINDOW_MS) > 1000
                            ? t
                            : new Ticket(
                                    t.key(),
                                    t.title(),
                                    t.description(),
                                    t.product(),
                                    t.priority(),
                                    t.tier(),
                                    t.department(),
                                    t.submittedAtMs(),
                                    t.submittedAtMs() + WINDOW_MS - 1000);
                })
                .toList();
    }

    private static String config(SupportRoutingEnvironment env, FaultyTcpProxy store, ChaosOutput output, int version) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "tasks.max", String.valueOf(TASKS),
                "join.window.after.ms", String.valueOf(WINDOW_MS),
                "flush.size", String.valueOf(1500 - 100 * (version % 2)),
                "rotate.interval.ms", String.valueOf(2000 + 500 * (version % 2)),
                "s3.max.attempts", "2",
                "errors.log.enable", "false"));
        overrides.putAll(output.overrides());
        String config = env.connectorConfig("data", overrides);
        return config.replace(env.s3.endpoint().toString(), store.endpoint().toString());
    }

    /** Where the external workers' logs stay after the test, for a look when it fails. */
    private static Path workerLogs(String run) throws IOException {
        Path logs = Path.of("target", "chaos-it", run);
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return logs;
    }

    /** Workers that notice a departed member within seconds instead of minutes. */
    private static Map<String, String> workerProps(String run, String protocol) {
        String group = "trainset-chaos-" + run;
        Map<String, String> props = new HashMap<>(ConnectClusterFixture.DEFAULT_WORKER_PROPS);
        props.put("group.id", group);
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("connect.protocol", protocol);
        props.put("scheduled.rebalance.max.delay.ms", "3000");
        props.put("consumer.session.timeout.ms", "10000");
        props.put("consumer.heartbeat.interval.ms", "2000");
        return props;
    }

    /** The embedded workers' properties for a worker in another JVM. */
    private static Map<String, String> externalWorkerProps(Map<String, String> workerProps, String bootstrap) {
        Map<String, String> props = new HashMap<>(workerProps);
        props.put("bootstrap.servers", bootstrap);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return props;
    }
}
