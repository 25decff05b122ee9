package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a set of committed files holds, in a form that merges: rows, timed-out rows and a sketch of
 * distinct keys per split and label, resolution lags, the event-time range, files, bytes, the
 * column types, and counts of what the join dropped. A card part holds the stats of one writer
 * instance; the dataset card is the merge of all parts.
 */
public final class CardStats {

    /** Counters of events the join settled without a row. */
    public enum Dropped {
        ORPHANED_RESOLUTIONS,
        DUPLICATES,
        TIMED_OUT_DROPPED,
        LATE_EVENTS
    }

    /** One split and label (label null: timed out or provisional). */
    record Cell(String split, String label) {}

    /** The counts of one cell. */
    static final class Counts {
        long rows;
        long timedOut;
        /** Provisional rows (early-label mode): label null, not final. */
        long provisional;

        final KeySketch keys;

        Counts(KeySketch keys) {
            this.keys = keys;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final Map<Cell, Counts> cells = new LinkedHashMap<>();
    final LagHistogram lags = new LagHistogram();
    final Map<String, TreeSet<String>> schema = new TreeMap<>();
    final Map<Dropped, Long> dropped = new TreeMap<>();
    long minEventMs = Long.MAX_VALUE;
    long maxEventMs = Long.MIN_VALUE;
    long files;
    long bytes;

    /** The counts of the last row's cell, and its split and label: a file's rows mostly share one cell. */
    private Counts lastCounts;

    private String lastSplit;
    private String lastLabel;

    /** Adds one row written to a file. */
    public void addRow(Row row, String split) {
        Counts counts = countsOf(split, row.label());
        counts.rows++;
        counts.keys.add(row.key());
        if (row.status() == JoinStatus.TIMED_OUT) {
            counts.timedOut++;
        } else if (row.status() == JoinStatus.PROVISIONAL) {
            counts.provisional++;
        }
        Long resolvedAtMs = row.resolvedAtMs();
        if (resolvedAtMs != null) {
            lags.add(resolvedAtMs - row.submittedAtMs());
        }
        minEventMs = Math.min(minEventMs, row.submittedAtMs());
        maxEventMs = Math.max(maxEventMs, row.submittedAtMs());
    }

    /** The counts of a cell, the last row's without a look-up (nor a {@link Cell} allocated) when it is the same. */
    private Counts countsOf(String split, String label) {
        if (lastCounts == null || !Objects.equals(split, lastSplit) || !Objects.equals(label, lastLabel)) {
            lastCounts = cells.computeIfAbsent(new Cell(split, label), c -> new Counts(new KeySketch()));
            lastSplit = split;
            lastLabel = label;
        }
        return lastCounts;
    }

    /** Adds one committed file of {@code bytes} with these columns. */
    public void addFile(long fileBytes, List<Column> columns) {
        files++;
        bytes += fileBytes;
        columns.forEach(c -> schema.computeIfAbsent(c.name(), n -> new TreeSet<>())
                .add(c.type().toString()));
    }

    public void addDropped(Dropped kind) {
        dropped.merge(kind, 1L, Long::sum);
    }

    /** Whether nothing was counted: no row, file or dropped event. */
    public boolean isEmpty() {
        return cells.isEmpty() && dropped.isEmpty() && files == 0;
    }

    public long rows() {
        return cells.values().stream().mapToLong(c -> c.rows).sum();
    }

    /** The provisional rows (early-label mode) among {@link #rows()}. */
    public long provisionalRows() {
        return cells.values().stream().mapToLong(c -> c.provisional).sum();
    }

    public void merge(CardStats other) {
        other.cells.forEach((cell, counts) -> {
            Counts mine = cells.computeIfAbsent(cell, c -> new Counts(new KeySketch()));
            mine.rows += counts.rows;
            mine.timedOut += counts.timedOut;
            mine.provisional += counts.provisional;
            mine.keys.merge(counts.keys);
        });
        lags.merge(other.lags);
        other.schema.forEach((name, types) ->
                schema.computeIfAbsent(name, n -> new TreeSet<>()).addAll(types));
        other.dropped.forEach((kind, n) -> dropped.merge(kind, n, Long::sum));
        minEventMs = Math.min(minEventMs, other.minEventMs);
        maxEventMs = Math.max(maxEventMs, other.maxEventMs);
        files += other.files;
        bytes += other.bytes;
    }

    /** The stats as a card part (with the key sketches, so parts merge exactly). */
    public ObjectNode toJson() {
        ObjectNode json = NODES.objectNode();
        ArrayNode cellsJson = json.putArray("cells");
        cells.forEach((cell, counts) -> {
            ObjectNode c = cellsJson.addObject();
            c.put("split", cell.split());
            c.put("label", cell.label());
            c.put("rows", counts.rows);
            c.put("timed_out", counts.timedOut);
            if (counts.provisional > 0) { // parts without the early-label mode stay as they were
                c.put("provisional", counts.provisional);
            }
            c.put("key_sketch", counts.keys.encode());
        });
        json.set("lag_histogram", lags.toJson());
        ObjectNode schemaJson = json.putObject("schema");
        schema.forEach((name, types) -> types.forEach(schemaJson.withArray(name)::add));
        ObjectNode droppedJson = json.putObject("dropped");
        dropped.forEach((kind, n) -> droppedJson.put(kind.name().toLowerCase(java.util.Locale.ROOT), n));
        json.put("min_event_ms", minEventMs);
        json.put("max_event_ms", maxEventMs);
        json.put("files", files);
        json.put("bytes", bytes);
        return json;
    }

    public static CardStats fromJson(JsonNode json) {
        CardStats stats = new CardStats();
        for (JsonNode c : json.path("cells")) {
            Counts counts = new Counts(KeySketch.decode(c.path("key_sketch").asText()));
            counts.rows = c.path("rows").asLong();
            counts.timedOut = c.path("timed_out").asLong();
            counts.provisional = c.path("provisional").asLong(0);
            stats.cells.put(
                    new Cell(
                            c.path("split").asText(),
                            c.path("label").isNull() ? null : c.path("label").asText()),
                    counts);
        }
        stats.lags.merge(LagHistogram.fromJson(json.path("lag_histogram")));
        json.path("schema")
                .fields()
                .forEachRemaining(e -> e.getValue()
                        .forEach(t -> stats.schema
                                .computeIfAbsent(e.getKey(), n -> new TreeSet<>())
                                .add(t.asText())));
        json.path("dropped")
                .fields()
                .forEachRemaining(e -> stats.dropped.put(
                        Dropped.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT)),
                        e.getValue().asLong()));
        stats.minEventMs = json.path("min_event_ms").asLong(Long.MAX_VALUE);
        stats.maxEventMs = json.path("max_event_ms").asLong(Long.MIN_VALUE);
        stats.files = json.path("files").asLong();
        stats.bytes = json.path("bytes").asLong();
        return stats;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardStats other && Objects.equals(toJson(), other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
