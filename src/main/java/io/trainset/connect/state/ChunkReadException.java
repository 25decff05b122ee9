package io.trainset.connect.state;

import java.io.IOException;

/**
 * A chunk object of a checkpoint could not be read (missing, or the store failed): its message says
 * which chunk of which checkpoint, and for a missing one the way out. Not reported as a damaged checkpoint.
 */
final class ChunkReadException extends IOException {

    ChunkReadException(String message) {
        super(message);
    }

    ChunkReadException(String message, IOException cause) {
        super(message, cause);
    }
}
