package io.trainset.connect.state;

import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints and staged files of join units in the object store, beside the data (see
 * docs/guarantees.md): {@code _trainset/checkpoints/unit-<N>/<sequence>.ckpt} and
 * {@code _trainset/pending/unit-<N>/<sequence>-<token>/<final key>.pending}. Nothing here ends in
 * {@code .parquet}, and {@code _trainset/} is skipped by Spark, Hive and pyarrow.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String CHECKPOINTS = DatasetCard.DIRECTORY + "checkpoints/";
    private static final String PENDING = DatasetCard.DIRECTORY + "pending/";
    private static final String SUFFIX = ".ckpt";
    /** Checkpoints kept per unit by a cleanup: the newest and two before it. */
    static final int KEPT_CHECKPOINTS = 3;

    private final ObjectStore store;
    private final StoreRetry retry;

    /** Retries each step of a commit up to 5 times, waiting 0.5 s doubling to 10 s (about 20 s in all). */
    public CheckpointStore(ObjectStore store) {
        this(store, StoreRetry.defaults(store.location()));
    }

    public CheckpointStore(ObjectStore store, int maxRetries, Duration firstDelay, Duration maxDelay) {
        this(store, new StoreRetry(store.location(), maxRetries, firstDelay, maxDelay));
    }

    public CheckpointStore(ObjectStore store, StoreRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    /** Runs a step of a commit with bounded retries; the last failure is rethrown. */
    private <T> T retrying(dev.failsafe.function.CheckedSupplier<T> step) throws IOException {
        return retry.get(step);
    }

    /** Where a file of commit {@code commit} of {@code unit} is uploaded by the writer instance {@code token}. */
    public static String stagedKey(int unit, long commit, String token, String finalKey) {
        return pendingDirectory(unit) + String.format(Locale.ROOT, "%012d-%s/", commit, token) + finalKey + ".pending";
    }

    static String checkpointKey(int unit, long sequence) {
        return checkpointDirectory(unit) + String.format(Locale.ROOT, "%012d", sequence) + SUFFIX;
    }

    private static String checkpointDirectory(int unit) {
        return CHECKPOINTS + String.format(Locale.ROOT, "unit-%04d/", unit);
    }

    private static String pendingDirectory(int unit) {
        return PENDING + String.format(Locale.ROOT, "unit-%04d/", unit);
    }

    /** The unit's newest checkpoint, or empty when it never committed. */
    public Optional<Checkpoint> newest(int unit) throws IOException {
        return retrying(() -> readNewest(unit));
    }

    private Optional<Checkpoint> readNewest(int unit) throws IOException {
        List<String> keys = store.list(checkpointDirectory(unit)).stream().filter(k -> k.endsWith(SUFFIX)).toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.get(keys.size() - 1);
        byte[] bytes = store.read(key).orElseThrow(() -> new IOException("Checkpoint " + key + " was listed in "
                + store.location() + " but cannot be read; another task may have removed it: restart the task"));
        return Optional.of(CheckpointCodec.decode(bytes, store.location() + "/" + key));
    }

    /**
     * Creates the checkpoint if no checkpoint of its sequence exists; returns false when another
     * writer created that sequence first (this writer is fenced). A create whose response was lost
     * and is retried finds its own bytes and counts as written.
     */
    public boolean create(Checkpoint checkpoint) throws IOException {
        String key = checkpointKey(checkpoint.unit(), checkpoint.sequence());
        byte[] bytes = CheckpointCodec.encode(checkpoint);
        return retrying(() -> store.createIfAbsent(key, bytes)
                || store.read(key).map(existing -> Arrays.equals(existing, bytes)).orElse(false));
    }

    /**
     * Copies every staged file of the checkpoint to its final key and deletes the staged copy.
     * Idempotent: a file whose staged copy is gone was published before (by this or another task).
     */
    public void publish(Checkpoint checkpoint) throws IOException {
        retrying(() -> {
            publishOnce(checkpoint);
            return null;
        });
    }

    private void publishOnce(Checkpoint checkpoint) throws IOException {
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
                throw new IOException("Cannot publish " + file.key() + " of checkpoint " + checkpoint.sequence()
                        + " of unit " + checkpoint.unit() + " from " + file.staged() + ": " + e.getMessage(), e);
            }
            store.delete(file.staged());
        }
    }

    /**
     * Deletes staged files of commits up to {@code sequence} (they are published or can never be) and
     * every checkpoint but the newest {@value #KEPT_CHECKPOINTS} up to {@code sequence} (the newest is the
     * truth; older ones are kept only for inspection). Staged files of later commits may belong to a
     * live zombie and are left for the next cleanup.
     */
    public void cleanUpTo(int unit, long sequence) throws IOException {
        retrying(() -> {
            cleanOnce(unit, sequence);
            return null;
        });
    }

    private void cleanOnce(int unit, long sequence) throws IOException {
        String pending = pendingDirectory(unit);
        for (String key : store.list(pending)) {
            String commit = key.substring(pending.length(), key.indexOf('-', pending.length()));
            if (Long.parseLong(commit) <= sequence) {
                store.delete(key);
            }
        }
        String checkpoints = checkpointDirectory(unit);
        for (String key : store.list(checkpoints)) {
            if (key.endsWith(SUFFIX) && Long.parseLong(key.substring(checkpoints.length(),
                    key.length() - SUFFIX.length())) <= sequence - KEPT_CHECKPOINTS) {
                store.delete(key);
            }
        }
    }
}
