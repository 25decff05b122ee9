package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.IcebergRows;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/**
 * output.format=iceberg on a real Connect cluster configured by REST JSON: a JDBC catalog on a real SQLite database,
 * the table's data and metadata files on the in-process S3 server through Iceberg's S3FileIO. The rows read back,
 * key by key, are the tickets produced; the snapshot of the first batch still returns only its rows (time travel).
 */
class IcebergIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final String TABLE = "ml.support_tickets";

    @SharedEnvironment(name = "trainset-iceberg-it", bucket = "lake", partitions = 2)
    private static SupportRoutingEnvironment env;

    @Test
    void theTableHoldsEveryTicketOnceAndAnEarlierSnapshotTheEarlierOnes() throws Exception {
        Path catalogDir = Files.createTempDirectory("trainset-iceberg-it");
        Map<String, String> catalog = Map.of(
                "type", "jdbc",
                "uri", "jdbc:sqlite:" + catalogDir.resolve("catalog.db"),
                "jdbc.schema-version", "V1",
                "warehouse", "s3://lake/warehouse");
        Map<String, String> overrides = new HashMap<>(Map.of(
                "output.format", "iceberg",
                "layout.partitions", "split",
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
        Catalog reader = CatalogUtil.buildIcebergCatalog("trainset", readerProperties(catalog), null);
        Map<String, Record> afterFirst = awaitRows(reader, first.size());
        Table table = reader.loadTable(TableIdentifier.parse(TABLE));
        long firstSnapshot = table.currentSnapshot().snapshotId();

        List<Ticket> second = SupportTickets.generate(150, T0 + 40 * DAY, 4, 8).stream()
                .map(t -> t.withKey("LATER-" + t.key()))
                .toList();
        connect.sendAll(SupportRoutingEnvironment.records(second));
        env.advanceEventTime(T0 + 80 * DAY);
        Map<String, Record> all = awaitRows(reader, first.size() + second.size());

        assertRowsAre(afterFirst, first);
        assertRowsAre(all, concat(first, second));
        assertThat(withoutClock(IcebergRows.readAt(table, firstSnapshot)).keySet())
                .isEqualTo(first.stream().map(Ticket::key).collect(Collectors.toSet()));
        table.refresh();
        assertThat(table.currentSnapshot().summary()).containsKeys("trainset.unit", "trainset.sequence");
        System.out.printf(
                "Iceberg IT: %d rows in %s, 0 duplicated, 0 lost; snapshot %d returns the first %d%n",
                all.size(), TABLE, firstSnapshot, first.size());
    }

    private static Map<String, String> readerProperties(Map<String, String> catalog) {
        Map<String, String> properties = new HashMap<>(catalog);
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("http-client.type", "urlconnection");
        properties.put("s3.endpoint", env.s3.endpoint().toString());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", env.s3.accessKey());
        properties.put("s3.secret-access-key", env.s3.secretKey());
        properties.put("client.region", "us-east-1");
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

    private static void assertRowsAre(Map<String, Record> rows, List<Ticket> tickets) {
        assertThat(rows.keySet()).isEqualTo(tickets.stream().map(Ticket::key).collect(Collectors.toSet()));
        for (Ticket ticket : tickets) {
            Record row = rows.get(ticket.key());
            assertThat(row.getField("join_status"))
                    .as(ticket.key())
                    .isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.getField("label")).as(ticket.key()).isEqualTo(ticket.department());
            assertThat(row.getField("title")).as(ticket.key()).isEqualTo(ticket.title());
            assertThat(row.getField("split")).as(ticket.key()).isIn("train", "validation", "test");
        }
    }

    private static List<Ticket> concat(List<Ticket> a, List<Ticket> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
