package io.trainset.connect.state;

import io.trainset.connect.model.JoinState;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The checkpoints of join units in the object store, beside the data (see docs/guarantees.md): a
 * checkpoint, created with a conditional create, is a unit's commit point for its offsets, join state
 * and files. Keys ({@link io.trainset.connect.model.DatasetKeys}):
 * {@code _trainset/checkpoints/unit-<N>/<sequence>.ckpt} and the chunks of a join state larger than a
 * chunk ({@link StateChunks}); the staged files the checkpoints name are {@link StagedFiles}'. Nothing here ends in
 * {@code .parquet}, and {@code _trainset/} is skipped by Spark, Hive and pyarrow. Listings are parsed
 * strictly ({@link StateListing}): anything else in these directories is ignored and never deleted. With an
 * owner ({@link OutputOwner}), every checkpoint created names it as its writer, and a restore refuses a
 * checkpoint the owner does not accept.
 */
public final class CheckpointStore {

    /** Checkpoints kept per unit by a cleanup: the newest and two before it. */
    static final int KEPT_CHECKPOINTS = 3;
    /** The most bytes of join state a checkpoint object holds inline, and the size of each chunk object beyond. */
    public static final int CHUNK_BYTES = 4 << 20;

    private final ObjectStore store;
    private final StoreRetry retry;
    private final StateChunks chunks;
    private final CheckpointReader reader;
    private final StateListing listing;
    private final Optional<OutputOwner> owner;
    private final int chunkBytes;

    /**
     * The checkpoints of {@code owner}'s location, each step retried up to 5 times, waiting 0.5 s doubling to 10 s
     * (about 20 s in all).
     */
    public CheckpointStore(ObjectStore store, OutputOwner owner) {
        this(store, StoreRetry.defaults(store.location()), CHUNK_BYTES, Optional.of(owner));
    }

    /**
     * Checkpoints written as {@code owner}'s (none: unstamped, and every checkpoint is restored), their join
     * states cut into chunks of {@code chunkBytes}.
     */
    public CheckpointStore(ObjectStore store, StoreRetry retry, int chunkBytes, Optional<OutputOwner> owner) {
        this.store = store;
        this.retry = retry;
        this.chunks = new StateChunks(store);
        this.listing = new StateListing(store);
        this.reader = new CheckpointReader(store, chunks, listing, owner);
        this.owner = owner;
        this.chunkBytes = chunkBytes;
    }

    /** Runs a step of a commit with bounded retries; the last failure is rethrown. */
    private <T> T retrying(dev.failsafe.function.CheckedSupplier<T> step) throws IOException {
        return retry.get(step);
    }

    /**
     * The unit's newest checkpoint with its whole join state (a delta's is read from its base and every
     * checkpoint up to it), or empty when the unit never committed. A checkpoint of another connector than
     * the owner fails it with {@link OwnershipException}.
     */
    public Optional<Checkpoint> newest(int unit) throws IOException {
        return newest(unit, UnaryOperator::identity);
    }

    /**
     * {@link #newest(int)}, passing each payload through an operator of {@code onReadPerAttempt} as it is decoded (the
     * caller may move it off the heap; a fresh operator for each attempt, so that one that counts what it kept starts
     * from nothing when a failed attempt is retried): of each key's newest state in the chain only (read from the newest checkpoint back,
     * {@link ChainMerge}), so a state that a newer checkpoint replaced is never held. A chunked state is read one
     * chunk at a time. Each attempt reads the chain from the start: what a failed attempt spilled is released
     * ({@link RestoreAttempt}).
     */
    public Optional<Checkpoint> newest(int unit, Supplier<UnaryOperator<Object>> onReadPerAttempt) throws IOException {
        return retrying(() -> {
            RestoreAttempt attempt = new RestoreAttempt(onReadPerAttempt.get());
            try {
                return reader.newest(unit, attempt);
            } catch (IOException | RuntimeException e) {
                attempt.failed();
                throw e;
            }
        });
    }

    /**
     * Encodes a join state (on the task thread) for commit {@code sequence} of {@code unit} by the
     * writer instance {@code token}: inline when it fits in one chunk, else cut into chunks handed to
     * {@code upload} as they fill (which uploads them with {@link #writeChunk}, e.g. on the writer lane,
     * blocking at its capacity), each payload as {@code storedForm} gives it.
     */
    public EncodedJoin encodeJoin(
            int unit,
            long sequence,
            String token,
            JoinState state,
            UnaryOperator<Object> storedForm,
            BiConsumer<String, byte[]> upload) {
        ChunkedOutput out = new ChunkedOutput(chunkBytes, StateChunks.prefix(unit, sequence, token), upload);
        try {
            CheckpointCodec.encodeJoin(state, storedForm, out);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot encode the join state of unit " + unit + " for checkpoint " + sequence, e);
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
        String key = StateKeys.checkpointKey(checkpoint.unit(), checkpoint.sequence());
        Checkpoint stamped = owner.map(o -> checkpoint.writtenBy(o.identity())).orElse(checkpoint);
        byte[] bytes = CheckpointCodec.encode(stamped, encodedJoin);
        return retrying(() -> store.createIfAbsent(key, bytes)
                || store.read(key)
                        .map(existing -> Arrays.equals(existing, bytes))
                        .orElse(false));
    }

    /**
     * Deletes the checkpoints before both {@code base} (the full checkpoint that the newest, {@code sequence},
     * builds on) and the newest {@value #KEPT_CHECKPOINTS} (older ones are kept only for inspection) with their
     * chunks, and chunks of commits up to {@code sequence} that no checkpoint names. Chunks of later commits
     * may belong to a live zombie and are left for the next cleanup.
     */
    public void cleanUpTo(int unit, long sequence, long base) throws IOException {
        retrying(() -> {
            StateListing.Checkpoints left = cleanCheckpoints(unit, Math.min(base, sequence - KEPT_CHECKPOINTS + 1));
            chunks.cleanUpTo(unit, sequence, left);
            return null;
        });
    }

    /** Deletes the chunks that no checkpoint names of commits up to {@code sequence}: they can never be read. */
    public void cleanChunksUpTo(int unit, long sequence) throws IOException {
        retrying(() -> {
            chunks.cleanUpTo(unit, sequence, listing.checkpoints(unit));
            return null;
        });
    }

    /** Deletes the checkpoints before {@code keptFrom}; returns what is left in the unit's checkpoint directory. */
    private StateListing.Checkpoints cleanCheckpoints(int unit, long keptFrom) throws IOException {
        StateListing.Checkpoints listed = listing.checkpoints(unit);
        for (long sequence : listed.sequences().headSet(keptFrom, false)) {
            store.delete(StateKeys.checkpointKey(unit, sequence));
        }
        return listed.from(keptFrom);
    }
}
