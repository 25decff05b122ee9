package io.trainset.connect.state;

import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.join.JoinSnapshot;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * The unit's newest checkpoint with its whole join state (a delta's is read from its base and every
     * checkpoint up to it), or empty when the unit never committed.
     */
    public Optional<Checkpoint> newest(int unit) throws IOException {
        return retrying(() -> readNewest(unit));
    }

    private Optional<Checkpoint> readNewest(int unit) throws IOException {
        List<String> keys = store.list(checkpointDirectory(unit)).stream().filter(k -> k.endsWith(SUFFIX)).toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.get(keys.size() - 1);
        Checkpoint newest = read(key).orElseThrow(() -> new IOException("Checkpoint " + key + " was listed in "
                + store.location() + " but cannot be read; another task may have removed it: restart the task"));
        if (newest.isFull()) {
            return Optional.of(newest);
        }
        Checkpoint base = inChain(newest, newest.base());
        List<JoinSnapshot> changes = new ArrayList<>();
        for (long sequence = newest.base() + 1; sequence < newest.sequence(); sequence++) {
            changes.add(inChain(newest, sequence).join());
        }
        changes.add(newest.join());
        return Optional.of(newest.withWholeState(base.join().withChanges(changes)));
    }

    /** Checkpoint {@code sequence} of the chain that {@code newest}, a delta, builds on. */
    private Checkpoint inChain(Checkpoint newest, long sequence) throws IOException {
        String key = checkpointKey(newest.unit(), sequence);
        Optional<Checkpoint> found = read(key);
        boolean fits = found.isPresent() && (sequence == newest.base() ? found.get().isFull()
                : found.get().base() == newest.base());
        if (!fits) {
            throw new IOException("Checkpoint " + newest.sequence() + " of unit " + newest.unit() + " builds on the "
                    + "checkpoints from " + newest.base() + " on, but " + store.location() + "/" + key + " is "
                    + (found.isPresent() ? "not part of that chain" : "missing") + ". Restore it from the bucket's "
                    + "versioning, or delete the unit's checkpoints to start that unit again from the consumer "
                    + "group's offsets (rows may repeat).");
        }
        return found.get();
    }

    private Optional<Checkpoint> read(String key) throws IOException {
        Optional<byte[]> bytes = store.read(key);
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(CheckpointCodec.decode(bytes.get(), store.location() + "/" + key));
    }

    /**
     * Creates the checkpoint if no checkpoint of its sequence exists; returns false when another
     * writer created that sequence first (this writer is fenced). A create whose response was lost
     * and is retried finds its own bytes and counts as written.
     */
    public boolean create(Checkpoint checkpoint) throws IOException {
        return create(checkpoint, CheckpointCodec.encodeJoin(checkpoint.join()));
    }

    /** {@link #create(Checkpoint)} with the join state encoded ahead by {@link CheckpointCodec#encodeJoin}. */
    public boolean create(Checkpoint checkpoint, byte[] encodedJoin) throws IOException {
        String key = checkpointKey(checkpoint.unit(), checkpoint.sequence());
        byte[] bytes = CheckpointCodec.encode(checkpoint, encodedJoin);
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
     * the checkpoints before both {@code base} (the full checkpoint that the newest, {@code sequence},
     * builds on) and the newest {@value #KEPT_CHECKPOINTS} (older ones are kept only for inspection).
     * Staged files of later commits may belong to a live zombie and are left for the next cleanup.
     */
    public void cleanUpTo(int unit, long sequence, long base) throws IOException {
        retrying(() -> {
            cleanStaged(unit, sequence);
            cleanCheckpoints(unit, Math.min(base, sequence - KEPT_CHECKPOINTS + 1));
            return null;
        });
    }

    /** Deletes staged files of commits up to {@code sequence}: they are published or can never be. */
    public void cleanStagedUpTo(int unit, long sequence) throws IOException {
        retrying(() -> {
            cleanStaged(unit, sequence);
            return null;
        });
    }

    private void cleanStaged(int unit, long sequence) throws IOException {
        String pending = pendingDirectory(unit);
        for (String key : store.list(pending)) {
            String commit = key.substring(pending.length(), key.indexOf('-', pending.length()));
            if (Long.parseLong(commit) <= sequence) {
                store.delete(key);
            }
        }
    }

    private void cleanCheckpoints(int unit, long keptFrom) throws IOException {
        String checkpoints = checkpointDirectory(unit);
        for (String key : store.list(checkpoints)) {
            if (key.endsWith(SUFFIX) && Long.parseLong(key.substring(checkpoints.length(),
                    key.length() - SUFFIX.length())) < keptFrom) {
                store.delete(key);
            }
        }
    }
}
