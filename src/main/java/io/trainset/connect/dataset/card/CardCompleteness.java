package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The card's {@code completeness}: each reporting unit's newest published commit ({@link UnitProgress})
 * and what they say together. {@code complete_up_to} is the lowest watermark of the units that
 * reported (every decision at or before it is final in every one of them), null while one has none;
 * {@code complete} says that every unit that reported had caught up with its inputs and has a
 * watermark. The card cannot know of units that never committed: both speak for the units counted
 * in {@code units_reported}.
 */
final class CardCompleteness {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CardCompleteness() {}

    static ObjectNode render(Map<Integer, UnitProgress> progress) {
        ObjectNode json = NODES.objectNode();
        boolean horizon = !progress.isEmpty() && progress.values().stream().allMatch(UnitProgress::hasWatermark);
        long upTo = progress.values().stream()
                .mapToLong(UnitProgress::watermarkMs)
                .min()
                .orElse(Long.MIN_VALUE);
        json.put("complete", horizon && progress.values().stream().allMatch(UnitProgress::caughtUp));
        json.put("complete_up_to", horizon ? Instant.ofEpochMilli(upTo).toString() : null);
        if (horizon) {
            json.put("complete_up_to_ms", upTo);
        } else {
            json.putNull("complete_up_to_ms");
        }
        json.put("units_reported", progress.size());
        ArrayNode units = json.putArray("units");
        progress.values().forEach(p -> units.add(p.toJson()));
        return json;
    }

    /** The README's one line on whether the dataset is complete, and up to what. */
    static String line(JsonNode completeness) {
        JsonNode units = completeness.path("units");
        if (units.isEmpty()) {
            return "Not complete: no join unit has published a commit yet.";
        }
        String reported = " (" + (units.size() == 1 ? "1 join unit" : units.size() + " join units") + " reported: "
                + units(units, u -> true) + "; a unit that never committed is not counted).";
        if (completeness.path("complete").asBoolean()) {
            return "Complete up to " + completeness.path("complete_up_to").asText()
                    + ": every join unit's decisions up to then are final" + reported;
        }
        String reading = units(units, u -> !u.path("caught_up").asBoolean());
        String without = units(units, u -> u.path("watermark_ms").isNull());
        String upTo = without.isEmpty()
                ? "decisions are final up to "
                        + completeness.path("complete_up_to").asText()
                : plural(without) + (without.contains(",") ? " have" : " has") + " no watermark yet";
        return "Not complete: "
                + (reading.isEmpty()
                        ? ""
                        : plural(reading) + (reading.contains(",") ? " still read their" : " still reads its")
                                + " inputs; ")
                + upTo + reported;
    }

    /** {@code "unit 1"} or {@code "units 2, 3"}. */
    private static String plural(String units) {
        return (units.contains(",") ? "units " : "unit ") + units;
    }

    /** The numbers of the units that {@code which} accepts, comma-separated. */
    private static String units(JsonNode units, Predicate<JsonNode> which) {
        List<String> matching = new ArrayList<>();
        units.forEach(u -> {
            if (which.test(u)) {
                matching.add(u.path("unit").asText());
            }
        });
        return String.join(", ", matching);
    }
}
