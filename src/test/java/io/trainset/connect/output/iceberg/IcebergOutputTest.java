package io.trainset.connect.output.iceberg;

import static io.trainset.connect.output.iceberg.IcebergTables.AMOUNT;
import static io.trainset.connect.output.iceberg.IcebergTables.rows;
import static io.trainset.connect.testing.IcebergRows.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Row;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.testing.IcebergRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.mapping.NameMappingParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg output's commit protocol against a JDBC catalog on a real SQLite database: the table created at the
 * first publish, one append per commit recording the unit and sequence, publish and recover idempotent, a racing
 * second publisher refused, other units' concurrent appends retried, schema evolution, orphan removal.
 */
class IcebergOutputTest {

    private static final int UNIT = 3;

    @TempDir
    Path dir;

    private IcebergTables tables;
    private IcebergOutput output;

    @BeforeEach
    void open() throws IOException {
        tables = IcebergTables.local(dir);
        output = tables.output();
    }

    @Test
    void theFirstPublishCreatesTheTableAndAppendsTheCommitWithItsUnitAndSequenceInTheSnapshotSummary()
            throws IOException {
        Checkpoint first = tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("k", 20));
        AtomicInteger counted = new AtomicInteger();

        output.publish(first, counted::incrementAndGet);

        Table table = tables.table();
        Map<String, Record> rows = read(table);
        assertThat(rows).hasSize(20);
        assertThat(rows.get("k3").getField("label")).isEqualTo("technical");
        assertThat(rows.get("k3").getField("amount")).isEqualTo(3.0);
        assertThat(rows.values())
                .allSatisfy(r -> assertThat(r.getField("split")).isIn("train", "test"));
        assertThat(table.spec().fields())
                .singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("split"));
        assertThat(table.properties())
                .containsEntry("write.parquet.compression-codec", "zstd")
                .containsKey("schema.name-mapping.default");
        assertThat(((HasTableOperations) table).operations().current().formatVersion())
                .isEqualTo(2);
        assertThat(NameMappingParser.fromJson(table.properties().get("schema.name-mapping.default"))
                        .find("key"))
                .isNotNull();
        Snapshot snapshot = table.currentSnapshot();
        assertThat(snapshot.summary())
                .containsEntry("trainset.unit", "3")
                .containsEntry("trainset.sequence", "1")
                .containsEntry("trainset.token", "aaaa")
                .containsEntry("trainset.connector", "tickets")
                .containsEntry("added-records", "20");
        assertThat(counted).hasValue(1);
        assertThat(first.files()).allSatisfy(f -> assertThat(f.staged()).startsWith("data/unit-0003/00000001-aaaa/"));
    }

    @Test
    void closingTheOutputClosesTheCatalogSoNoLaterStepReachesTheTable() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 3)), () -> {});
        Checkpoint second = tables.stage(output, UNIT, 2, "aaaa", AMOUNT, rows("b", 3));

        output.close();

        assertThatThrownBy(() -> output.publish(second, () -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot append commit 2 of unit " + UNIT)
                .hasStackTraceContaining("closed");
        assertThat(read(tables.table())).hasSize(3);
    }

    @Test
    void publishingACommitAgainAppendsNothing() throws IOException {
        Checkpoint first = tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("k", 10));
        output.publish(first, () -> {});
        long snapshot = tables.table().currentSnapshot().snapshotId();

        output.publish(first, () -> {});
        tables.output().publish(first, () -> {});

        Table table = tables.table();
        assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(read(table)).hasSize(10);
    }

    @Test
    void recoverAppendsTheNewestCheckpointThatACrashLeftUnpublishedOnceOnly() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 5)), () -> {});
        Checkpoint second = tables.stage(output, UNIT, 2, "aaaa", AMOUNT, rows("b", 5));
        // the task dies here: checkpoint 2 exists, its append was never made

        IcebergOutput restarted = tables.output();
        restarted.recover(UNIT, Optional.of(second));
        restarted.recover(UNIT, Optional.of(second));

        Table table = tables.table();
        assertThat(read(table).keySet()).containsExactly("a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "b3", "b4");
        assertThat(sequences(table)).containsExactly("2", "1");
    }

    @Test
    void aSecondPublisherOfTheSameCommitRacingTheFirstIsRefusedWhenItsCommitIsRetried() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 4)), () -> {});
        Checkpoint second = tables.stage(output, UNIT, 2, "aaaa", AMOUNT, rows("b", 4));
        Table zombieView = tables.table();
        AppendFiles zombie = zombieView
                .newAppend()
                .set(UnitCommits.UNIT, String.valueOf(UNIT))
                .set(UnitCommits.SEQUENCE, "2")
                .validateWith(UnitCommits.notYetIn(UNIT, 2));
        zombieView.currentSnapshot().addedDataFiles(zombieView.io()).forEach(zombie::appendFile);

        output.publish(second, () -> {});

        assertThatThrownBy(zombie::commit)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(UnitCommits.alreadyMessage(UNIT, 2));
        assertThat(read(tables.table())).hasSize(8);
    }

    @Test
    void concurrentAppendsOfOtherUnitsAreRetriedAndAllLand() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 3)), () -> {});
        Table stale = tables.table();
        IcebergOutput other = tables.output();
        Checkpoint unit4 = tables.stage(other, 4, 1, "bbbb", AMOUNT, rows("u", 3));
        other.publish(unit4, () -> {});
        AppendFiles late = stale.newAppend()
                .set(UnitCommits.UNIT, "5")
                .set(UnitCommits.SEQUENCE, "1")
                .validateWith(UnitCommits.notYetIn(5, 1));
        List<DataFile> files = new ArrayList<>();
        tables.table().currentSnapshot().addedDataFiles(stale.io()).forEach(files::add);
        files.forEach(late::appendFile);

        late.commit();

        Table table = tables.table();
        assertThat(sequences(table)).hasSize(3);
        assertThat(IcebergRows.rowCount(IcebergRows.scan(table, table.newScan())))
                .isEqualTo(9);
    }

    @Test
    void aFeatureColumnThatAppearsMidwayIsAddedAsANullableColumn() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 4)), () -> {});
        Column channel = new Column("channel", ColumnType.STRING);
        List<Row> later = List.of(IcebergTables.row("b0", "billing", channel, "email"));

        output.publish(tables.stage(output, UNIT, 2, "aaaa", channel, later), () -> {});

        Table table = tables.table();
        assertThat(table.schema().findField("channel").isOptional()).isTrue();
        Map<String, Record> rows = read(table);
        assertThat(rows.get("b0").getField("channel")).isEqualTo("email");
        assertThat(rows.get("a0").getField("channel")).isNull();
        assertThat(rows.get("a1").getField("amount")).isEqualTo(1.0);
    }

    @Test
    void timeTravelToAnEarlierSnapshotReturnsTheEarlierRows() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 3)), () -> {});
        long first = tables.table().currentSnapshot().snapshotId();
        output.publish(tables.stage(output, UNIT, 2, "aaaa", AMOUNT, rows("b", 3)), () -> {});

        Table table = tables.table();
        assertThat(IcebergRows.readAt(table, first).keySet()).containsExactly("a0", "a1", "a2");
        assertThat(read(table)).hasSize(6);
    }

    @Test
    void recoverDeletesTheFilesOfAFencedWriterAndKeepsThePublishedAndTheLaterOnes() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 3)), () -> {});
        Checkpoint fenced = tables.stage(output, UNIT, 2, "zzzz", AMOUNT, rows("z", 3));
        Checkpoint second = tables.stage(output, UNIT, 2, "bbbb", AMOUNT, rows("b", 3));
        output.publish(second, () -> {});
        Checkpoint later = tables.stage(output, UNIT, 3, "yyyy", AMOUNT, rows("y", 3));
        List<String> fencedFiles = staged(fenced);
        assertThat(fencedFiles).isNotEmpty();
        assertThat(tables.store().list(StagedDataFiles.directory(UNIT))).containsAll(fencedFiles);

        tables.output().recover(UNIT, Optional.of(second));

        List<String> left = tables.store().list(StagedDataFiles.directory(UNIT));
        assertThat(left).doesNotContainAnyElementsOf(fencedFiles);
        assertThat(left).containsAll(staged(second)).containsAll(staged(later));
        assertThat(read(tables.table()).keySet()).containsExactly("a0", "a1", "a2", "b0", "b1", "b2");
    }

    private static List<String> staged(Checkpoint checkpoint) {
        return checkpoint.files().stream().map(Checkpoint.File::staged).toList();
    }

    private static List<String> sequences(Table table) {
        List<String> sequences = new ArrayList<>();
        for (Snapshot s : org.apache.iceberg.util.SnapshotUtil.ancestorsOf(
                table.currentSnapshot().snapshotId(), table::snapshot)) {
            sequences.add(s.summary().get(UnitCommits.SEQUENCE));
        }
        return sequences;
    }
}
