package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading card parts from the store, and merging them with every part counted once. */
final class CardParts {

    private static final Logger LOG = LoggerFactory.getLogger(CardParts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A part's name under {@link DatasetCard#PARTS}, as {@link DatasetCard#part} makes it. */
    private static final Pattern PART = Pattern.compile("unit-\\d{4,9}-[0-9A-Za-z]+\\.json");
    /** Foreign objects already logged (location and key), so that each is logged once per process. */
    private static final Set<String> FOREIGN_LOGGED = ConcurrentHashMap.newKeySet();

    private CardParts() {}

    /** The merge of the parts' contributions ({@link CardPart#contribution}): absorbed parts count once. */
    static CardStats merge(Collection<CardPart> parts) {
        Map<String, Long> absorbed = CardPart.absorbedBy(parts);
        CardStats merged = new CardStats();
        for (CardPart part : parts) {
            if (part.lostWrites(absorbed)) {
                LOG.warn(
                        "The dataset card part {} was written more than once after it was absorbed; the card counts "
                                + "only its newest write (the data files are not affected)",
                        part.key());
            }
            merged.merge(part.contribution(absorbed));
        }
        return merged;
    }

    /**
     * The newest progress of each unit ({@link UnitProgress#newer}) among {@code parts}, by unit: a part that
     * absorbed another carries the newer of both, and an absorbed part not yet deleted, or a zombie's late
     * part, is superseded by a higher commit.
     */
    static Map<Integer, UnitProgress> progress(Collection<CardPart> parts) {
        Map<Integer, UnitProgress> newest = new TreeMap<>();
        parts.forEach(part -> part.progress().ifPresent(p -> newest.merge(p.unit(), p, UnitProgress::newer)));
        return newest;
    }

    /**
     * The readable parts under {@code prefix} (within {@link DatasetCard#PARTS}), by key. Objects whose key is not a
     * part's ({@code unit-<unit>-<token>.json}: a {@code .DS_Store}, a console's folder marker, a copy made by hand)
     * are neither read nor absorbed nor deleted, and logged once.
     */
    static Map<String, CardPart> read(ObjectStore store, String prefix) throws IOException {
        Map<String, CardPart> parts = new LinkedHashMap<>();
        for (String key : store.list(prefix)) {
            if (!isPart(key)) {
                if (FOREIGN_LOGGED.add(store.location() + "/" + key)) {
                    LOG.warn(
                            "Ignoring {} in {}: it is not a dataset card part (unit-<unit>-<token>.json); Trainset "
                                    + "neither reads nor deletes it",
                            key,
                            store.location());
                }
                continue;
            }
            readOne(store, key).ifPresent(part -> parts.put(key, part));
        }
        return parts;
    }

    /** Whether {@code key} (relative to the store's root) is a card part's. */
    static boolean isPart(String key) {
        return key.startsWith(DatasetCard.PARTS)
                && PART.matcher(key.substring(DatasetCard.PARTS.length())).matches();
    }

    /** The part under {@code key}; empty when there is none, or it cannot be read (logged). */
    static Optional<CardPart> readOne(ObjectStore store, String key) throws IOException {
        Optional<byte[]> bytes = store.read(key);
        try {
            return bytes.isEmpty() ? Optional.empty() : Optional.of(CardPart.fromJson(key, JSON.readTree(bytes.get())));
        } catch (IOException | RuntimeException e) {
            // One unreadable part (corrupt, or written by an older Trainset) must not stop the card for good.
            LOG.warn(
                    "Skipping dataset card part {} at {}: it cannot be read ({}). The card leaves out that "
                            + "writer's counts; delete the part to silence this (the data files are not affected)",
                    key,
                    store.location(),
                    e.toString());
            return Optional.empty();
        }
    }
}
