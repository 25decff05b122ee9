package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far one join unit's newest published commit goes: the next offset of each input partition
 * (every record before it is in the commit's rows or join state), the unit's watermark (every
 * decision at or before it is final; {@link Long#MIN_VALUE}: none yet), whether the unit had caught
 * up (every input quiet for {@code join.idle.timeout.ms}), and when the commit was taken. Commit
 * sequences grow across a unit's writer instances, so the highest one is the newest.
 *
 * @param unit        the join unit
 * @param commit      the commit's sequence number
 * @param offsets     the next offset of each input partition, by {@code <topic>-<partition>}
 * @param watermarkMs the unit's watermark, or {@link Long#MIN_VALUE} when it has none
 * @param caughtUp    whether every input had been quiet for the idle timeout
 * @param asOfMs      the wall-clock time the commit was taken
 */
public record UnitProgress(
        int unit, long commit, Map<String, Long> offsets, long watermarkMs, boolean caughtUp, long asOfMs) {

    public UnitProgress {
        offsets = Map.copyOf(offsets);
    }

    /** Whether the unit has an event-time horizon (every input delivered, or was quiet for the idle timeout). */
    public boolean hasWatermark() {
        return watermarkMs != Long.MIN_VALUE;
    }

    /** Whether {@code other} says the same but for when it was taken and its commit: no need to write it again. */
    boolean sameAs(UnitProgress other) {
        return other != null
                && unit == other.unit
                && offsets.equals(other.offsets)
                && watermarkMs == other.watermarkMs
                && caughtUp == other.caughtUp;
    }

    /** The newer of two (by commit sequence), either possibly null. */
    static UnitProgress newer(UnitProgress a, UnitProgress b) {
        if (a == null) {
            return b;
        }
        return b == null || a.commit >= b.commit ? a : b;
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("unit", unit);
        json.put("commit", commit);
        ObjectNode offsetsJson = json.putObject("offsets");
        new TreeMap<>(offsets).forEach(offsetsJson::put);
        json.put("watermark", hasWatermark() ? Instant.ofEpochMilli(watermarkMs).toString() : null);
        if (hasWatermark()) {
            json.put("watermark_ms", watermarkMs);
        } else {
            json.putNull("watermark_ms");
        }
        json.put("caught_up", caughtUp);
        json.put("as_of", Instant.ofEpochMilli(asOfMs).toString());
        json.put("as_of_ms", asOfMs);
        return json;
    }

    /** The progress a part holds; empty for parts written before Trainset recorded it. */
    static Optional<UnitProgress> fromJson(JsonNode json) {
        if (!json.isObject()) {
            return Optional.empty();
        }
        Map<String, Long> offsets = new TreeMap<>();
        json.path("offsets")
                .fields()
                .forEachRemaining(e -> offsets.put(e.getKey(), e.getValue().asLong()));
        JsonNode watermark = json.path("watermark_ms");
        return Optional.of(new UnitProgress(
                json.path("unit").asInt(),
                json.path("commit").asLong(),
                offsets,
                watermark.isNumber() ? watermark.asLong() : Long.MIN_VALUE,
                json.path("caught_up").asBoolean(),
                json.path("as_of_ms").asLong()));
    }
}
