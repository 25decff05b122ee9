package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.ConnectMetrics;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.Ports;
import io.trainset.connect.testing.StandaloneWorker;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin as users install it, on stock workers of the Kafka releases the README lists: the built zip unpacked
 * into {@code plugin.path} of a standalone worker of that release (its own JVM and jars, from Maven Central),
 * the connector created over REST with the shipped JSON, every issue read back from the S3 server once, and the
 * task's metrics read over the worker's JMX remote port: MBeans under the {@code trainset} domain on workers
 * before 4.1, the worker's plugin metrics ({@code kafka.connect:type=plugins}) from 4.1.
 */
class WorkerCompatibilityIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;

    @TempDir
    static Path directory;

    private static SupportRoutingEnvironment env;
    private static List<Ticket> tickets;

    @BeforeAll
    static void start() throws Exception {
        env = SupportRoutingEnvironment.start(directory.resolve("s3"), "trainset-compat-it", "compat", 2);
        tickets = SupportTickets.generate(80, T0, 5, 11);
        env.connect.sendAll(SupportRoutingEnvironment.records(tickets));
        env.advanceEventTime(T0 + 10 * DAY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    @ParameterizedTest(name = "Kafka Connect {0}")
    @ValueSource(strings = {"3.6.2", "3.9.1", "4.4.0"})
    void theInstalledPluginWritesEveryIssueOnceOnAStockWorker(String kafkaVersion) throws IOException {
        // Kept after the run (target/compat/), so a failure's worker log and configuration can be read.
        Path work = Path.of("target", "compat", "worker-" + kafkaVersion).toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        int jmxPort = Ports.free();
        try (StandaloneWorker worker = StandaloneWorker.start(
                kafkaVersion,
                env.connect.bootstrapServers(),
                pluginZip(),
                work,
                ConnectMetrics.jmxRemoteArgs(jmxPort))) {
            assertThat(worker.rest("GET", "/connector-plugins", null).body())
                    .contains("\"class\":\"io.trainset.connect.TrainsetSinkConnector\"");
            String name = "support-routing-" + kafkaVersion.replace('.', '-');
            String prefix = "kafka-" + kafkaVersion + "/";
            assertThat(worker.rest(
                                    "PUT",
                                    "/connectors/" + name + "/config",
                                    env.connectorConfig(prefix, Map.of("rotate.interval.ms", "1000")))
                            .statusCode())
                    .as("PUT config on Kafka %s: %s", kafkaVersion, worker.logText())
                    .isIn(200, 201);

            List<ReadRow> rows = awaitRows(worker, kafkaVersion, prefix);

            assertThat(worker.rest("GET", "/connectors/" + name + "/status", null)
                            .body())
                    .contains("\"state\":\"RUNNING\"")
                    .doesNotContain("FAILED");
            Map<String, Ticket> byKey = tickets.stream().collect(Collectors.toMap(Ticket::key, Function.identity()));
            assertThat(rows).hasSize(tickets.size());
            assertThat(rows).allSatisfy(row -> {
                Ticket ticket = byKey.get((String) row.get("key"));
                assertThat(ticket).as("row of an issue that was produced").isNotNull();
                assertThat(row.get("label")).isEqualTo(ticket.department());
                assertThat(row.get("join_status")).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            });
            assertThat(rows.stream().map(row -> row.get("key")).distinct()).hasSize(tickets.size());
            assertMetricsOverJmx(kafkaVersion, name, jmxPort);
            System.out.printf(
                    "Kafka Connect %s standalone worker: plugin installed from the zip, %d rows, " + "one per issue%n",
                    kafkaVersion, rows.size());
        }
    }

    /**
     * Reads the task's metrics as a JMX exporter would: the MBean of records-read-total{side=submitted} counts every
     * issue and the two clock records (one per partition), each read once; the unit MBeans exist.
     */
    private static void assertMetricsOverJmx(String kafkaVersion, String connector, int port) throws IOException {
        boolean pluginMetrics = !kafkaVersion.startsWith("3.");
        String task = (pluginMetrics ? "kafka.connect:type=plugins" : "trainset:type=task-metrics") + ",connector="
                + connector + ",task=0";
        String unit = (pluginMetrics ? "kafka.connect:type=plugins" : "trainset:type=unit-metrics") + ",connector="
                + connector + ",task=0,unit=1";
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        try (JMXConnector jmx = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName submitted = new ObjectName(task + ",side=submitted");
            ConnectClusterFixture.await(
                    "records-read-total of " + submitted,
                    Duration.ofSeconds(30),
                    () -> ((Number) server.getAttribute(submitted, "records-read-total")).longValue()
                            == tickets.size() + 2);
            assertThat(server.isRegistered(new ObjectName(unit))).as(unit).isTrue();
            assertThat(((Number) server.getAttribute(new ObjectName(task), "commits-total")).longValue())
                    .isPositive();
            System.out.printf(
                    "Kafka Connect %s: read records-read-total=%d of %s and found %s over JMX%n",
                    kafkaVersion, tickets.size() + 2, submitted, unit);
        } catch (JMException e) {
            throw new AssertionError("Cannot read the metrics of " + connector + " over JMX: " + e, e);
        }
    }

    private static List<ReadRow> awaitRows(StandaloneWorker worker, String kafkaVersion, String prefix) {
        try {
            return ConnectClusterFixture.await(
                    "a row per issue written by the Kafka " + kafkaVersion + " worker", Duration.ofSeconds(90), () -> {
                        List<ReadRow> read = env.rows(prefix);
                        return read.size() >= tickets.size() ? read : null;
                    });
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the worker's log ends with:\n" + worker.logTail(80), e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Path pluginZip() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("trainset-connect-.*\\.zip"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/trainset-connect-*.zip: run the "
                            + "integration tests with 'mvn verify', which builds the plugin zip first"));
        }
    }
}
