package io.trainset.connect.output.iceberg;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.PreparedCommit;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.testing.DatasetWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A JDBC catalog on a real SQLite database in a directory, an Iceberg output over a local store, Trainset's own
 * writers for the data files, and Iceberg's generic reader to read the table back.
 */
final class IcebergTables {

    static final String TABLE = "ml.tickets";

    private final ObjectStore store;
    private final Path dir;
    private final DatasetWriters writers;

    /** The catalog in {@code dir}, the data files written by shape {@code shape} over {@code store}. */
    IcebergTables(ObjectStore store, Path dir, DatasetShape shape) {
        this.store = store;
        this.dir = dir;
        this.writers = DatasetWriters.in(store).shape(shape).build();
    }

    /** The catalog in {@code dir}, data files of {@link #shape()} over a local store in {@code dir}/out. */
    static IcebergTables local(Path dir) throws IOException {
        return local(dir, shape());
    }

    /** The catalog in {@code dir}, data files of {@code shape} over a local store in {@code dir}/out. */
    static IcebergTables local(Path dir, DatasetShape shape) throws IOException {
        return new IcebergTables(new LocalObjectStore(dir.resolve("out")), dir, shape);
    }

    /** Two splits as the identity partition, the label as a column, the default label window, no early labels. */
    static DatasetShape shape() {
        return shape(DatasetShape.DEFAULT_LABEL_WINDOW, false);
    }

    /** Two splits as the identity partition, the label as a column. */
    static DatasetShape shape(Duration labelWindow, boolean earlyLabels) {
        return new DatasetShape(
                new SplitSpec(
                        List.of(new SplitSpec.Ratio("train", 0.5), new SplitSpec.Ratio("test", 0.5)),
                        "",
                        Optional.empty()),
                new LayoutSpec(List.of(PathLevel.SPLIT), ZoneOffset.UTC, false),
                Optional.empty(),
                labelWindow,
                earlyLabels);
    }

    /** The store the data files are written to. */
    ObjectStore store() {
        return store;
    }

    Map<String, String> catalogProperties() {
        return Map.of(
                "type",
                "jdbc",
                "uri",
                "jdbc:sqlite:" + dir.resolve("catalog.db"),
                "jdbc.schema-version",
                "V1",
                "warehouse",
                dir.resolve("warehouse").toUri().toString());
    }

    IcebergSettings settings() {
        return new IcebergSettings(
                "test",
                catalogProperties(),
                TABLE,
                2,
                "zstd",
                128L << 20,
                10,
                List.of(PathLevel.SPLIT),
                Optional.empty(),
                "sha256:test");
    }

    IcebergOutput output() {
        return new IcebergOutput(settings(), store, "tickets");
    }

    Table table() {
        return IcebergTable.catalog(settings()).loadTable(TableIdentifier.parse(TABLE));
    }

    /** Writes the rows with {@code feature} as their one feature column through the output's staging, unpublished. */
    Checkpoint stage(IcebergOutput output, int unit, long sequence, String token, Column feature, List<Row> rows) {
        DatasetWriter writer =
                new DatasetWriter(writers.context(), unit, token, sequence, output.staging(unit, token), Runnable::run);
        rows.forEach(writer::write);
        PreparedCommit prepared = writer.prepare();
        return new Checkpoint(
                unit,
                sequence,
                sequence,
                Map.of(),
                new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of()),
                prepared.files().stream()
                        .map(f -> new Checkpoint.File(f.key(), f.staged(), f.rows()))
                        .toList());
    }

    static Row row(String key, String label, Column feature, Object value) {
        return new Row(
                key,
                new Features(List.of(feature), java.util.Collections.singletonList(value)),
                label,
                1_000L,
                2_000L,
                JoinStatus.JOINED,
                1,
                List.of());
    }

    static List<Row> rows(String prefix, int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(prefix + i, i % 2 == 0 ? "billing" : "technical", AMOUNT, (double) i));
        }
        return rows;
    }

    static final Column AMOUNT = new Column("amount", ColumnType.DOUBLE);
}
