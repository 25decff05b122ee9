package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final List<String> COLUMNS = List.of("join_status", "label", "title", "split", "channel");

    @ParameterizedTest
    @EnumSource(IcebergCatalogs.Kind.class)
    void theTableHoldsEveryTicketOnceAndAnEarlierSnapshotTheEarlierOnes(IcebergCatalogs.Kind kind, @TempDir Path dir)
            throws Exception {
        try (SupportRoutingEnvironment env =
                        SupportRoutingEnvironment.start(dir, "trainset-iceberg-" + kind, BUCKET, 2);
                IcebergCatalogs server = IcebergCatalogs.start(kind, dir, env)) {
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

        assertRowsAre(columns(afterFirst), first, List.of(), "Iceberg's Parquet reader");
        assertRowsAre(columns(all), first, second, "Iceberg's Parquet reader");
        assertThat(withoutClock(IcebergRows.readAt(table, firstSnapshot)).keySet())
                .isEqualTo(keys(first.stream()));
        table.refresh();
        assertThat(table.currentSnapshot().summary()).containsKeys("trainset.unit", "trainset.sequence");
        assertSparkReads(readerProperties(env, catalog, "apache"), dir, firstSnapshot, first, second);
        System.out.printf(
                "Iceberg IT (%s): %d rows in %s, 0 duplicated, 0 lost; snapshot %d returns the first %d%n",
                catalog.get("type"), all.size(), TABLE, firstSnapshot, first.size());
    }

    /**
     * Spark reads the current snapshot through the catalog: every key once, each row's values, the column added
     * midway under its name (the table's name mapping applied to files without field ids), and the first snapshot's
     * keys with spark.read.option("snapshot-id", ...) and with VERSION AS OF.
     */
    private static void assertSparkReads(
            Map<String, String> catalog, Path dir, long firstSnapshot, List<Ticket> first, List<Ticket> second)
            throws IOException, InterruptedException {
        Optional<SparkIcebergReader.Read> spark = SparkIcebergReader.read(dir, catalog, TABLE, firstSnapshot, COLUMNS);
        if (spark.isEmpty()) {
            System.out.println("Iceberg IT: Spark is not installed here (tools/spark), its read is skipped");
            return;
        }
        SparkIcebergReader.Read read = spark.get();
        Map<String, Map<String, String>> rows = read.rows();
        rows.keySet().removeIf(key -> key.startsWith("CLOCK"));
        assertRowsAre(rows, first, second, read.reader());
        assertThat(read.rowCount()).as(read.reader()).isEqualTo(rows.size() + clockRows(read));
        assertThat(read.columns()).as(read.reader()).contains("key:string", "label:string", "channel:string");
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
        properties.putAll(IcebergCatalogs.s3FileIo(env));
        properties.put("http-client.type", httpClient);
        return properties;
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

    /** Each row's {@link #COLUMNS} as strings, as Spark's rows come. */
    private static Map<String, Map<String, String>> columns(Map<String, Record> rows) {
        Map<String, Map<String, String>> columns = new HashMap<>();
        rows.forEach((key, row) -> {
            Map<String, String> values = new HashMap<>();
            COLUMNS.forEach(c -> values.put(
                    c, row.getField(c) == null ? null : row.getField(c).toString()));
            columns.put(key, values);
        });
        return columns;
    }

    /** The rows are the tickets of both batches, the column added midway null in the first batch's rows. */
    private static void assertRowsAre(
            Map<String, Map<String, String>> rows, List<Ticket> first, List<Ticket> second, String reader) {
        assertThat(rows.keySet()).as(reader).isEqualTo(keys(Stream.concat(first.stream(), second.stream())));
        for (Ticket ticket : concat(first, second)) {
            Map<String, String> row = rows.get(ticket.key());
            String as = reader + ": " + ticket.key();
            assertThat(row.get("join_status")).as(as).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("label")).as(as).isEqualTo(ticket.department());
            assertThat(row.get("title")).as(as).isEqualTo(ticket.title());
            assertThat(row.get("split")).as(as).isIn("train", "validation", "test");
            assertThat(row.get("channel")).as(as).isEqualTo(first.contains(ticket) ? null : "email");
        }
    }

    private static Set<String> keys(Stream<Ticket> tickets) {
        return tickets.map(Ticket::key).collect(Collectors.toSet());
    }

    private static List<Ticket> concat(List<Ticket> a, List<Ticket> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
