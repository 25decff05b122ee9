package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.dataset.card.WriterPart;
import java.util.Optional;

/**
 * What one {@link DatasetWriter} counts for the dataset card, if the card is kept: its own part and the
 * stats of the commit being prepared (its files, the events dropped meanwhile) until that commit is
 * published.
 */
final class CardCounts {

    private final Optional<DatasetCard> card;
    private final Optional<WriterPart> part;
    private CardStats prepared = new CardStats();

    CardCounts(Optional<DatasetCard> card, int unit, String token) {
        this.card = card;
        this.part = card.map(c -> c.part(unit, token));
    }

    /** Whether the card is kept: only then are rows' stats worth collecting. */
    boolean kept() {
        return part.isPresent();
    }

    /** A finished file's stats (its rows, size and columns). */
    void finished(CardStats file) {
        if (kept()) {
            prepared.merge(file);
        }
    }

    void dropped(CardStats.Dropped kind) {
        if (kept()) {
            prepared.addDropped(kind);
        }
    }

    /** The stats of the commit being prepared; the next commit's start empty. */
    CardStats take() {
        CardStats taken = prepared;
        prepared = new CardStats();
        return taken;
    }

    /**
     * Counts a published commit's stats and its unit's progress in the part (a write, unless neither
     * changed it) and refreshes the merged view ({@link DatasetCard#refreshIfStale(boolean)}).
     */
    void published(CardStats stats, UnitProgress progress, boolean moreCommitsWaiting) {
        part.ifPresent(p -> p.published(stats, progress));
        card.ifPresent(c -> c.refreshIfStale(moreCommitsWaiting));
    }

    /** Once no upload can run any more: a view that a skipped commit was left to write is written. */
    void afterUploads() {
        card.ifPresent(DatasetCard::refreshIfStale);
    }
}
