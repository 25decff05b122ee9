package io.trainset.connect.quickstart;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.IcebergRows;
import io.trainset.connect.testing.S3ProxyServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The quickstart's Iceberg output ({@code -Dquickstart.output=iceberg}): the connector appends to the table
 * {@value #TABLE} of a JDBC catalog on a SQLite file under {@code target/quickstart/}, its data and metadata files
 * on the quickstart's S3 server. The quickstart reads the rows back through Iceberg (snapshot, manifests, the
 * table's name mapping) and prints the snapshots and how other engines read the table.
 */
final class QuickstartTable implements AutoCloseable {

    static final String CATALOG = "quickstart";
    static final String TABLE = "ml.support_routing";
    static final Path CATALOG_DB =
            Path.of("target", "quickstart", "iceberg-catalog.db").toAbsolutePath();
    private static final String WAREHOUSE = "s3://" + Quickstart.BUCKET + "/warehouse";
    private static final TableIdentifier ID = TableIdentifier.parse(TABLE);

    private final S3ProxyServer s3;
    private final Catalog reader;

    private QuickstartTable(S3ProxyServer s3) {
        this.s3 = s3;
        this.reader = CatalogUtil.buildIcebergCatalog(CATALOG, readerProperties(), null);
    }

    /** A fresh catalog (the SQLite file of an earlier run is deleted) for the tables on {@code s3}. */
    static QuickstartTable create(S3ProxyServer s3) throws IOException {
        Files.deleteIfExists(CATALOG_DB);
        return new QuickstartTable(s3);
    }

    /** What the connector's JSON gets on top of the quickstart's keys: the Iceberg output and its catalog. */
    static Map<String, String> connectorOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("output.format", "iceberg");
        overrides.put("layout.partitions", "split");
        overrides.put("iceberg.table", TABLE);
        overrides.put("iceberg.catalog.name", CATALOG);
        catalogProperties().forEach((key, value) -> overrides.put("iceberg.catalog." + key, value));
        return overrides;
    }

    private static Map<String, String> catalogProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("type", "jdbc");
        properties.put("uri", "jdbc:sqlite:" + CATALOG_DB);
        properties.put("jdbc.schema-version", "V1");
        properties.put("warehouse", WAREHOUSE);
        return properties;
    }

    /** The catalog's properties plus S3FileIO's, as the connector derives them from its s3.* keys. */
    private Map<String, String> readerProperties() {
        Map<String, String> properties = new LinkedHashMap<>(catalogProperties());
        properties.putAll(s3FileIo());
        return properties;
    }

    private Map<String, String> s3FileIo() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", s3.endpoint().toString());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", s3.accessKey());
        properties.put("s3.secret-access-key", s3.secretKey());
        properties.put("client.region", S3ProxyServer.REGION.id());
        properties.put("http-client.type", "urlconnection");
        return properties;
    }

    /** The current snapshot's rows, read through Iceberg; none before the first commit created the table. */
    List<ReadRow> rows() {
        if (!reader.tableExists(ID)) {
            return List.of();
        }
        return IcebergRows.read(table()).values().stream()
                .map(QuickstartTable::row)
                .toList();
    }

    private Table table() {
        return reader.loadTable(ID);
    }

    /**
     * One Iceberg record as the Hive reader gives a row: columns by name, timestamps in epoch ms, the identity
     * partition {@code split} as a path level too.
     */
    private static ReadRow row(Record record) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (NestedField field : record.struct().fields()) {
            columns.put(field.name(), plain(record.getField(field.name())));
        }
        return new ReadRow(TABLE, Map.of("split", String.valueOf(columns.get("split"))), columns);
    }

    private static Object plain(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toEpochMilli();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return value;
    }

    /** Where the table is, its rows per split and label, its snapshots, and time travel to the first one. */
    void print(List<ReadRow> rows) {
        Table table = table();
        QuickstartReport.step("The table: " + CATALOG + "." + TABLE + " (Iceberg format v"
                + ((HasTableOperations) table).operations().current().formatVersion() + ")");
        QuickstartReport.line("catalog:   JDBC on SQLite %s (catalog name '%s')", CATALOG_DB, CATALOG);
        QuickstartReport.line(
                "metadata:  %s",
                ((HasTableOperations) table).operations().current().metadataFileLocation());
        QuickstartReport.line(
                "data:      %s (the S3 server keeps its files under %s)",
                table.properties().get("write.data.path"), Quickstart.S3_DIR);
        QuickstartReport.line(
                "partitioned by %s; rows per split and label, read through Iceberg:",
                table.spec().fields().stream()
                        .map(f -> f.transform() + "(" + table.schema().findColumnName(f.sourceId()) + ")")
                        .toList());
        Map<String, Long> perLabel = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> String.format(Locale.ROOT, "split=%-12s label %s", r.get("split"), r.get("label")),
                        TreeMap::new,
                        Collectors.counting()));
        perLabel.forEach((group, count) -> QuickstartReport.line("  %-36s %4d rows", group, count));
        snapshots(table);
    }

    /** One line per snapshot: the unit commit it holds and the rows it added; then the first snapshot's rows. */
    private static void snapshots(Table table) {
        List<Snapshot> history = new ArrayList<>();
        table.snapshots().forEach(history::add);
        history.sort(Comparator.comparingLong(Snapshot::sequenceNumber));
        QuickstartReport.line(
                "%d snapshots, one per unit commit (summary trainset.unit, trainset.sequence):", history.size());
        for (Snapshot snapshot : history) {
            Map<String, String> summary = snapshot.summary();
            QuickstartReport.line(
                    "  snapshot %-20d %s  %-6s unit %s sequence %-4s %5s rows added, %5s in all",
                    snapshot.snapshotId(),
                    QuickstartReport.time(snapshot.timestampMillis()),
                    snapshot.operation(),
                    summary.get("trainset.unit"),
                    summary.get("trainset.sequence"),
                    summary.get("added-records"),
                    summary.get("total-records"));
        }
        Snapshot first = history.get(0);
        QuickstartReport.line(
                "time travel: snapshot %d (the first) returns %d rows, the current one %d",
                first.snapshotId(),
                IcebergRows.readAt(table, first.snapshotId()).size(),
                IcebergRows.read(table).size());
    }

    /** How Spark, pyiceberg and DuckDB read the table (the S3 server only lives as long as the quickstart). */
    void printReaders() {
        Table table = table();
        long snapshot = table.currentSnapshot().snapshotId();
        String metadata = ((HasTableOperations) table).operations().current().metadataFileLocation();
        String conf = "spark.sql.catalog." + CATALOG;
        QuickstartReport.step("Read it (the S3 endpoint " + s3.endpoint() + " lives while the quickstart runs;"
                + " afterwards serve " + Quickstart.S3_DIR + "\n   with any S3 server, e.g. s3proxy's filesystem"
                + " provider, and change the endpoint below)");
        QuickstartReport.line("Spark 3.5 (Scala 2.13), pinned to the current snapshot:");
        QuickstartReport.line("  spark-shell --packages org.apache.iceberg:iceberg-spark-runtime-3.5_2.13:1.12.0,"
                + "org.apache.iceberg:iceberg-aws-bundle:1.12.0,org.xerial:sqlite-jdbc:3.54.1.0 \\");
        QuickstartReport.line("    --conf %s=org.apache.iceberg.spark.SparkCatalog \\", conf);
        Map<String, String> properties = new LinkedHashMap<>(catalogProperties());
        properties.putAll(s3FileIo());
        String confs = properties.entrySet().stream()
                .map(e -> "--conf " + conf + "." + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" \\\n       "));
        QuickstartReport.line("    %s", confs);
        QuickstartReport.line("  then, in the shell:");
        QuickstartReport.line(
                "  spark.read.option(\"snapshot-id\", %dL).table(\"%s.%s\").groupBy(\"split\", \"label\").count()"
                        + ".show()",
                snapshot, CATALOG, TABLE);
        QuickstartReport.line("pyiceberg (its SQL catalog reads the same SQLite file; it applies the name mapping):");
        QuickstartReport.line(
                "  python3 -c \"from pyiceberg.catalog.sql import SqlCatalog; t = SqlCatalog('%s',"
                        + " uri='sqlite:///%s', warehouse='%s', **{'s3.endpoint': '%s', 's3.access-key-id': '%s',"
                        + " 's3.secret-access-key': '%s', 's3.region': '%s'}).load_table('%s');"
                        + " print(t.scan(snapshot_id=%d).to_pandas().groupby(['split', 'label'], dropna=False).size())\"",
                CATALOG,
                CATALOG_DB,
                WAREHOUSE,
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                S3ProxyServer.REGION.id(),
                TABLE,
                snapshot);
        QuickstartReport.line("DuckDB (iceberg and httpfs extensions), from the current metadata file:");
        QuickstartReport.line(
                "  duckdb -c \"INSTALL iceberg; LOAD iceberg; CREATE SECRET (TYPE s3, KEY_ID '%s', SECRET '%s',"
                        + " REGION '%s', ENDPOINT '%s', URL_STYLE 'path', USE_SSL false);"
                        + " SELECT split, label, count(*) AS n FROM iceberg_scan('%s') GROUP BY ALL ORDER BY ALL\"",
                s3.accessKey(),
                s3.secretKey(),
                S3ProxyServer.REGION.id(),
                s3.endpoint().getAuthority(),
                metadata);
        QuickstartReport.line("None of these three was run by the quickstart; docs/iceberg.md has more readers.");
    }

    @Override
    public void close() throws IOException {
        if (reader instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
