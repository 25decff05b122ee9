package io.trainset.connect.state;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The spill directory could not be written or read: a problem of the worker's disk, not of a
 * checkpoint, so a restore that meets it fails at once with this message instead of calling the
 * checkpoint damaged (and is not retried).
 */
public final class SpillException extends UncheckedIOException {

    SpillException(String message, IOException cause) {
        super(message, cause);
    }
}
