package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset card, kept current as files are committed, without races between tasks.
 *
 * <p>Every writer instance (one join unit in one task run) owns one card part,
 * {@code _trainset/parts/unit-<unit>-<token>.json}, holding the stats of exactly the files it
 * committed; it rewrites its part after each commit, and nothing else ever writes that object.
 * The merged view, {@code _trainset/dataset.json} and {@code _trainset/README.md}, is a pure
 * function of all parts: after the put() in which a task committed a file, it lists and merges the
 * parts and rewrites both. Two tasks may rewrite the view at once; each writes a merge of the parts
 * it listed, and the next refresh (after any commit) writes the merge of all, so the view converges
 * to the parts, which are the source of truth. Everything lies under {@code _trainset/}, which
 * Spark, Hive and pyarrow skip and no {@code *.parquet} glob matches. Not thread-safe (one task):
 * only {@link #part} may be called on another thread than the rest.
 */
public final class DatasetCard {

    public static final String DIRECTORY = "_trainset/";
    public static final String PARTS = DIRECTORY + "parts/";
    public static final String JSON_KEY = DIRECTORY + "dataset.json";
    public static final String README_KEY = DIRECTORY + "README.md";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCard.class);
    /** How long the merged view may wait for the last of a batch of commits. */
    static final long VIEW_DEFER_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Part part = new Part(PARTS + String.format(Locale.ROOT, "unit-%04d-%s.json", unit, token));
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
            LOG.warn("Could not update the dataset card {} in {}: {}. The data files are not affected; the card is "
                    + "written again after the next commit.", JSON_KEY, store.location(), e.getMessage());
        }
    }

    /** Reads and merges every part in the store. */
    public CardStats merged() throws IOException {
        CardStats merged = new CardStats();
        for (String key : store.list(PARTS)) {
            Optional<byte[]> bytes = store.read(key);
            try {
                if (bytes.isPresent()) {
                    merged.merge(CardStats.fromJson(JSON.readTree(bytes.get())));
                }
            } catch (IOException | RuntimeException e) {
                // One unreadable part (corrupt, or written by an older Trainset) must not stop the card for good.
                LOG.warn("Skipping dataset card part {} at {}: it cannot be read ({}). The card leaves out that "
                        + "writer's counts; delete the part to silence this (the data files are not affected)",
                        key, store.location(), e.toString());
            }
        }
        return merged;
    }

    private void writeView() throws IOException {
        List<String> keys = store.list(PARTS);
        CardStats merged = merged();
        ObjectNode card = CardDocument.render(merged, context, keys.size(), clock.instant());
        put(JSON_KEY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
        put(README_KEY, CardReadme.render(card, context).getBytes(StandardCharsets.UTF_8));
        LOG.info("Dataset card updated: {} rows in {} files from {} part(s) at {}", merged.rows(), merged.files,
                keys.size(), store.location() + "/" + JSON_KEY);
    }

    private void put(String key, byte[] bytes) throws IOException {
        try (ObjectOutput out = store.create(key)) {
            out.write(bytes);
            out.commit();
        }
    }

    /** One writer instance's stats, written to its own object. */
    public final class Part {
        private final String key;
        private final CardStats stats = new CardStats();
        private boolean dirty;

        private Part(String key) {
            this.key = key;
        }

        /** Adds a committed file's stats and rewrites the part. */
        public void committed(CardStats file) {
            stats.merge(file);
            dirty = true;
            retryIfDirty();
        }

        /** Counts an event the join settled without a row; written at the next refresh. */
        public void dropped(CardStats.Dropped kind) {
            stats.addDropped(kind);
            dirty = true;
        }

        public CardStats stats() {
            return stats;
        }

        private void retryIfDirty() {
            if (!dirty) {
                return;
            }
            try {
                put(key, JSON.writeValueAsBytes(stats.toJson()));
                dirty = false;
                viewStale = true;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write the dataset card part {} in {}: {}. Retrying after the next commit.", key,
                        store.location(), e.getMessage());
            }
        }
    }
}
