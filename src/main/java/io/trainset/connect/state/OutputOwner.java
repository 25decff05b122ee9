package io.trainset.connect.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.DatasetKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The claim on an output location, the object {@value #KEY} (docs/guarantees.md, <em>One connector per
 * location</em>): the identity the location belongs to, and the checkpoints it adopted when it was claimed.
 * A location is claimed by the first connector that starts on it; a connector of another identity fails
 * at start. Checkpoints of the owner's identity are its own; so are checkpoints without an identity
 * (written before identities existed) and, up to the sequence recorded here per unit, those it found when
 * it claimed a location whose claim had been deleted to hand it over. Any other checkpoint was written
 * by another connector, and no restore accepts it.
 *
 * @param identity the connector the location belongs to
 * @param adopted per unit, the newest checkpoint the location held when it was claimed
 * @param claimedAt when it was claimed (ISO-8601), for messages
 */
public record OutputOwner(OutputIdentity identity, Map<Integer, Long> adopted, String claimedAt) {

    /** Where the claim lies. */
    public static final String KEY = DatasetKeys.OWNER;

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public OutputOwner {
        adopted = Map.copyOf(adopted);
    }

    /** Whether checkpoint {@code sequence} of {@code unit}, by {@code writer} (none: before identities), is its own. */
    public boolean accepts(int unit, long sequence, Optional<OutputIdentity> writer) {
        return writer.isEmpty() || writer.get().equals(identity) || sequence <= adopted.getOrDefault(unit, 0L);
    }

    /** Why checkpoint {@code key} of {@code unit}, written by {@code writer}, is refused, and the fix. */
    String refusal(String location, String key, int unit, OutputIdentity writer) {
        Long newestAdopted = adopted.get(unit);
        String adoption =
                newestAdopted == null ? "" : ", adopting the checkpoints of unit " + unit + " up to " + newestAdopted;
        return "Checkpoint " + StateKeys.where(location, key) + " was written by " + writer + ", but the output "
                + "location " + location + " (output.url) belongs to " + identity + " ("
                + StateKeys.where(location, KEY) + ", claimed " + claimedAt + adoption + "). Another connector "
                + "writes to this location, or did after it was "
                + "claimed: nothing of it was restored. Stop the other connector and give each connector an "
                + "output.url of its own.";
    }

    /** Why a connector of {@code identity} cannot start on this owner's location, and the fix. */
    String foreign(String location, OutputIdentity other) {
        return "The output location " + location + " (output.url) belongs to " + identity + " (claimed " + claimedAt
                + " in " + StateKeys.where(location, KEY) + "), not to this " + other + ". One location holds one "
                + "connector's dataset: two connectors on it would restore each other's join state and fence each "
                + "other's commits. To write a new dataset, give this connector an output.url of its own. To hand "
                + "the location over (the connector was renamed, or its topics changed on purpose), stop connector '"
                + identity.connector() + "', delete " + StateKeys.where(location, KEY) + " and restart this "
                + "connector: it claims the location and adopts its checkpoints.";
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("connector", identity.connector());
        identity.inputs().forEach(root.putArray("inputs")::add);
        root.put("claimed_at", claimedAt);
        ObjectNode units = root.putObject("adopted");
        new TreeMap<>(adopted).forEach((unit, sequence) -> units.put(String.valueOf(unit), sequence));
        root.put(
                "note",
                "Trainset: this output location belongs to the connector named here. Delete this object "
                        + "only to hand the location over to another connector, after stopping this one.");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the claim of an output location", e);
        }
    }

    /** The claim in {@code bytes}, read from {@code name} (for messages). */
    static OutputOwner fromJson(byte[] bytes, String name) throws IOException {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null
                    || root.path("format").asInt() != FORMAT
                    || !root.path("connector").isTextual()) {
                throw new IOException("not a claim of format " + FORMAT + " with a connector");
            }
            List<String> inputs = new ArrayList<>();
            root.path("inputs").forEach(topic -> inputs.add(topic.asText()));
            Map<Integer, Long> adopted = new TreeMap<>();
            root.path("adopted")
                    .fields()
                    .forEachRemaining(unit -> adopted.put(
                            Integer.parseInt(unit.getKey()), unit.getValue().asLong()));
            return new OutputOwner(
                    new OutputIdentity(root.path("connector").asText(), inputs),
                    adopted,
                    root.path("claimed_at").asText());
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "Cannot read the claim " + name + " of the output location: " + e.getMessage()
                            + ". It was written by a newer version or by hand; stop every connector writing to this "
                            + "location and delete it, and the next connector to start claims the location again.",
                    e);
        }
    }
}
