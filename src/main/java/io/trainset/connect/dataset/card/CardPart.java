package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A card part as stored: the stats of one writer instance (including those of the older parts of its
 * unit that it absorbed), how many writes with new stats or progress it has had ({@code revision}), the stats
 * added by its newest write ({@code last}), and the parts it absorbed with the revision it absorbed
 * each at. A part absorbed at revision {@code a} and written again later (by a zombie that published
 * a commit it had checkpointed before the unit's new owner took over) counts only what it added
 * since: its {@code last} when its revision is {@code a + 1}. Parts of older Trainset versions read
 * as revision 0 with nothing absorbed. The part also holds the progress of its unit's newest
 * published commit that it knows of ({@link UnitProgress}: its own or an absorbed part's, whichever
 * commit is newer); parts of older versions hold none.
 *
 * @param key      the part's object key
 * @param revision writes with new stats or progress so far
 * @param stats    everything the part counts
 * @param last     what its newest write added
 * @param absorbed absorbed part key to the revision it was absorbed at
 * @param progress the unit's newest commit's progress the part knows of
 */
record CardPart(
        String key,
        long revision,
        CardStats stats,
        CardStats last,
        Map<String, Long> absorbed,
        Optional<UnitProgress> progress) {

    CardPart {
        absorbed = Map.copyOf(absorbed);
    }

    static CardPart fromJson(String key, JsonNode json) {
        Map<String, Long> absorbed = new LinkedHashMap<>();
        json.path("absorbed")
                .fields()
                .forEachRemaining(e -> absorbed.put(e.getKey(), e.getValue().asLong()));
        CardStats last = json.has("last") ? CardStats.fromJson(json.path("last")) : new CardStats();
        return new CardPart(
                key,
                json.path("revision").asLong(0),
                CardStats.fromJson(json),
                last,
                absorbed,
                UnitProgress.fromJson(json.path("progress")));
    }

    /**
     * The stats' fields (as older versions wrote them), then {@code revision}, {@code last}, {@code absorbed} and
     * {@code progress} (when known).
     */
    static ObjectNode toJson(
            long revision,
            CardStats stats,
            CardStats last,
            Map<String, Long> absorbed,
            Optional<UnitProgress> progress) {
        ObjectNode json = stats.toJson();
        json.put("revision", revision);
        json.set("last", last.toJson());
        ObjectNode absorbedJson = json.putObject("absorbed");
        absorbed.forEach(absorbedJson::put);
        progress.ifPresent(p -> json.set("progress", p.toJson()));
        return json;
    }

    /** Every absorbed part key with the highest revision any of {@code parts} absorbed it at. */
    static Map<String, Long> absorbedBy(Collection<CardPart> parts) {
        Map<String, Long> absorbed = new LinkedHashMap<>();
        parts.forEach(p -> p.absorbed().forEach((key, revision) -> absorbed.merge(key, revision, Math::max)));
        return absorbed;
    }

    /**
     * What this part adds to the card besides the parts that absorbed it: all of it when none did,
     * nothing when it was absorbed at its revision (its deletion failed or is yet to come), and its
     * newest write's stats when it was written once more since.
     */
    CardStats contribution(Map<String, Long> absorbedRevisions) {
        Long absorbedAt = absorbedRevisions.get(key);
        if (absorbedAt == null) {
            return stats;
        }
        return revision <= absorbedAt ? new CardStats() : last;
    }

    /** Whether the part was written more than once after it was absorbed: only its newest write then counts. */
    boolean lostWrites(Map<String, Long> absorbedRevisions) {
        Long absorbedAt = absorbedRevisions.get(key);
        return absorbedAt != null && revision > absorbedAt + 1;
    }
}
