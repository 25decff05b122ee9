package io.trainset.connect;

import io.trainset.connect.config.DatasetIdentity;
import io.trainset.connect.config.DatasetSettings;
import io.trainset.connect.config.OutputRules;
import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.dataset.DictionaryChoices;
import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.dataset.ParquetFormat;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.Policies;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.storage.ObjectStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Dataset group's collaborators of one task: extractors, the shape, the budget and the card. The column
 * type guard and the label bound start from what the dataset card recorded ({@link CardSeed}, read by the caller), and
 * a layout other than the one the card records fails the task's start.
 */
final class DatasetWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWiring.class);

    private final TrainsetSinkConfig config;
    private final DatasetSettings settings;
    private final ObjectStore store;
    private final Clock clock;
    private final ColumnTypeGuard guard;
    private final DistinctLabels labels;
    private final TaskMetrics metrics;

    DatasetWiring(TrainsetSinkConfig config, ObjectStore store, Clock clock, CardSeed seed) {
        this(config, store, clock, seed, TaskMetrics.unpublished(clock));
    }

    /** As above; the writers record the task's upload and open-file metrics in {@code metrics}. */
    DatasetWiring(TrainsetSinkConfig config, ObjectStore store, Clock clock, CardSeed seed, TaskMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.settings = config.datasetSettings();
        this.store = store;
        this.clock = clock;
        this.guard = new ColumnTypeGuard(settings.typeChangePolicy(), settings.maxColumns());
        // With label.allowed and 'other' or 'dlq', the labels are bounded by the list already.
        this.labels = settings.labels().classNames().isPresent()
                ? DistinctLabels.unbounded()
                : new DistinctLabels(settings.maxLabels());
        seed.requireLayout(settings.layout(), store.location());
        seed.columns().forEach(guard::establish);
        seed.mixedColumns().forEach(guard::exists);
        seed.labels().forEach(labels::seen);
    }

    /**
     * The submitted event's features: a column named like a path level, a resolved column or one of
     * Trainset's own is written as {@code feature_<name>} (docs/dataset.md, "Reserved column names").
     */
    FeatureExtractor featureExtractor() {
        Set<String> reserved = new HashSet<>();
        settings.layout().levels().forEach(level -> reserved.add(level.levelName()));
        settings.resolvedFields().forEach(path -> reserved.add(path.columnName()));
        reserved.addAll(earlyLabelColumns());
        return new FeatureExtractor(
                config.featureIncludes(),
                config.featureExcludes(),
                new FeatureOptions(
                        settings.featureRenames(), reserved, settings.groupField(), false, guard, settings.nesting()));
    }

    ResolutionExtractor resolutionExtractor() {
        Optional<FeatureExtractor> columns = settings.resolvedFields().isEmpty()
                ? Optional.empty()
                : Optional.of(new FeatureExtractor(
                        settings.resolvedFields(),
                        List.of(),
                        new FeatureOptions(
                                Map.of(),
                                reservedForResolved(),
                                Optional.empty(),
                                true,
                                guard,
                                settings.nesting(),
                                false)));
        return new ResolutionExtractor(settings.labels(), columns, labels, labelPathBound());
    }

    /** How long a label may be as a path level under the output prefix ({@link OutputRules#labelPathBound}). */
    LabelPathBound labelPathBound() {
        return OutputRules.labelPathBound(
                config.outputUrl(), settings.layout(), settings.splits().names());
    }

    private Set<String> reservedForResolved() {
        Set<String> reserved = new HashSet<>();
        settings.layout().levels().forEach(level -> reserved.add(level.levelName()));
        reserved.addAll(earlyLabelColumns());
        return reserved;
    }

    /** Early labels with timeouts not written: a never-resolved case's provisional row is never superseded. */
    private void warnIfProvisionalRowsStay() {
        Policies.TimedOut timedOut = config.joinSettings().timedOut();
        if (config.joinSettings().earlyLabels() && timedOut != Policies.TimedOut.EMIT) {
            LOG.warn(
                    "join.early.window.ms is set and join.timed.out.policy is {}: a case never resolved gets a "
                            + "provisional row and no final row, so its provisional row is never superseded (\"latest "
                            + "version per case\" keeps it). Set join.timed.out.policy=emit to have a final, timed-out "
                            + "row for each such case.",
                    timedOut.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Reserved only while the early-label mode is on, so a feature of that name in another dataset keeps it. */
    private Set<String> earlyLabelColumns() {
        return config.joinSettings().earlyLabels() ? DatasetColumns.EARLY_LABEL_COLUMNS : Set.of();
    }

    WriterContext writerContext() {
        warnIfProvisionalRowsStay();
        DatasetShape shape = new DatasetShape(
                settings.splits(),
                settings.layout(),
                settings.labels().classNames(),
                config.joinSettings().after(),
                config.joinSettings().earlyLabels());
        CardContext card = new CardContext(
                Version.get(),
                DatasetIdentity.digest(config),
                store.location(),
                settings.layout(),
                settings.splits(),
                settings.groupField().map(FieldPath::toString),
                settings.labels().classNames(),
                config.joinSettings().earlyLabels());
        OpenFileBudget budget = new OpenFileBudget(settings.maxOpenFiles(), settings.maxBufferedBytes(), metrics);
        LOG.info(
                "Row groups of at most {} bytes: parquet.row.group.bytes {} and the share of each of "
                        + "dataset.max.open.files {} in dataset.max.buffered.bytes {}",
                Math.min(config.parquetSettings().rowGroupBytes(), budget.rowGroupBytesPerFile()),
                config.parquetSettings().rowGroupBytes(),
                settings.maxOpenFiles(),
                settings.maxBufferedBytes());
        return new WriterContext(
                store,
                new ParquetFormat(config.parquetSettings().withRowGroupBytesAtMost(budget.rowGroupBytesPerFile())),
                shape,
                config.flushSize(),
                config.rotateInterval(),
                clock,
                budget,
                Optional.of(new DatasetCard(store, card, clock)),
                metrics,
                new DictionaryChoices());
    }
}
