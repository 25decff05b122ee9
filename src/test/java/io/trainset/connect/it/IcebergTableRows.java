package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.IcebergCatalogClient;
import io.trainset.connect.testing.IcebergRows;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * output.format=iceberg for a chaos run: a JDBC catalog on a SQLite file that the test JVM and the external workers'
 * JVMs share (a real database; sqlite-jdbc is on the test classpath, which the external workers run with), the table's
 * files on the S3 server. The test reads the current snapshot as Spark does (Iceberg's Parquet reader with the
 * table's name mapping, {@link IcebergRows#scan}), every row as often as it is there, so a duplicate is counted, not
 * thrown.
 */
final class IcebergTableRows implements ChaosOutput {

    private static final TableIdentifier TABLE = TableIdentifier.of("ml", "chaos");
    /** The catalog's name: a JDBC catalog keeps its tables under it, so the connector and the test use the same. */
    private static final String CATALOG = "chaos";

    private final SupportRoutingEnvironment env;
    private final Map<String, String> catalog;
    private Catalog reader;
    private int files;

    /** @param catalogDirectory where the SQLite file of the catalog is */
    IcebergTableRows(SupportRoutingEnvironment env, Path catalogDirectory) {
        this.env = env;
        this.catalog = Map.of(
                "type",
                "jdbc",
                "uri",
                "jdbc:sqlite:" + catalogDirectory.resolve("catalog.db"),
                "jdbc.schema-version",
                "V1",
                "warehouse",
                "s3://" + env.bucket + "/warehouse");
    }

    @Override
    public Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>(
                Map.of("output.format", "iceberg", "layout.partitions", "split", "iceberg.table", TABLE.toString()));
        catalog.forEach((k, v) -> overrides.put("iceberg.catalog." + k, v));
        overrides.put("iceberg.catalog.name", CATALOG);
        return overrides;
    }

    @Override
    public List<ReadRow> refresh() {
        if (!reader().tableExists(TABLE)) {
            return List.of();
        }
        Table table = table();
        List<ReadRow> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergRows.scan(table, table.newScan());
                CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            records.forEach(r -> rows.add(readRow(table, r)));
            files = (int) StreamSupport.stream(tasks.spliterator(), false).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static ReadRow readRow(Table table, Record record) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Types.NestedField field : table.schema().columns()) {
            columns.put(field.name(), record.getField(field.name()));
        }
        return new ReadRow(TABLE + "@" + table.currentSnapshot().snapshotId(), Map.of(), columns);
    }

    @Override
    public int files() {
        return files;
    }

    /**
     * Each unit's sequences in the snapshot summaries are distinct and increasing along the history, and the newest
     * is the table's {@code trainset.unit.<N>.sequence}: the unit's newest checkpoint, or, when that one holds no
     * file (a commit of the join state only, which appends nothing), an earlier one. Awaited: the publish of a
     * checkpoint created just before the pause may still be under way.
     */
    @Override
    public String checkCommits(CheckpointStore checkpoints, int units) {
        Map<Integer, List<Long>> history = ConnectClusterFixture.await(
                "every unit's newest checkpoint appended to the table", Duration.ofSeconds(60), () -> {
                    Table table = table();
                    Map<Integer, List<Long>> sequences = sequencesAlongHistory(table);
                    for (int unit = 0; unit < units; unit++) {
                        if (!agree(checkpoints.newest(unit).orElseThrow(), table, sequences.get(unit))) {
                            return null;
                        }
                    }
                    return sequences;
                });
        history.forEach((unit, sequences) -> assertThat(sequences)
                .as("unit %d's sequences along the table's history", unit)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.naturalOrder()));
        Map<Integer, String> perUnit = new TreeMap<>();
        history.forEach((unit, sequences) ->
                perUnit.put(unit, sequences.size() + " commits up to " + sequences.get(sequences.size() - 1)));
        return "Iceberg table " + TABLE + ": per unit " + perUnit + "; each unit's summary sequences distinct and "
                + "increasing, the newest = trainset.unit.<N>.sequence = the newest checkpoint with files";
    }

    private static boolean agree(Checkpoint newest, Table table, List<Long> sequences) {
        String mark = table.properties().get("trainset.unit." + newest.unit() + ".sequence");
        if (mark == null || sequences == null) {
            return false;
        }
        long highWater = Long.parseLong(mark);
        return highWater == sequences.get(sequences.size() - 1)
                && (newest.files().isEmpty() ? highWater < newest.sequence() : highWater == newest.sequence());
    }

    /** The summaries' sequences of each unit, oldest first, walking back from the current snapshot. */
    private static Map<Integer, List<Long>> sequencesAlongHistory(Table table) {
        Map<Integer, List<Long>> sequences = new TreeMap<>();
        for (Snapshot s = table.currentSnapshot();
                s != null;
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            String unit = s.summary().get("trainset.unit");
            if (unit != null) {
                sequences
                        .computeIfAbsent(Integer.parseInt(unit), u -> new ArrayList<>())
                        .add(0, Long.parseLong(s.summary().get("trainset.sequence")));
            }
        }
        return sequences;
    }

    private Table table() {
        Table table = reader().loadTable(TABLE);
        table.refresh();
        return table;
    }

    /** The test's own catalog client, built at first use: after the connector created the catalog's tables. */
    private Catalog reader() {
        if (reader == null) {
            reader = IcebergCatalogClient.reader(CATALOG, catalog, env.s3);
        }
        return reader;
    }

    @Override
    public void close() {
        if (reader instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
