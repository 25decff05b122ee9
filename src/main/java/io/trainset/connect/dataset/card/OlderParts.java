package io.trainset.connect.dataset.card;

import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The older parts of a unit, which a writer instance's part absorbs at its first count
 * ({@link WriterPart}): their stats taken in as the merged view counts them, and the parts deleted
 * once the absorbing part's write is durable.
 */
final class OlderParts {

    private static final Logger LOG = LoggerFactory.getLogger(OlderParts.class);

    /**
     * What a part takes in from the older parts of its unit.
     *
     * @param stats     their contributions, each counted as the merged view counts it
     * @param absorbed  the parts absorbed, with the parts they absorbed, by key: the newest revision of each
     * @param deletions the older parts to delete after the next write, by key: the revision read
     * @param progress  the newest progress among them, or null
     */
    record Absorbed(CardStats stats, Map<String, Long> absorbed, Map<String, Long> deletions, UnitProgress progress) {}

    private OlderParts() {}

    /** Reads the parts under {@code unitPrefix} but {@code ownKey}, and what absorbing them takes in. */
    static Absorbed read(ObjectStore store, String unitPrefix, String ownKey) throws IOException {
        Map<String, CardPart> older = CardParts.read(store, unitPrefix);
        older.remove(ownKey);
        Map<String, Long> absorbedBefore = CardPart.absorbedBy(older.values());
        CardStats stats = new CardStats();
        Map<String, Long> absorbed = new LinkedHashMap<>();
        Map<String, Long> deletions = new LinkedHashMap<>();
        UnitProgress progress = null;
        for (CardPart part : older.values()) {
            stats.merge(part.contribution(absorbedBefore));
            part.absorbed().forEach((k, r) -> absorbed.merge(k, r, Math::max));
            absorbed.merge(part.key(), part.revision(), Math::max);
            deletions.put(part.key(), part.revision());
            progress = UnitProgress.newer(progress, part.progress().orElse(null));
        }
        return new Absorbed(stats, absorbed, deletions, progress);
    }

    /** Deletes the absorbed parts, but one written since it was read (a zombie's late commit: the view counts it). */
    static void delete(ObjectStore store, Map<String, Long> deletions) {
        deletions.forEach((part, absorbedAt) -> {
            try {
                Optional<CardPart> now = CardParts.readOne(store, part);
                if (now.isPresent() && now.get().revision() <= absorbedAt) {
                    store.delete(part);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Could not delete the absorbed dataset card part {} in {}: {}. The card skips it; the "
                                + "unit's next writer deletes it.",
                        part,
                        store.location(),
                        e.getMessage());
            }
        });
    }
}
