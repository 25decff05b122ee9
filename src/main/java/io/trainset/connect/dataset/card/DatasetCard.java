package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset card, kept current as files are committed, without races between tasks.
 *
 * <p>Every writer instance (one join unit in one task run) owns one card part,
 * {@code _trainset/parts/unit-<unit>-<token>.json}, holding the stats of exactly the files it
 * committed and of the older parts of its unit it absorbed at its first write (then deleted, so a
 * unit keeps a bounded number of parts however often it restarts; {@link CardPart} says how a
 * zombie's late write is counted once); it rewrites its part after each commit, and nothing else
 * writes that object but the unit's next writer, which deletes it. The merged view, {@code _trainset/dataset.json} and {@code _trainset/README.md}, is a pure
 * function of all parts: after the put() in which a task committed a file, it lists and merges the
 * parts and rewrites both. Two tasks may rewrite the view at once; each writes a merge of the parts
 * it listed, and the next refresh (after any commit) writes the merge of all, so the view converges
 * to the parts, which are the source of truth. Everything lies under {@code _trainset/}, which
 * Spark, Hive and pyarrow skip and no {@code *.parquet} glob matches. Not thread-safe (one task):
 * only {@link #part} may be called on another thread than the rest.
 */
public final class DatasetCard {

    public static final String DIRECTORY = DatasetKeys.METADATA;
    public static final String PARTS = DatasetKeys.CARD_PARTS;
    public static final String JSON_KEY = DatasetKeys.CARD_JSON;
    public static final String README_KEY = DatasetKeys.CARD_README;

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCard.class);
    /** How long the merged view may wait for the last of a batch of commits. */
    static final long VIEW_DEFER_MS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many absorbed parts a part remembers (so that a zombie's late write is not counted twice). */
    static final int ABSORBED_KEPT = 64;

    private final ObjectStore store;
    private final CardContext context;
    private final Clock clock;
    /** Made where writers are made; written and refreshed where commits are published (possibly another thread). */
    private final List<Part> parts = new CopyOnWriteArrayList<>();

    private boolean viewStale;
    private long viewWrittenMs = Long.MIN_VALUE;

    public DatasetCard(ObjectStore store, CardContext context, Clock clock) {
        this.store = store;
        this.context = context;
        this.clock = clock;
    }

    public CardContext context() {
        return context;
    }

    /** The part of one writer instance. */
    public Part part(int unit, String token) {
        Part part = new Part(DatasetKeys.cardPartPrefix(unit), token);
        parts.add(part);
        return part;
    }

    /**
     * {@link #refreshIfStale()}, unless {@code moreCommitsWaiting} and the view was written less than
     * {@value #VIEW_DEFER_MS} ms ago: the last of a batch of commits writes it once for all of them,
     * and a publisher that is never idle still writes it that often.
     */
    public void refreshIfStale(boolean moreCommitsWaiting) {
        if (moreCommitsWaiting && viewWrittenMs != Long.MIN_VALUE && clock.millis() - viewWrittenMs < VIEW_DEFER_MS) {
            return;
        }
        refreshIfStale();
    }

    /** Writes parts whose last write failed, then the merged view if any part changed since it was written. */
    public void refreshIfStale() {
        parts.forEach(Part::retryIfDirty);
        if (!viewStale) {
            return;
        }
        try {
            writeView();
            viewStale = false;
            viewWrittenMs = clock.millis();
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Could not update the dataset card {} in {}: {}. The data files are not affected; the card is "
                            + "written again after the next commit.",
                    JSON_KEY,
                    store.location(),
                    e.getMessage());
        }
    }

    /** Reads and merges every part in the store, each counted once however often it was absorbed. */
    public CardStats merged() throws IOException {
        return CardParts.merge(CardParts.read(store, PARTS).values());
    }

    private void writeView() throws IOException {
        Map<String, CardPart> parts = CardParts.read(store, PARTS);
        CardStats merged = CardParts.merge(parts.values());
        ObjectNode card =
                CardDocument.render(merged, CardParts.progress(parts.values()), context, parts.size(), clock.instant());
        put(JSON_KEY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
        put(README_KEY, CardReadme.render(card, context).getBytes(StandardCharsets.UTF_8));
        LOG.info(
                "Dataset card updated: {} rows in {} files from {} part(s) at {}",
                merged.rows(),
                merged.files,
                parts.size(),
                store.location() + "/" + JSON_KEY);
    }

    private void put(String key, byte[] bytes) throws IOException {
        try (ObjectOutput out = store.create(key)) {
            out.write(bytes);
            out.commit();
        }
    }

    /**
     * One writer instance's stats, written to its own object. Its first write also absorbs the older
     * parts of its unit (their stats join its own, {@link CardPart}), which it deletes once that write
     * is durable: a unit has a bounded number of parts however often it restarts.
     */
    public final class Part {
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

        private Part(String unitPrefix, String token) {
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

        private void retryIfDirty() {
            if (!dirty) {
                return;
            }
            try {
                put(
                        key,
                        JSON.writeValueAsBytes(CardPart.toJson(
                                revision + 1, stats, pending, absorbed, Optional.ofNullable(progress))));
                revision++;
                pending = new CardStats();
                dirty = false;
                viewStale = true;
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
}
