package io.trainset.connect.state;

import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import io.trainset.connect.storage.UnretryableStoreException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staged files of join units, {@code _trainset/pending/unit-<N>/<sequence>-<token>/<file key>.pending}
 * ({@link io.trainset.connect.model.DatasetKeys#stagedKey}): where a finished file waits until the checkpoint
 * that names it exists, then is copied to its key. Listings are parsed strictly ({@link StateListing}):
 * anything else in these directories is ignored and never deleted. Each step is retried as
 * {@link StoreRetry} says.
 */
public final class StagedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StagedFiles.class);

    private final ObjectStore store;
    private final StoreRetry retry;
    private final StateListing listing;

    public StagedFiles(ObjectStore store, StoreRetry retry) {
        this.store = store;
        this.retry = retry;
        this.listing = new StateListing(store);
    }

    /**
     * Copies every staged file of the checkpoint to its key and deletes the staged copy.
     * Idempotent: a file whose staged copy is gone was copied before (by this or another task).
     */
    public void copyToKeys(Checkpoint checkpoint) throws IOException {
        retry.get(() -> {
            copyOnce(checkpoint);
            return null;
        });
    }

    private void copyOnce(Checkpoint checkpoint) throws IOException {
        for (Checkpoint.File file : checkpoint.files()) {
            if (file.staged().equals(file.key())) {
                continue;
            }
            try {
                store.copy(file.staged(), file.key());
            } catch (IOException e) {
                if (store.list(file.key()).contains(file.key())) {
                    LOG.debug("{} was published before; its staged copy is gone", file.key());
                    continue;
                }
                String message = "Cannot publish " + file.key() + " of checkpoint " + checkpoint.sequence()
                        + " of unit " + checkpoint.unit() + " from " + file.staged() + ": " + e.getMessage();
                throw e instanceof UnretryableStoreException
                        ? new UnretryableStoreException(message, e)
                        : new IOException(message, e);
            }
            store.delete(file.staged());
        }
    }

    /**
     * Deletes the staged files of commits up to {@code sequence}: they are published or can never be. Staged
     * files of later commits may belong to a live zombie and are left for the next cleanup.
     */
    public void deleteUpTo(int unit, long sequence) throws IOException {
        retry.get(() -> {
            for (StateListing.Staged staged : listing.staged(unit)) {
                if (staged.sequence() <= sequence) {
                    store.delete(staged.key());
                }
            }
            return null;
        });
    }
}
