package io.trainset.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.dataset.FileLayout;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.dataset.ParquetFormat;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.dataset.card.CardContext;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Dataset group's collaborators of one task: extractors, the shape, the budget and the card. */
final class DatasetWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWiring.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainsetSinkConfig config;
    private final DatasetSettings settings;
    private final ObjectStore store;
    private final Clock clock;
    private final ColumnTypeGuard guard;
    private final DistinctLabels labels;

    DatasetWiring(TrainsetSinkConfig config, ObjectStore store, Clock clock) {
        this.config = config;
        this.settings = config.datasetSettings();
        this.store = store;
        this.clock = clock;
        this.guard = new ColumnTypeGuard(settings.typeChangePolicy(), settings.maxColumns());
        // With label.allowed and 'other' or 'dlq', the labels are bounded by the list already.
        this.labels = settings.labels().classNames().isPresent() ? DistinctLabels.unbounded()
                : new DistinctLabels(settings.maxLabels());
        seedFromCard();
    }

    /**
     * The submitted event's features: a column named like a path level, a resolved column or one of
     * Trainset's own is written as {@code feature_<name>} (docs/dataset.md, "Reserved column names").
     */
    FeatureExtractor featureExtractor() {
        Set<String> reserved = new HashSet<>();
        settings.layout().levels().forEach(level -> reserved.add(level.levelName()));
        settings.resolvedFields().forEach(path -> reserved.add(path.columnName()));
        return new FeatureExtractor(config.featureIncludes(), config.featureExcludes(), new FeatureOptions(
                settings.featureRenames(), reserved, settings.groupField(), false, guard, settings.nesting()));
    }

    ResolutionExtractor resolutionExtractor() {
        Optional<FeatureExtractor> columns = settings.resolvedFields().isEmpty() ? Optional.empty()
                : Optional.of(new FeatureExtractor(settings.resolvedFields(), List.of(), new FeatureOptions(Map.of(),
                        reservedForResolved(), Optional.empty(), true, guard, settings.nesting(), false)));
        return new ResolutionExtractor(settings.labels(), columns, labels, labelPathBound());
    }

    /**
     * How long a label may be as a path level: what the longest key leaves of S3's 1,024 bytes (the
     * prefix of an s3:// output.url, the staging directories, the other levels and the file name), at
     * most a file name's 255 bytes.
     */
    LabelPathBound labelPathBound() {
        URI url = config.outputUrl();
        String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/+", "");
        int prefix = "s3".equalsIgnoreCase(url.getScheme()) && !path.isEmpty()
                ? path.replaceFirst("/*$", "/").getBytes(StandardCharsets.UTF_8).length : 0;
        int staging = DatasetKeys.stagedKey(Integer.MAX_VALUE, Long.MAX_VALUE, "ffffffff", "").length();
        return LabelPathBound.of(settings.layout(), prefix + staging
                + FileLayout.restOfKeyBytes(settings.layout(), settings.splits().names()));
    }

    private Set<String> reservedForResolved() {
        Set<String> reserved = new HashSet<>();
        settings.layout().levels().forEach(level -> reserved.add(level.levelName()));
        return reserved;
    }

    WriterContext writerContext() {
        DatasetShape shape = new DatasetShape(settings.splits(), settings.layout(), settings.labels().classNames());
        CardContext card = new CardContext(Version.get(), DatasetIdentity.digest(config), store.location(), settings.layout(),
                settings.splits(), settings.groupField().map(FieldPath::toString), settings.labels().classNames());
        return new WriterContext(store, new ParquetFormat(config.parquetSettings()), shape, config.flushSize(), config.rotateInterval(),
                clock, new OpenFileBudget(settings.maxOpenFiles(), settings.maxBufferedBytes()),
                Optional.of(new DatasetCard(store, card, clock)));
    }

    /**
     * What the dataset card recorded, so a restarted task keeps each column at its type and the bounds
     * on columns and labels hold across restarts: its columns (those with one type established), and
     * its labels.
     */
    private void seedFromCard() {
        try {
            Optional<byte[]> card = store.read(DatasetCard.JSON_KEY);
            if (card.isEmpty()) {
                return;
            }
            JsonNode json = JSON.readTree(card.get());
            for (JsonNode column : json.path("schema")) {
                String name = column.path("name").asText();
                String type = column.path("type").asText();
                if (DatasetColumns.RESERVED.contains(name) || isLevel(name)) {
                    continue;
                }
                if (type.contains("|")) {
                    guard.exists(name);
                } else {
                    guard.establish(name, ColumnType.parse(type));
                }
            }
            for (JsonNode count : json.path("counts")) {
                if (count.path("label").isTextual()) {
                    labels.seen(count.path("label").asText());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the columns and labels of the dataset card {} in {}: {}. Column types and the "
                    + "bounds on columns and labels start from the records this task reads.", DatasetCard.JSON_KEY,
                    store.location(), e.getMessage());
        }
    }

    private static boolean isLevel(String name) {
        return List.of(PathLevel.values()).stream().anyMatch(l -> l.levelName().equals(name));
    }
}
