package io.trainset.connect.storage;

import java.io.IOException;

/**
 * A store failure that repeating the step cannot mend (e.g. a local file whose flush or fsync failed: its bytes are
 * discarded, and a retry could publish a file the disk never fully held). {@link StoreRetry} does not retry it.
 */
public final class UnretryableStoreException extends IOException {

    public UnretryableStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
