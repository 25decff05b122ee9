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
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints and staged files of join units in the object store, beside the data (see
 * docs/guarantees.md): {@code _trainset/checkpoints/unit-<N>/<sequence>.ckpt}, the chunks of a join
 * state larger than a chunk ({@link StateChunks}) and
 * {@code _trainset/pending/unit-<N>/<sequence>-<token>/<final key>.pending}. Nothing here ends in
 * {@code .parquet}, and {@code _trainset/} is skipped by Spark, Hive and pyarrow.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String CHECKPOINTS = DatasetCard.DIRECTORY + "checkpoints/";
    private static final String PENDING = DatasetCard.DIRECTORY + "pending/";
    static final String SUFFIX = ".ckpt";
    /** Checkpoints kept per unit by a cleanup: the newest and two before it. */
    static final int KEPT_CHECKPOINTS = 3;
    /** The most bytes of join state a checkpoint object holds inline, and the size of each chunk object beyond. */
    public static final int CHUNK_BYTES = 4 << 20;

    private final ObjectStore store;
    private final StoreRetry retry;
    private final StateChunks chunks;
    private final CheckpointReader reader;
    private final int chunkBytes;

    /** Retries each step of a commit up to 5 times, waiting 0.5 s doubling to 10 s (about 20 s in all). */
    public CheckpointStore(ObjectStore store) {
        this(store, StoreRetry.defaults(store.location()));
    }

    public CheckpointStore(ObjectStore store, int maxRetries, Duration firstDelay, Duration maxDelay) {
        this(store, new StoreRetry(store.location(), maxRetries, firstDelay, maxDelay));
    }

    public CheckpointStore(ObjectStore store, StoreRetry retry) {
        this(store, retry, CHUNK_BYTES);
    }

    /** A store whose join states are cut into chunks of {@code chunkBytes} (tests use small ones). */
    public CheckpointStore(ObjectStore store, StoreRetry retry, int chunkBytes) {
        this.store = store;
        this.retry = retry;
        this.chunks = new StateChunks(store);
        this.reader = new CheckpointReader(store, chunks);
        this.chunkBytes = chunkBytes;
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

    static String checkpointDirectory(int unit) {
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
        return newest(unit, UnaryOperator.identity());
    }

    /**
     * {@link #newest(int)}, passing each payload through {@code onRead} as it is decoded (the caller
     * may move it off the heap), of the base and of every delta. A chunked state is read one chunk at a time.
     */
    public Optional<Checkpoint> newest(int unit, UnaryOperator<Object> onRead) throws IOException {
        return retrying(() -> reader.newest(unit, onRead));
    }

    /**
     * Encodes a join state (on the task thread) for commit {@code sequence} of {@code unit} by the
     * writer instance {@code token}: inline when it fits in one chunk, else cut into chunks handed to
     * {@code upload} as they fill (which uploads them with {@link #writeChunk}, e.g. on the writer lane,
     * blocking at its capacity), each payload as {@code storedForm} gives it.
     */
    public EncodedJoin encodeJoin(int unit, long sequence, String token, JoinSnapshot state,
                                  UnaryOperator<Object> storedForm, BiConsumer<String, byte[]> upload) {
        ChunkedOutput out = new ChunkedOutput(chunkBytes, StateChunks.prefix(unit, sequence, token), upload);
        try {
            CheckpointCodec.encodeJoin(state, storedForm, out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the join state of unit " + unit + " for checkpoint "
                    + sequence, e);
        }
        return out.finish();
    }

    /** Uploads a chunk of a join state that {@link #encodeJoin} cut (the store retries the upload). */
    public void writeChunk(String key, byte[] bytes) throws IOException {
        chunks.write(key, bytes);
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
        return create(checkpoint, EncodedJoin.inline(encodedJoin));
    }

    /**
     * {@link #create(Checkpoint)} with the join state encoded ahead by {@link #encodeJoin}: its chunks,
     * if any, are uploaded before. A fenced writer's chunks are named by no checkpoint.
     */
    public boolean create(Checkpoint checkpoint, EncodedJoin encodedJoin) throws IOException {
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
     * Deletes staged files of commits up to {@code sequence} (they are published or can never be), the
     * checkpoints before both {@code base} (the full checkpoint that the newest, {@code sequence},
     * builds on) and the newest {@value #KEPT_CHECKPOINTS} (older ones are kept only for inspection)
     * with their chunks, and chunks of commits up to {@code sequence} that no checkpoint names.
     * Staged files and chunks of later commits may belong to a live zombie and are left for the next cleanup.
     */
    public void cleanUpTo(int unit, long sequence, long base) throws IOException {
        retrying(() -> {
            cleanStaged(unit, sequence);
            List<String> left = cleanCheckpoints(unit, Math.min(base, sequence - KEPT_CHECKPOINTS + 1));
            chunks.cleanUpTo(unit, sequence, left);
            return null;
        });
    }

    /**
     * Deletes staged files and chunks no checkpoint names of commits up to {@code sequence}: they are
     * published or can never be.
     */
    public void cleanStagedUpTo(int unit, long sequence) throws IOException {
        retrying(() -> {
            cleanStaged(unit, sequence);
            chunks.cleanUpTo(unit, sequence, store.list(checkpointDirectory(unit)));
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

    /** Deletes the checkpoints before {@code keptFrom}; returns what is left in the unit's checkpoint directory. */
    private List<String> cleanCheckpoints(int unit, long keptFrom) throws IOException {
        String checkpoints = checkpointDirectory(unit);
        List<String> left = new ArrayList<>();
        for (String key : store.list(checkpoints)) {
            if (key.endsWith(SUFFIX) && Long.parseLong(key.substring(checkpoints.length(),
                    key.length() - SUFFIX.length())) < keptFrom) {
                store.delete(key);
            } else {
                left.add(key);
            }
        }
        return left;
    }
}
