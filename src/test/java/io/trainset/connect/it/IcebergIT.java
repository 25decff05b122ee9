package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.testing.IcebergRestCatalog;
import io.trainset.connect.testing.IcebergRows;
import io.trainset.connect.testing.SparkIcebergReader;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * output.format=iceberg on a real Connect cluster configured by REST JSON, once per catalog protocol: a JDBC catalog
 * on a real SQLite database, and the REST catalog protocol against Iceberg's own REST catalog server (in a child JVM,
 * its tables in SQLite behind it); the table's data and metadata files on the in-process S3 server through Iceberg's
 * S3FileIO. A column appears midway (schema evolution). Two independent readers read the table back through the same
 * catalog: Iceberg's Parquet reader with the table's name mapping, and Spark in local mode with iceberg-spark-runtime
 * (a child JVM, tools/spark). The rows, key by key, are the tickets produced, the new column under its name; the
 * snapshot of the first batch still returns only its rows (time travel).
 */
class IcebergIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final String TABLE = "ml.support_tickets";
    private static final String BUCKET = "lake";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPARK_COLUMNS = List.of("join_status", "label", "title", "split", "channel");

    /** The catalog protocols the connector and the readers speak. */
    enum CatalogKind {
        JDBC,
        REST
    }

    @ParameterizedTest
    @EnumSource(CatalogKind.class)
    void theTableHoldsEveryTicketOnceAndAnEarlierSnapshotTheEarlierOnes(CatalogKind kind, @TempDir Path dir)
            throws Exception {
        try (SupportRoutingEnvironment env =
                        SupportRoutingEnvironment.start(dir, "trainset-iceberg-" + kind, BUCKET, 2);
                CatalogServer server = CatalogServer.start(kind, dir, env)) {
            scenario(env, server.catalog(), dir);
        }
    }

    private static void scenario(SupportRoutingEnvironment env, Map<String, String> catalog, Path dir)
            throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "output.format", "iceberg",
                "layout.partitions", "split",
                "features.include", "",
                "iceberg.table", TABLE,
                "flush.size", "1000",
                "rotate.interval.ms", "1000",
                "join.grace.ms", "0"));
        catalog.forEach((k, v) -> overrides.put("iceberg.catalog." + k, v));
        ConnectClusterFixture connect = env.connect;
        connect.putConnectorConfig("iceberg-routing", env.connectorConfig("data", overrides));
        connect.awaitConnectorRunning("iceberg-routing", 1, Duration.ofSeconds(60));

        List<Ticket> first = SupportTickets.generate(200, T0, 5, 7);
        connect.sendAll(SupportRoutingEnvironment.records(first));
        env.advanceEventTime(T0 + 31 * DAY);
        Map<String, String> readerCatalog = readerProperties(env, catalog, "urlconnection");
        Catalog reader = CatalogUtil.buildIcebergCatalog("trainset", readerCatalog, null);
        Map<String, Record> afterFirst = awaitRows(reader, first.size());
        Table table = reader.loadTable(TableIdentifier.parse(TABLE));
        long firstSnapshot = table.currentSnapshot().snapshotId();

        List<Ticket> second = SupportTickets.generate(150, T0 + 40 * DAY, 4, 8).stream()
                .map(t -> t.withKey("LATER-" + t.key()))
                .toList();
        connect.sendAll(withChannel(SupportRoutingEnvironment.records(second)));
        env.advanceEventTime(T0 + 80 * DAY);
        Map<String, Record> all = awaitRows(reader, first.size() + second.size());

        assertRowsAre(afterFirst, first, List.of());
        assertRowsAre(all, first, second);
        assertThat(withoutClock(IcebergRows.readAt(table, firstSnapshot)).keySet())
                .isEqualTo(keys(first.stream()));
        table.refresh();
        assertThat(table.currentSnapshot().summary()).containsKeys("trainset.unit", "trainset.sequence");
        assertSparkReads(readerProperties(env, catalog, "apache"), dir, firstSnapshot, all.keySet(), first, second);
        System.out.printf(
                "Iceberg IT (%s): %d rows in %s, 0 duplicated, 0 lost; snapshot %d returns the first %d%n",
                catalog.get("type"), all.size(), TABLE, firstSnapshot, first.size());
    }

    /**
     * Spark reads the current snapshot through the catalog: every key once, each row's values, the column added
     * midway under its name (the table's name mapping applied to files without field ids), and the first snapshot's
     * keys with spark.read.option("snapshot-id", ...).
     */
    private static void assertSparkReads(
            Map<String, String> catalog,
            Path dir,
            long firstSnapshot,
            Set<String> keys,
            List<Ticket> first,
            List<Ticket> second)
            throws IOException, InterruptedException {
        Optional<SparkIcebergReader.Read> spark =
                SparkIcebergReader.read(dir, catalog, TABLE, firstSnapshot, SPARK_COLUMNS);
        if (spark.isEmpty()) {
            System.out.println("Iceberg IT: Spark is not installed here (tools/spark), its read is skipped");
            return;
        }
        SparkIcebergReader.Read read = spark.get();
        Map<String, Map<String, String>> rows = read.rows();
        rows.keySet().removeIf(key -> key.startsWith("CLOCK"));
        assertThat(rows.keySet()).as(read.reader()).isEqualTo(keys);
        assertThat(read.rowCount()).as(read.reader()).isEqualTo(rows.size() + clockRows(read));
        assertThat(read.columns()).as(read.reader()).contains("key:string", "label:string", "channel:string");
        for (Ticket ticket : concat(first, second)) {
            Map<String, String> row = rows.get(ticket.key());
            assertThat(row.get("join_status")).as(ticket.key()).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("label")).as(ticket.key()).isEqualTo(ticket.department());
            assertThat(row.get("title")).as(ticket.key()).isEqualTo(ticket.title());
            assertThat(row.get("split")).as(ticket.key()).isIn("train", "validation", "test");
            assertThat(row.get("channel")).as(ticket.key()).isEqualTo(first.contains(ticket) ? null : "email");
        }
        for (List<String> earlier : List.of(read.snapshotKeys(), read.versionAsOfKeys())) {
            List<String> tickets =
                    earlier.stream().filter(key -> !key.startsWith("CLOCK")).toList();
            assertThat(tickets).as(read.reader()).hasSize(first.size());
            assertThat(Set.copyOf(tickets)).as(read.reader()).isEqualTo(keys(first.stream()));
        }
        System.out.printf("Iceberg IT: %s read %d rows and snapshot %d%n", read.reader(), rows.size(), firstSnapshot);
    }

    private static long clockRows(SparkIcebergReader.Read read) {
        return read.json().path("rows").properties().stream()
                .filter(row -> row.getKey().startsWith("CLOCK"))
                .count();
    }

    /** The second batch's issues carry a field the first batch's lack: a column added midway. */
    private static List<ProducerRecord<String, String>> withChannel(List<ProducerRecord<String, String>> records) {
        return records.stream()
                .map(r -> r.topic().equals(SupportRoutingEnvironment.ISSUES)
                        ? new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), withChannel(r.value()))
                        : r)
                .toList();
    }

    private static String withChannel(String issueJson) {
        try {
            ObjectNode issue = (ObjectNode) JSON.readTree(issueJson);
            return JSON.writeValueAsString(issue.put("channel", "email"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog properties of a reader beside the connector: S3FileIO on the S3 server with the given client. */
    private static Map<String, String> readerProperties(
            SupportRoutingEnvironment env, Map<String, String> catalog, String httpClient) {
        Map<String, String> properties = new HashMap<>(catalog);
        properties.putAll(s3FileIo(env));
        properties.put("http-client.type", httpClient);
        return properties;
    }

    private static Map<String, String> s3FileIo(SupportRoutingEnvironment env) {
        return Map.of(
                "io-impl",
                "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint",
                env.s3.endpoint().toString(),
                "s3.path-style-access",
                "true",
                "s3.access-key-id",
                env.s3.accessKey(),
                "s3.secret-access-key",
                env.s3.secretKey(),
                "client.region",
                "us-east-1");
    }

    /** The table's rows but the event-time clock's, once there are at least {@code expected}. */
    private static Map<String, Record> awaitRows(Catalog reader, int expected) {
        return ConnectClusterFixture.await("the table's rows", Duration.ofSeconds(120), () -> {
            if (!reader.tableExists(TableIdentifier.parse(TABLE))) {
                return null;
            }
            Map<String, Record> rows = withoutClock(IcebergRows.read(reader.loadTable(TableIdentifier.parse(TABLE))));
            return rows.size() >= expected ? rows : null;
        });
    }

    private static Map<String, Record> withoutClock(Map<String, Record> rows) {
        rows.keySet().removeIf(key -> key.startsWith("CLOCK"));
        return rows;
    }

    /** The rows are the tickets of both batches, the column added midway null in the first batch's rows. */
    private static void assertRowsAre(Map<String, Record> rows, List<Ticket> first, List<Ticket> second) {
        assertThat(rows.keySet()).isEqualTo(keys(Stream.concat(first.stream(), second.stream())));
        for (Ticket ticket : concat(first, second)) {
            Record row = rows.get(ticket.key());
            assertThat(row.getField("join_status"))
                    .as(ticket.key())
                    .isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.getField("label")).as(ticket.key()).isEqualTo(ticket.department());
            assertThat(row.getField("title")).as(ticket.key()).isEqualTo(ticket.title());
            assertThat(row.getField("split")).as(ticket.key()).isIn("train", "validation", "test");
            if (!second.isEmpty()) {
                assertThat(row.getField("channel")).as(ticket.key()).isEqualTo(first.contains(ticket) ? null : "email");
            }
        }
    }

    private static Set<String> keys(Stream<Ticket> tickets) {
        return tickets.map(Ticket::key).collect(Collectors.toSet());
    }

    private static List<Ticket> concat(List<Ticket> a, List<Ticket> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * The catalog the connector and the readers use: JDBC on a SQLite file, or the REST protocol against Iceberg's
     * REST catalog server (a child JVM) keeping its tables in SQLite and writing metadata through S3FileIO.
     */
    private record CatalogServer(Map<String, String> catalog, Optional<IcebergRestCatalog> rest)
            implements AutoCloseable {

        static CatalogServer start(CatalogKind kind, Path dir, SupportRoutingEnvironment env) throws Exception {
            Map<String, String> jdbc = Map.of(
                    "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
                    "jdbc.schema-version", "V1",
                    "warehouse", "s3://" + BUCKET + "/warehouse");
            if (kind == CatalogKind.JDBC) {
                Map<String, String> catalog = new HashMap<>(jdbc);
                catalog.put("type", "jdbc");
                return new CatalogServer(catalog, Optional.empty());
            }
            Map<String, String> backend = new HashMap<>(jdbc);
            backend.putAll(s3FileIo(env));
            backend.put("http-client.type", "apache");
            IcebergRestCatalog server = IcebergRestCatalog.start(dir, backend);
            return new CatalogServer(Map.of("type", "rest", "uri", server.uri().toString()), Optional.of(server));
        }

        @Override
        public void close() throws InterruptedException {
            if (rest.isPresent()) {
                rest.get().close();
            }
        }
    }
}
