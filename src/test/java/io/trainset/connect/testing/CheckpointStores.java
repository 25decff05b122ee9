package io.trainset.connect.testing;

import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.StoreRetry;
import java.time.Duration;
import java.util.Optional;

/** The checkpoints of a location without an owner (every checkpoint restored), as tests make them. */
public final class CheckpointStores {

    private CheckpointStores() {}

    /** No retry at all: a store failure fails the step at once. */
    public static StoreRetry noRetry(ObjectStore store) {
        return new StoreRetry(store.location(), 0, Duration.ZERO, Duration.ZERO);
    }

    /** Checkpoints of {@code store} with join states in chunks of the production size, not retried. */
    public static CheckpointStore unowned(ObjectStore store) {
        return unowned(store, CheckpointStore.CHUNK_BYTES);
    }

    /** Checkpoints of {@code store} with join states cut into chunks of {@code chunkBytes}, not retried. */
    public static CheckpointStore unowned(ObjectStore store, int chunkBytes) {
        return new CheckpointStore(store, noRetry(store), chunkBytes, Optional.empty());
    }
}
