package io.trainset.connect.state;

import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
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
        Checkpoint newest = read(key, onRead)
                .orElseThrow(() -> new IOException("Checkpoint " + key + " was listed in " + store.location()
                        + " but cannot be read; another task may have removed it: restart the task"));
        if (newest.isFull()) {
            return Optional.of(newest);
        }
        Checkpoint base = inChain(newest, newest.base(), onRead);
        List<JoinSnapshot> changes = new ArrayList<>();
        for (long sequence = newest.base() + 1; sequence < newest.sequence(); sequence++) {
            changes.add(inChain(newest, sequence, onRead).join());
        }
        changes.add(newest.join());
        // A restore may have spilled the values of states that later ones replace: they go at once.
        return Optional.of(newest.withWholeState(
                base.join().withChanges(changes, event -> PayloadSpill.release(event.payload()))));
    }

    /** Checkpoint {@code sequence} of the chain that {@code newest}, a delta, builds on. */
    private Checkpoint inChain(Checkpoint newest, long sequence, UnaryOperator<Object> onRead) throws IOException {
        String key = StateKeys.checkpointKey(newest.unit(), sequence);
        Optional<Checkpoint> found = read(key, onRead);
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

    private Optional<Checkpoint> read(String key, UnaryOperator<Object> onRead) throws IOException {
        Optional<byte[]> bytes = store.read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint checkpoint = CheckpointCodec.decode(
                bytes.get(), StateKeys.where(store.location(), key), chunkKeys -> chunks.open(key, chunkKeys), onRead);
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
