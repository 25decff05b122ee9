package io.trainset.connect.testing;

import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.DictionaryChoices;
import io.trainset.connect.dataset.FileUploads;
import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.dataset.ParquetFormat;
import io.trainset.connect.dataset.PreparedCommit;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.output.HiveOutput;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.pipeline.Outputs;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.state.StagedFiles;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one set-up of the dataset tests: a task's {@link WriterContext} over a store (Parquet files, by
 * default the {@link Datasets#labelOnly()} shape, no card, no open-file bound), writers whose files are
 * staged as production stages them ({@link HiveOutput}), and a unit's commit published as production
 * publishes it once its checkpoint exists ({@link #commit}); for pipeline tests, the {@link Outputs} of it.
 */
public final class DatasetWriters {

    private final ObjectStore store;
    private final WriterContext context;
    private final DatasetOutput output;

    private DatasetWriters(ObjectStore store, WriterContext context, StoreRetry retry) {
        this.store = store;
        this.context = context;
        this.output = new HiveOutput(new StagedFiles(store, retry));
    }

    /** The set-up of a task's writer context as the connector's configuration makes it ({@code DatasetWiring}). */
    public static DatasetWriters of(WriterContext context) {
        return new DatasetWriters(
                context.store(), context, new StoreRetry(context.store().location(), 0, Duration.ZERO, Duration.ZERO));
    }

    /** The set-up over {@code store}, with the defaults until changed. */
    public static Builder in(ObjectStore store) {
        return new Builder(store);
    }

    public WriterContext context() {
        return context;
    }

    public DatasetOutput output() {
        return output;
    }

    /** A writer of {@code unit}'s first commit whose files are uploaded at once, on the writing thread. */
    public DatasetWriter writer(int unit, String token) {
        return writer(unit, token, 1, Runnable::run);
    }

    /** A writer of {@code unit} whose first commit is {@code commit} and whose files {@code uploads} uploads. */
    public DatasetWriter writer(int unit, String token, long commit, FileUploads uploads) {
        return new DatasetWriter(context, unit, token, commit, output.staging(unit, token), uploads);
    }

    /** The units' writers, checkpoints and this output, each writer instance under a token of {@code tokens}. */
    public Outputs outputs(CheckpointStore checkpoints, Supplier<String> tokens) {
        return Outputs.of(context, checkpoints, output, tokens);
    }

    /** {@link #commit(DatasetWriter, int, boolean)} with no commit waiting after it. */
    public PreparedCommit commit(DatasetWriter writer, int unit) {
        return commit(writer, unit, false);
    }

    /**
     * Commits {@code unit}'s writer as the unit's commit does once its checkpoint is created (none is written
     * here): prepares the commit (finishing its open files), publishes its files and counts them in the card,
     * with a progress that says nothing of the unit's inputs.
     */
    public PreparedCommit commit(DatasetWriter writer, int unit, boolean moreCommitsWaiting) {
        PreparedCommit prepared = writer.prepare();
        Checkpoint checkpoint = new Checkpoint(
                unit,
                prepared.sequence(),
                prepared.sequence(),
                Map.of(),
                new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of()),
                prepared.files().stream()
                        .map(f -> new Checkpoint.File(f.key(), f.staged(), f.rows()))
                        .toList());
        try {
            output.publish(checkpoint, () -> writer.published(prepared, progress(unit, prepared), moreCommitsWaiting));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prepared;
    }

    /** What the card records of a commit whose unit says nothing of its inputs. */
    public UnitProgress progress(int unit, PreparedCommit prepared) {
        return new UnitProgress(
                unit,
                prepared.sequence(),
                Map.of(),
                Long.MIN_VALUE,
                false,
                context.clock().millis());
    }

    /** The keys of {@code unit}'s files that are uploaded to their staged keys and not yet published, in key order. */
    public List<String> staged(int unit) {
        String directory = DatasetKeys.pendingDirectory(unit);
        try {
            return store.list(directory).stream()
                    .map(key -> key.substring(directory.length()))
                    .map(rest ->
                            rest.substring(rest.indexOf('/') + 1, rest.length() - DatasetKeys.STAGED_SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options of the set-up; the rest as production's defaults or a test's needs. */
    public static final class Builder {
        private final ObjectStore store;
        private DatasetShape shape = Datasets.labelOnly();
        private ParquetSettings parquet = ParquetSettings.defaults();
        private int flushSize = 1_000;
        private Duration rotateInterval = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private OpenFileBudget budget = OpenFileBudget.unbounded();
        private Optional<DatasetCard> card = Optional.empty();
        private StoreRetry retry;
        private TaskMetrics metrics;

        private Builder(ObjectStore store) {
            this.store = store;
            this.retry = new StoreRetry(store.location(), 0, Duration.ZERO, Duration.ZERO);
        }

        public Builder shape(DatasetShape shape) {
            this.shape = shape;
            return this;
        }

        public Builder parquet(ParquetSettings parquet) {
            this.parquet = parquet;
            return this;
        }

        public Builder flushSize(int flushSize) {
            this.flushSize = flushSize;
            return this;
        }

        public Builder rotateInterval(Duration rotateInterval) {
            this.rotateInterval = rotateInterval;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder budget(OpenFileBudget budget) {
            this.budget = budget;
            return this;
        }

        public Builder card(DatasetCard card) {
            this.card = Optional.of(card);
            return this;
        }

        /** How publishing a commit's files is retried (by default not at all). */
        public Builder retry(StoreRetry retry) {
            this.retry = retry;
            return this;
        }

        /** Where uploads are counted (by default: metrics published nowhere, on the builder's clock). */
        public Builder metrics(TaskMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Files written to {@code files} (e.g. a retrying store) while the output publishes in the set-up's store. */
        public DatasetWriters build(ObjectStore files) {
            return new DatasetWriters(
                    store,
                    new WriterContext(
                            files,
                            new ParquetFormat(parquet),
                            shape,
                            flushSize,
                            rotateInterval,
                            clock,
                            budget,
                            card,
                            metrics != null ? metrics : TaskMetrics.unpublished(clock),
                            new DictionaryChoices()),
                    retry);
        }

        public DatasetWriters build() {
            return build(store);
        }
    }
}
