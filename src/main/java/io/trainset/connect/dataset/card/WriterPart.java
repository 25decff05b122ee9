package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer instance's part of the {@link DatasetCard}: its stats, written to its own object. Its first write also
 * absorbs the older parts of its unit (their stats join its own, {@link CardPart}), which it deletes once that write
 * is durable: a unit has a bounded number of parts however often it restarts. Made where writers are made; written
 * where commits are published.
 */
public final class WriterPart {

    private static final Logger LOG = LoggerFactory.getLogger(WriterPart.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many absorbed parts a part remembers (so that a zombie's late write is not counted twice). */
    static final int ABSORBED_KEPT = 64;

    private final ObjectStore store;
    /** Told after each durable write of the part: the merged view is stale. */
    private final Runnable written;

    private final String key;
    private final String unitPrefix;
    private final CardStats stats = new CardStats();
    /** What was added since the last durable write: the next write's {@code last}. */
    private CardStats pending = new CardStats();

    private final Map<String, Long> absorbed = new LinkedHashMap<>();
    private Map<String, Long> toDelete = Map.of();
    /** The unit's newest commit's progress known here: its own, or an absorbed part's; null: none yet. */
    private UnitProgress progress;

    private long revision;
    private boolean absorbedOlder;
    private boolean dirty;

    WriterPart(ObjectStore store, String unitPrefix, String token, Runnable written) {
        this.store = store;
        this.written = written;
        this.unitPrefix = unitPrefix;
        this.key = unitPrefix + token + ".json";
    }

    /** Adds a committed file's stats and rewrites the part. */
    public void committed(CardStats file) {
        added(file);
        retryIfDirty();
    }

    /**
     * Counts a published commit's stats and records the unit's progress at that commit; rewrites the part
     * when either changes it (one write per commit).
     */
    public void published(CardStats commit, UnitProgress unitProgress) {
        if (!absorbedOlder) {
            absorbOlder();
        }
        if (!commit.isEmpty()) {
            added(commit);
        }
        UnitProgress newest = UnitProgress.newer(progress, unitProgress);
        dirty |= !newest.sameAs(progress);
        progress = newest;
        retryIfDirty();
    }

    /** Counts an event the join settled without a row; written at the next refresh. */
    public void dropped(CardStats.Dropped kind) {
        CardStats one = new CardStats();
        one.addDropped(kind);
        added(one);
    }

    public CardStats stats() {
        return stats;
    }

    private void added(CardStats more) {
        if (!absorbedOlder) {
            absorbOlder();
        }
        stats.merge(more);
        pending.merge(more);
        dirty = true;
    }

    /**
     * Takes in the stats of the unit's other parts (each counted as the merged view counts it) and
     * remembers them, with the parts they absorbed, to be deleted after this part's next write.
     * Called at the instance's first count, which (with staging) follows its first checkpoint: from
     * then on, an older instance of the unit can publish at most the one commit it had in flight.
     */
    private void absorbOlder() {
        absorbedOlder = true;
        try {
            OlderParts.Absorbed older = OlderParts.read(store, unitPrefix, key);
            stats.merge(older.stats());
            pending.merge(older.stats());
            older.absorbed().forEach((k, r) -> absorbed.merge(k, r, Math::max));
            progress = UnitProgress.newer(progress, older.progress());
            trimAbsorbed();
            toDelete = older.deletions();
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not read the older dataset card parts {}* in {}: {}. They stay as they are; the next "
                            + "writer of the unit absorbs them.",
                    unitPrefix,
                    store.location(),
                    e.getMessage());
        }
    }

    /** Forgets the oldest absorbed parts beyond {@value #ABSORBED_KEPT}: no zombie lives that many restarts. */
    private void trimAbsorbed() {
        var oldest = absorbed.keySet().iterator();
        while (absorbed.size() > ABSORBED_KEPT) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Writes the part if it changed since its last durable write (or that write failed). */
    void retryIfDirty() {
        if (!dirty) {
            return;
        }
        try {
            store.put(
                    key,
                    JSON.writeValueAsBytes(
                            CardPart.toJson(revision + 1, stats, pending, absorbed, Optional.ofNullable(progress))));
            revision++;
            pending = new CardStats();
            dirty = false;
            written.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not write the dataset card part {} in {}: {}. Retrying after the next commit.",
                    key,
                    store.location(),
                    e.getMessage());
            return;
        }
        Map<String, Long> deletions = toDelete;
        toDelete = Map.of();
        OlderParts.delete(store, deletions);
    }
}
