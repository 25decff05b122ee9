package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dataset card recorded that a starting task continues from, so a restarted task keeps each column at its
 * type and the bounds on columns and labels hold across restarts: the card's feature and resolved columns (Trainset's
 * own columns and path levels left out) and the labels it counted. Read once, by the task's wiring, before the
 * extractors are built.
 *
 * @param columns      the columns with one type established, in the card's order
 * @param mixedColumns the columns the card lists with several types (e.g. {@code long|string}): known, type not fixed
 * @param labels       the labels the card counted, in its order
 * @param pathLevels   the path levels the card records ({@code layout.path_levels}), empty when it records none
 */
public record CardSeed(
        Map<String, ColumnType> columns, Set<String> mixedColumns, List<String> labels, List<String> pathLevels) {

    private static final Logger LOG = LoggerFactory.getLogger(CardSeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key of the path levels (config/ is above this package, so its constant is not imported). */
    private static final String LAYOUT_KEY = "layout.partitions";

    public CardSeed {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        mixedColumns = Collections.unmodifiableSet(new LinkedHashSet<>(mixedColumns));
        labels = List.copyOf(labels);
        pathLevels = List.copyOf(pathLevels);
    }

    /** Nothing recorded: a new dataset, or a card that could not be read. */
    public static CardSeed empty() {
        return new CardSeed(Map.of(), Set.of(), List.of(), List.of());
    }

    /**
     * Refuses a layout other than the one the dataset was written with: files of two layouts under one prefix are
     * no dataset any reader reads as one (a {@code label} level in some paths, a column in other files). So an
     * upgrade across the change of the {@code layout.partitions} default keeps a dataset's layout only when the key
     * says so.
     *
     * @throws IllegalStateException naming the key, both layouts and the fix, when the card records other levels
     */
    public void requireLayout(LayoutSpec configured, String location) {
        List<String> levels = configured.levelNames();
        if (pathLevels.isEmpty() || pathLevels.equals(levels)) {
            return;
        }
        throw new IllegalStateException("The dataset at " + location + " was written with path levels "
                + String.join(",", pathLevels) + " (its card " + DatasetCard.JSON_KEY + " records layout.path_levels "
                + pathLevels + "), but " + LAYOUT_KEY + " gives " + String.join(",", levels)
                + (LayoutSpec.DEFAULT_LEVELS.equals(String.join(",", levels))
                        ? " (the default since the label became a string column in the files)"
                        : "")
                + ". Writing on would mix two layouts that no reader reads as one dataset. Set "
                + LAYOUT_KEY + "=" + String.join(",", pathLevels)
                + " to keep appending to this dataset, or write the new layout to a new output.url.");
    }

    /**
     * The seed of the card in {@code store}: empty when there is no card yet, and empty with a WARN when it cannot be
     * read or parsed (column types and bounds then start from the records the task reads).
     */
    public static CardSeed read(ObjectStore store) {
        try {
            Optional<byte[]> card = store.read(DatasetCard.JSON_KEY);
            return card.isEmpty() ? empty() : parse(card.get());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn(
                    "Could not read the columns and labels of the dataset card {} in {}: {}. Column types and the "
                            + "bounds on columns and labels start from the records this task reads.",
                    DatasetCard.JSON_KEY,
                    store.location(),
                    e.getMessage());
            return empty();
        }
    }

    /** The seed of a card's JSON ({@code dataset.json}). */
    static CardSeed parse(byte[] cardJson) throws IOException {
        JsonNode json = JSON.readTree(cardJson);
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        Set<String> mixed = new LinkedHashSet<>();
        for (JsonNode column : json.path("schema")) {
            String name = column.path("name").asText();
            String type = column.path("type").asText();
            if (DatasetColumns.RESERVED.contains(name) || isLevel(name)) {
                continue;
            }
            if (type.contains("|")) {
                mixed.add(name);
            } else if (!isEarlyLabelColumn(name, ColumnType.parse(type))) {
                columns.putIfAbsent(name, ColumnType.parse(type));
            }
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode count : json.path("counts")) {
            if (count.path("label").isTextual()) {
                labels.add(count.path("label").asText());
            }
        }
        List<String> levels = new ArrayList<>();
        json.path("layout").path("path_levels").forEach(level -> levels.add(level.asText()));
        return new CardSeed(columns, mixed, labels, levels);
    }

    /**
     * A column the early-label mode wrote ({@code label_version}, {@code label_final}, {@code case_started_at} with
     * Trainset's types): Trainset's own, neither a feature column nor counted against {@code dataset.max.columns}.
     */
    private static boolean isEarlyLabelColumn(String name, ColumnType type) {
        return DatasetColumns.EARLY_LABEL_FILE_COLUMNS.contains(new Column(name, type));
    }

    private static boolean isLevel(String name) {
        return Arrays.stream(PathLevel.values())
                .anyMatch(level -> level.levelName().equals(name));
    }
}
