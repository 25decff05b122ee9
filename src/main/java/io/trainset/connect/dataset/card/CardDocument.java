package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.SplitSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Renders the merged stats of every card part as {@code _trainset/dataset.json}. */
final class CardDocument {

    static final String FORMAT = "trainset-dataset-card/1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CardDocument() {}

    static ObjectNode render(
            CardStats stats, Map<Integer, UnitProgress> progress, CardContext context, int parts, Instant now) {
        ObjectNode card = NODES.objectNode();
        card.put("format", FORMAT);
        card.put("location", context.location());
        card.put("connector_version", context.connectorVersion());
        card.put("config_digest", context.configDigest());
        card.put("updated_at", now.toString());
        card.put("card_parts", parts);
        card.set("layout", layout(context));
        card.set("splits", splits(context));
        card.set("schema", schema(stats));
        card.put("rows", stats.rows());
        card.put("files", stats.files);
        card.put("bytes", stats.bytes);
        card.set("counts", counts(stats, context.earlyLabels()));
        card.set("per_split", perSplit(stats, context.earlyLabels()));
        card.set("join", join(stats, context.earlyLabels()));
        card.set("resolution_lag_ms", lags(stats));
        classBalance(card, stats, context);
        ObjectNode time = card.putObject("event_time");
        time.put(
                "min",
                stats.rows() == 0
                        ? null
                        : Instant.ofEpochMilli(stats.minEventMs).toString());
        time.put(
                "max",
                stats.rows() == 0
                        ? null
                        : Instant.ofEpochMilli(stats.maxEventMs).toString());
        card.set("completeness", CardCompleteness.render(progress));
        return card;
    }

    private static ObjectNode layout(CardContext context) {
        ObjectNode layout = NODES.objectNode();
        ArrayNode levels = layout.putArray("path_levels");
        context.layout().levels().forEach(l -> levels.add(l.levelName()));
        layout.put("file_name", DatasetKeys.DATA_FILE_NAME);
        layout.put("partition_columns_in_files", context.layout().partitionColumnsInFiles());
        ArrayNode inFiles = layout.putArray("level_columns_in_files");
        context.layout().columnsInFiles().forEach(l -> inFiles.add(l.levelName()));
        layout.put("date_timezone", context.layout().zone().getId());
        layout.put("null_partition", "__HIVE_DEFAULT_PARTITION__");
        return layout;
    }

    private static ObjectNode splits(CardContext context) {
        ObjectNode splits = NODES.objectNode();
        ObjectNode ratios = splits.putObject("ratios");
        context.splits().ratios().forEach(r -> ratios.put(r.name(), r.share()));
        splits.put("seed", context.splits().seed());
        splits.put(
                "by", context.groupField().map(f -> "group field '" + f + "'").orElse("join key"));
        splits.put("hash", "first 64 bits of SHA-256(seed, 0x00, key), unsigned, over 2^64");
        splits.put(
                "holdout_after",
                context.splits().holdoutAfter().map(Instant::toString).orElse(null));
        return splits;
    }

    private static ArrayNode schema(CardStats stats) {
        ArrayNode schema = NODES.arrayNode();
        stats.schema.forEach((name, types) -> {
            ObjectNode column = schema.addObject();
            column.put("name", name);
            column.put("type", String.join(" | ", types));
            if (types.size() > 1) {
                column.put("conflict", "files disagree on this column's type; readers that union by name fail");
            }
        });
        return schema;
    }

    private static ArrayNode counts(CardStats stats, boolean early) {
        ArrayNode counts = NODES.arrayNode();
        sortedCells(stats).forEach((cell, c) -> {
            ObjectNode entry = counts.addObject();
            entry.put("split", cell.split());
            entry.put("label", cell.label());
            entry.put("rows", c.rows);
            entry.put("keys", keys(c));
            if (early) {
                entry.put("provisional", c.provisional);
            }
        });
        return counts;
    }

    private static ObjectNode perSplit(CardStats stats, boolean early) {
        Map<String, CardStats.Counts> bySplit = new TreeMap<>();
        Map<String, TreeSet<String>> labels = new TreeMap<>();
        stats.cells.forEach((cell, c) -> {
            CardStats.Counts total = bySplit.computeIfAbsent(cell.split(), s -> new CardStats.Counts(new KeySketch()));
            total.rows += c.rows;
            total.timedOut += c.timedOut;
            total.provisional += c.provisional;
            total.keys.merge(c.keys);
            if (cell.label() != null) {
                labels.computeIfAbsent(cell.split(), s -> new TreeSet<>()).add(cell.label());
            }
        });
        ObjectNode perSplit = NODES.objectNode();
        bySplit.forEach((split, c) -> {
            ObjectNode entry = perSplit.putObject(split);
            entry.put("rows", c.rows);
            entry.put("keys", keys(c));
            entry.put("timed_out", c.timedOut);
            entry.put("labels", labels.getOrDefault(split, new TreeSet<>()).size());
            if (early) {
                entry.put("provisional", c.provisional);
                entry.put("final", c.rows - c.provisional);
            }
        });
        return perSplit;
    }

    /** The estimated distinct keys, never more than the rows (an estimate can overshoot by a few). */
    private static long keys(CardStats.Counts counts) {
        return Math.min(counts.keys.estimate(), counts.rows);
    }

    private static ObjectNode join(CardStats stats, boolean early) {
        ObjectNode join = NODES.objectNode();
        long timedOut = stats.cells.values().stream().mapToLong(c -> c.timedOut).sum();
        long provisional = stats.provisionalRows();
        join.put("joined_rows", stats.rows() - timedOut - provisional);
        join.put("timed_out_rows", timedOut);
        if (early) {
            join.put("provisional_rows", provisional);
            join.put("final_rows", stats.rows() - provisional);
        }
        for (CardStats.Dropped kind : CardStats.Dropped.values()) {
            join.put(kind.name().toLowerCase(Locale.ROOT), stats.dropped.getOrDefault(kind, 0L));
        }
        return join;
    }

    private static ObjectNode lags(CardStats stats) {
        ObjectNode lags = NODES.objectNode();
        lags.put("count", stats.lags.count());
        lags.put("p50", stats.lags.percentile(0.5));
        lags.put("p90", stats.lags.percentile(0.9));
        lags.put("p99", stats.lags.percentile(0.99));
        return lags;
    }

    private static void classBalance(ObjectNode card, CardStats stats, CardContext context) {
        Map<String, Long> train = new TreeMap<>();
        TreeSet<String> everyLabel = new TreeSet<>(context.classNames().orElse(List.of()));
        stats.cells.forEach((cell, c) -> {
            if (cell.label() != null) {
                everyLabel.add(cell.label());
                if (trainSplit(context).equals(cell.split())) {
                    train.merge(cell.label(), c.rows, Long::sum);
                }
            }
        });
        ArrayNode names = card.putArray("label_names");
        (context.classNames().isPresent() ? context.classNames().get() : new ArrayList<>(everyLabel))
                .forEach(names::add);
        long max = train.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long min = train.values().stream().mapToLong(Long::longValue).min().orElse(0);
        card.put("train_split", trainSplit(context));
        card.put("class_imbalance_ratio", min == 0 ? null : Math.round(1000.0 * max / min) / 1000.0);
        ArrayNode missing = card.putArray("labels_missing_from_train");
        everyLabel.stream().filter(l -> !train.containsKey(l)).forEach(missing::add);
    }

    /** The split a model trains on: 'train' if named, else the first split. */
    static String trainSplit(CardContext context) {
        List<String> names = context.splits().names();
        return names.contains("train") ? "train" : names.get(0);
    }

    private static Map<CardStats.Cell, CardStats.Counts> sortedCells(CardStats stats) {
        // The null label (timed-out rows) sorts first and stays apart from a label spelled "null".
        Map<CardStats.Cell, CardStats.Counts> sorted = new TreeMap<>(Comparator.comparing(CardStats.Cell::split)
                .thenComparing(CardStats.Cell::label, Comparator.nullsFirst(Comparator.naturalOrder())));
        sorted.putAll(stats.cells);
        return sorted;
    }

    static String holdout(CardContext context) {
        return context.splits()
                .holdoutAfter()
                .map(i -> "rows submitted after " + i + " go to '" + SplitSpec.HOLDOUT_SPLIT + "'")
                .orElse(null);
    }
}
