package io.trainset.connect.output.iceberg;

import io.trainset.connect.dataset.Staging;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileIO;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Iceberg table as the output (docs/iceberg.md). Stage: a unit's files are written where the table's data lives
 * ({@link StagedDataFiles}), in no snapshot yet. Publish: one append of the checkpoint's files whose snapshot summary
 * records the unit, the sequence and the writer token ({@link UnitCommits}), refused on every retry when the table's
 * history holds that commit already, so a commit published twice (a roll-forward, a zombie that created the
 * checkpoint before it was fenced) is appended once; concurrent appends of other units are retried by Iceberg
 * ({@code commit.retry.num-retries}). Recover: publish the newest checkpoint the same way, then delete the data files
 * of earlier commits that no snapshot holds and none ever will (a fenced writer's).
 */
public final class IcebergOutput implements DatasetOutput {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergOutput.class);

    private static final String HADOOP_FILE_IO = "org.apache.iceberg.hadoop.HadoopFileIO";

    private final IcebergSettings settings;
    private final IcebergTable table;
    private final FileIO io;
    private final ObjectStore store;
    private final String connector;

    /**
     * The output of {@code store}'s location into the table {@code settings} name, which is created at the first
     * publish when it does not exist; the data files' footers are read through the FileIO of the catalog properties
     * ({@code io-impl}, Hadoop's local and HDFS FileIO when unset).
     *
     * @param connector the connector's name, recorded in each snapshot summary
     */
    public IcebergOutput(IcebergSettings settings, ObjectStore store, String connector) {
        this.settings = settings;
        this.store = store;
        this.io = CatalogUtil.loadFileIO(
                settings.catalogProperties().getOrDefault(CatalogProperties.FILE_IO_IMPL, HADOOP_FILE_IO),
                settings.catalogProperties(),
                new org.apache.hadoop.conf.Configuration());
        this.connector = connector;
        this.table = new IcebergTable(IcebergTable.catalog(settings), settings, path(StagedDataFiles.DATA));
    }

    @Override
    public Staging staging(int unit, String token) {
        return (fileKey, commit) -> StagedDataFiles.key(unit, commit, token, fileKey);
    }

    @Override
    public void publish(Checkpoint checkpoint, Runnable countInCard) throws IOException {
        append(checkpoint);
        countInCard.run();
    }

    @Override
    public void recover(int unit, Optional<Checkpoint> newest) throws IOException {
        if (newest.isEmpty()) {
            return;
        }
        append(newest.get());
        removeOrphans(unit, newest.get().sequence());
    }

    /** Closes the catalog and the data files' FileIO; a failure is logged: the task is stopping anyway. */
    @Override
    public void close() {
        try (FileIO closing = io) {
            table.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not close the catalog of Iceberg table {}: {}", settings.table(), e.toString());
        }
    }

    private void append(Checkpoint checkpoint) throws IOException {
        int unit = checkpoint.unit();
        long sequence = checkpoint.sequence();
        if (checkpoint.files().isEmpty()) {
            return;
        }
        try {
            Table existing = table.loadIfExists();
            if (existing != null && UnitCommits.published(existing, unit, sequence)) {
                LOG.info(
                        "Commit {} of unit {} is in table {} already: not appended again",
                        sequence,
                        unit,
                        settings.table());
                return;
            }
            List<ParquetMetadata> footers = footers(checkpoint);
            Table target = existing != null ? existing : table.loadOrCreate(schemaOf(footers.get(0)));
            evolve(target, footers);
            commit(target, checkpoint, footers);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw new IOException(
                    "Cannot append commit " + sequence + " of unit " + unit + " to Iceberg table " + settings.table()
                            + ": " + e.getMessage(),
                    e);
        }
    }

    private void commit(Table target, Checkpoint checkpoint, List<ParquetMetadata> footers) {
        TableFiles files = new TableFiles(target, io, TableSchemas.mapping(target));
        Transaction transaction = target.newTransaction();
        AppendFiles append = transaction
                .newAppend()
                .set(UnitCommits.UNIT, String.valueOf(checkpoint.unit()))
                .set(UnitCommits.SEQUENCE, String.valueOf(checkpoint.sequence()))
                .set(UnitCommits.TOKEN, tokenOf(checkpoint))
                .set(UnitCommits.CONNECTOR, connector)
                .validateWith(UnitCommits.notYetIn(checkpoint.unit(), checkpoint.sequence()));
        for (int i = 0; i < footers.size(); i++) {
            Checkpoint.File file = checkpoint.files().get(i);
            append.appendFile(files.dataFile(path(file.staged()), file.key(), footers.get(i)));
        }
        try {
            append.commit();
            transaction
                    .updateProperties()
                    .set(UnitCommits.highWater(checkpoint.unit()), String.valueOf(checkpoint.sequence()))
                    .commit();
            transaction.commitTransaction();
            LOG.info(
                    "Appended commit {} of unit {} to Iceberg table {}: {} files, {} rows, snapshot {}",
                    checkpoint.sequence(),
                    checkpoint.unit(),
                    settings.table(),
                    footers.size(),
                    checkpoint.rows(),
                    target.currentSnapshot().snapshotId());
        } catch (ValidationException e) {
            if (!String.valueOf(e.getMessage())
                    .contains(UnitCommits.alreadyMessage(checkpoint.unit(), checkpoint.sequence()))) {
                throw e;
            }
            LOG.info(
                    "Commit {} of unit {} was appended to {} by another writer meanwhile: not appended again",
                    checkpoint.sequence(),
                    checkpoint.unit(),
                    settings.table());
        }
    }

    private void evolve(Table target, List<ParquetMetadata> footers) {
        Set<MessageType> schemas = new LinkedHashSet<>();
        footers.forEach(footer -> schemas.add(schemaOf(footer)));
        schemas.forEach(schema -> TableSchemas.evolve(target, schema, settings.partitions()));
    }

    private List<ParquetMetadata> footers(Checkpoint checkpoint) throws IOException {
        List<ParquetMetadata> footers = new ArrayList<>();
        for (Checkpoint.File file : checkpoint.files()) {
            footers.add(FileFooters.read(io.newInputFile(path(file.staged()))));
        }
        return footers;
    }

    /** Deletes the data files of the unit's commits up to {@code sequence} that the table's history shows unpublished. */
    private void removeOrphans(int unit, long sequence) throws IOException {
        Table current = table.loadIfExists();
        if (current == null) {
            return;
        }
        Map<StagedDataFiles.Commit, List<String>> commits =
                StagedDataFiles.byCommit(store.list(StagedDataFiles.directory(unit)));
        long oldest = commits.keySet().stream()
                .mapToLong(StagedDataFiles.Commit::sequence)
                .min()
                .orElse(sequence);
        UnitCommits.Published published = UnitCommits.tokens(current, unit, oldest);
        int deleted = 0;
        for (Map.Entry<StagedDataFiles.Commit, List<String>> commit : commits.entrySet()) {
            if (orphan(commit.getKey(), sequence, published)) {
                for (String key : commit.getValue()) {
                    store.delete(key);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} data files of unit {} that no commit up to {} published", deleted, unit, sequence);
        }
    }

    private static boolean orphan(StagedDataFiles.Commit commit, long upTo, UnitCommits.Published published) {
        if (commit.sequence() > upTo) {
            return false;
        }
        String token = published.tokens().get(commit.sequence());
        return token != null ? !token.equals(commit.token()) : published.complete();
    }

    private static String tokenOf(Checkpoint checkpoint) {
        return StagedDataFiles.commitOf(checkpoint.files().get(0).staged())
                .map(StagedDataFiles.Commit::token)
                .orElse("");
    }

    private static MessageType schemaOf(ParquetMetadata footer) {
        return footer.getFileMetaData().getSchema();
    }

    /** The absolute location of a key of the store, as the table records it. */
    private String path(String key) {
        String location = store.location();
        return location.endsWith("/") ? location + key : location + "/" + key;
    }
}
