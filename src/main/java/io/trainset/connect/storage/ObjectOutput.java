package io.trainset.connect.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of one object being written. {@link #commit()} publishes the object atomically under
 * its key; {@link #close()} without a commit discards everything written (an abort).
 */
public abstract class ObjectOutput extends OutputStream {

    /** Bytes written so far. */
    public abstract long position();

    /** Publishes the object: after this returns it is durable and visible under its key. */
    public abstract void commit() throws IOException;

    /** Releases resources; discards the object if {@link #commit()} did not succeed. */
    @Override
    public abstract void close() throws IOException;

    /** {@link #close()}s after {@code failure}: a failure to close is added to it as suppressed, not thrown. */
    public final void closeAfter(Exception failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
