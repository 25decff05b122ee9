package io.trainset.connect.output.iceberg;

import static io.trainset.connect.output.iceberg.IcebergTables.AMOUNT;
import static io.trainset.connect.output.iceberg.IcebergTables.rows;
import static io.trainset.connect.testing.IcebergRows.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.storage.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit protocol when the table's history is not the whole story: snapshots expired, another connector's
 * table, a schema change racing another unit's append.
 */
class IcebergHistoryTest {

    private static final int UNIT = 3;
    private static final int OTHER_UNIT = 4;

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
    void aQuietUnitsCommitWhoseSnapshotExpiredIsNotAppendedAgainAtRecover() throws IOException {
        Checkpoint only = tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 5));
        output.publish(only, () -> {});
        for (int sequence = 1; sequence <= 3; sequence++) {
            output.publish(
                    tables.stage(output, OTHER_UNIT, sequence, "bbbb", AMOUNT, rows("b" + sequence + "-", 5)),
                    () -> {});
        }
        expireAllButTheCurrentSnapshot();

        tables.output().recover(UNIT, Optional.of(only));

        assertThat(read(tables.table())).hasSize(20);
    }

    @Test
    void aPausedZombiesOlderCommitIsRefusedAfterItsSnapshotExpired() throws IOException {
        Checkpoint seventh = tables.stage(output, UNIT, 7, "aaaa", AMOUNT, rows("a", 5));
        IcebergOutput newOwner = tables.output();
        newOwner.recover(UNIT, Optional.of(seventh));
        newOwner.publish(tables.stage(newOwner, UNIT, 8, "bbbb", AMOUNT, rows("b", 5)), () -> {});
        expireAllButTheCurrentSnapshot();

        output.publish(seventh, () -> {});

        assertThat(read(tables.table()).keySet())
                .containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "b3", "b4");
    }

    @Test
    void aTableAnotherConnectorCreatedIsRefusedNamingTheKeys() throws IOException {
        output.publish(tables.stage(output, 0, 1, "aaaa", AMOUNT, rows("a", 5)), () -> {});
        IcebergTables elsewhere =
                new IcebergTables(new LocalObjectStore(dir.resolve("elsewhere")), dir, IcebergTables.shape());
        IcebergOutput second = elsewhere.output();
        Checkpoint theirs = elsewhere.stage(second, 0, 1, "bbbb", AMOUNT, rows("b", 5));

        assertThatThrownBy(() -> second.publish(theirs, () -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("iceberg.table")
                .hasMessageContaining("output.url")
                .hasMessageContaining("two connectors cannot share a table");
        assertThat(read(tables.table())).hasSize(5);
    }

    @Test
    void aNewColumnIsAddedWhenAnotherUnitAppendedSinceTheTableWasLoaded() throws IOException {
        output.publish(tables.stage(output, UNIT, 1, "aaaa", AMOUNT, rows("a", 4)), () -> {});
        Table stale = tables.table();
        output.publish(tables.stage(output, OTHER_UNIT, 1, "bbbb", AMOUNT, rows("b", 4)), () -> {});
        Column channel = new Column("channel", ColumnType.STRING);
        Checkpoint withChannel = tables.stage(
                output, UNIT, 2, "aaaa", channel, List.of(IcebergTables.row("c0", "billing", channel, "email")));
        String staged = dir.resolve("out").toUri() + withChannel.files().get(0).staged();

        TableSchemas.evolve(
                stale,
                FileFooters.read(stale.io().newInputFile(staged))
                        .getFileMetaData()
                        .getSchema(),
                tables.settings().partitions());

        assertThat(tables.table().schema().findField("channel")).isNotNull();
        output.publish(withChannel, () -> {});
        assertThat(read(tables.table()).get("c0").getField("channel")).isEqualTo("email");
    }

    private void expireAllButTheCurrentSnapshot() {
        tables.table()
                .expireSnapshots()
                .expireOlderThan(tables.table().currentSnapshot().timestampMillis() + 1)
                .retainLast(1)
                .commit();
    }
}
