package io.trainset.connect.state;

import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads a unit's newest checkpoint for a restore: a delta's state from its base and every checkpoint
 * up to it, a chunked state one chunk object at a time ({@link StateChunks}). With an owner, a checkpoint
 * it does not accept ({@link OutputOwner#accepts}) fails the restore with {@link OwnershipException}.
 * {@link CheckpointStore} retries the whole read.
 */
final class CheckpointReader {

    private final ObjectStore store;
    private final StateChunks chunks;
    private final StateListing listing;
    private final Optional<OutputOwner> owner;

    CheckpointReader(ObjectStore store, StateChunks chunks, StateListing listing, Optional<OutputOwner> owner) {
        this.store = store;
        this.chunks = chunks;
        this.listing = listing;
        this.owner = owner;
    }

    /** The newest checkpoint with its whole join state, each payload passed through {@code onRead}; empty when none. */
    Optional<Checkpoint> newest(int unit, UnaryOperator<Object> onRead) throws IOException {
        NavigableSet<Long> sequences = listing.checkpoints(unit).sequences();
        if (sequences.isEmpty()) {
            return Optional.empty();
        }
        String key = StateKeys.checkpointKey(unit, sequences.last());
        Checkpoint newest = read(key, onRead, k -> true)
                .orElseThrow(() -> new IOException("Checkpoint " + key + " was listed in " + store.location()
                        + " but cannot be read; another task may have removed it: restart the task"));
        if (newest.isFull()) {
            return Optional.of(newest);
        }
        // From the newest back to the base: an older checkpoint is read for the keys no newer one holds only, so a
        // replaced state is never held (nor its payload spilled) and one checkpoint's bytes are decoded at a time.
        ChainMerge merge = new ChainMerge(newest.join());
        for (long sequence = newest.sequence() - 1; sequence >= newest.base(); sequence--) {
            merge.add(inChain(newest, sequence, onRead, merge::unseen).join());
        }
        return Optional.of(newest.withWholeState(merge.whole()));
    }

    /** Checkpoint {@code sequence} of the chain that {@code newest}, a delta, builds on. */
    private Checkpoint inChain(Checkpoint newest, long sequence, UnaryOperator<Object> onRead, Predicate<String> wanted)
            throws IOException {
        String key = StateKeys.checkpointKey(newest.unit(), sequence);
        Optional<Checkpoint> found = read(key, onRead, wanted);
        boolean fits = found.isPresent()
                && (sequence == newest.base()
                        ? found.get().isFull()
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

    private Optional<Checkpoint> read(String key, UnaryOperator<Object> onRead, Predicate<String> wanted)
            throws IOException {
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint checkpoint = CheckpointCodec.decode(
                bytes.get(),
                StateKeys.where(store.location(), key),
                chunkKeys -> chunks.open(key, chunkKeys),
                onRead,
                wanted);
        if (owner.isPresent() && !owner.get().accepts(checkpoint.unit(), checkpoint.sequence(), checkpoint.writer())) {
            throw new OwnershipException(owner.get()
                    .refusal(
                            store.location(),
                            key,
                            checkpoint.unit(),
                            checkpoint.writer().orElseThrow()));
        }
        return Optional.of(checkpoint);
    }
}
