package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
 * zombie's late write is counted once; {@link WriterPart}); it rewrites its part after each commit, and nothing else
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

    private final ObjectStore store;
    private final CardContext context;
    private final Clock clock;
    /** Made where writers are made; written and refreshed where commits are published (possibly another thread). */
    private final List<WriterPart> parts = new CopyOnWriteArrayList<>();

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

    /** The part of one writer instance; its writes make the merged view stale. */
    public WriterPart part(int unit, String token) {
        WriterPart part = new WriterPart(store, DatasetKeys.cardPartPrefix(unit), token, () -> viewStale = true);
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
        parts.forEach(WriterPart::retryIfDirty);
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
        store.put(JSON_KEY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(card));
        store.put(README_KEY, CardReadme.render(card, context).getBytes(StandardCharsets.UTF_8));
        LOG.info(
                "Dataset card updated: {} rows in {} files from {} part(s) at {}",
                merged.rows(),
                merged.files,
                parts.size(),
                store.location() + "/" + JSON_KEY);
    }
}
