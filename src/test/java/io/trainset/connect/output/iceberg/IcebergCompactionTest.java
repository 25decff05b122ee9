package io.trainset.connect.output.iceberg;

import static io.trainset.connect.output.iceberg.IcebergTables.AMOUNT;
import static io.trainset.connect.output.iceberg.IcebergTables.rows;
import static io.trainset.connect.testing.IcebergRows.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.testing.IcebergRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction in the middle of a live stream, as Spark's rewrite_data_files makes one with Iceberg core's
 * {@link RewriteFiles}: each partition's files rewritten into one, while the connector appends another commit before
 * the compaction commits. Rows and keys stay the same, none twice, fewer files; publishing a compacted commit again
 * still appends nothing.
 */
class IcebergCompactionTest {

    private static final int UNIT = 1;

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
    void aCompactionBesideTheConnectorKeepsEveryRowOnceWithFewerFiles() throws IOException {
        List<Checkpoint> commits = new ArrayList<>();
        for (int sequence = 1; sequence <= 4; sequence++) {
            Checkpoint commit = tables.stage(output, UNIT, sequence, "aaaa", AMOUNT, rows("c" + sequence + "-", 10));
            output.publish(commit, () -> {});
            commits.add(commit);
        }
        Table table = tables.table();
        Set<String> keys = read(table).keySet();
        int filesBefore = fileCount(table);
        long base = table.currentSnapshot().snapshotId();
        RewriteFiles compaction = compact(table);

        Checkpoint live = tables.stage(output, UNIT, 5, "aaaa", AMOUNT, rows("c5-", 10));
        output.publish(live, () -> {});
        compaction.validateFromSnapshot(base).commit();
        output.publish(commits.get(3), () -> {});
        tables.output().recover(UNIT, java.util.Optional.of(live));

        Table after = tables.table();
        Map<String, Record> rows = read(after);
        assertThat(rows).hasSize(50);
        assertThat(rows.keySet()).containsAll(keys).hasSize(keys.size() + 10);
        assertThat(fileCount(after))
                .isLessThan(filesBefore)
                .isEqualTo(2 + live.files().size());
        assertThat(after.currentSnapshot().operation()).isEqualTo("replace");
    }

    private static int fileCount(Table table) {
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** One new file per partition holding the rows of its files (written with field ids, as Spark writes). */
    private static RewriteFiles compact(Table table) throws IOException {
        Map<String, List<DataFile>> byPartition = new HashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                byPartition
                        .computeIfAbsent(task.file().partition().get(0, String.class), p -> new ArrayList<>())
                        .add(task.file());
            }
        }
        Set<DataFile> rewritten = new HashSet<>();
        Set<DataFile> added = new HashSet<>();
        for (Map.Entry<String, List<DataFile>> partition : byPartition.entrySet()) {
            rewritten.addAll(partition.getValue());
            added.add(write(table, partition.getValue().get(0).partition(), partition.getKey()));
        }
        return table.newRewrite().rewriteFiles(rewritten, added);
    }

    private static DataFile write(Table table, StructLike partition, String split) throws IOException {
        String location =
                table.locationProvider().newDataLocation(table.spec(), partition, "compacted-" + split + ".parquet");
        DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(location))
                .forTable(table)
                .withPartition(partition)
                .createWriterFunc(GenericParquetWriter::create)
                .build();
        try (writer;
                CloseableIterable<Record> rows =
                        IcebergRows.scan(table, table.newScan().filter(Expressions.equal("split", split)))) {
            rows.forEach(writer::write);
        }
        return writer.toDataFile();
    }
}
