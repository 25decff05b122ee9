package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading card parts from the store, and merging them with every part counted once. */
final class CardParts {

    private static final Logger LOG = LoggerFactory.getLogger(CardParts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CardParts() {}

    /** The merge of the parts' contributions ({@link CardPart#contribution}): absorbed parts count once. */
    static CardStats merge(Collection<CardPart> parts) {
        Map<String, Long> absorbed = CardPart.absorbedBy(parts);
        CardStats merged = new CardStats();
        for (CardPart part : parts) {
            if (part.lostWrites(absorbed)) {
                LOG.warn("The dataset card part {} was written more than once after it was absorbed; the card counts "
                        + "only its newest write (the data files are not affected)", part.key());
            }
            merged.merge(part.contribution(absorbed));
        }
        return merged;
    }

    /** The readable parts under {@code prefix}, by key. */
    static Map<String, CardPart> read(ObjectStore store, String prefix) throws IOException {
        Map<String, CardPart> parts = new LinkedHashMap<>();
        for (String key : store.list(prefix)) {
            readOne(store, key).ifPresent(part -> parts.put(key, part));
        }
        return parts;
    }

    /** The part under {@code key}; empty when there is none, or it cannot be read (logged). */
    static Optional<CardPart> readOne(ObjectStore store, String key) throws IOException {
        Optional<byte[]> bytes = store.read(key);
        try {
            return bytes.isEmpty() ? Optional.empty() : Optional.of(CardPart.fromJson(key, JSON.readTree(bytes.get())));
        } catch (IOException | RuntimeException e) {
            // One unreadable part (corrupt, or written by an older Trainset) must not stop the card for good.
            LOG.warn("Skipping dataset card part {} at {}: it cannot be read ({}). The card leaves out that "
                    + "writer's counts; delete the part to silence this (the data files are not affected)",
                    key, store.location(), e.toString());
            return Optional.empty();
        }
    }
}
