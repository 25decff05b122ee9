package io.trainset.connect.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A temporary file that becomes the object on commit and disappears otherwise. */
final class LocalObjectOutput extends ObjectOutput {

    private static final Logger LOG = LoggerFactory.getLogger(LocalObjectOutput.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path temp;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream out;
    private long position;
    private boolean committed;
    private boolean closed;
    /** The bytes are on disk and the stream closed: a retried commit only renames. */
    private boolean synced;

    private boolean moved;

    LocalObjectOutput(Path temp, Path target) throws IOException {
        this.temp = temp;
        this.target = target;
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        out.write(b);
        position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkWritable();
        out.write(bytes, offset, length);
        position += length;
    }

    @Override
    public void flush() throws IOException {
        if (!closed && !committed) {
            out.flush();
        }
    }

    @Override
    public void commit() throws IOException {
        checkWritable();
        if (!synced) {
            try {
                out.flush();
                channel.force(true);
                out.close();
            } catch (IOException e) {
                // Not repeatable: a partial write moved the channel, and a failed fsync is reported once.
                close();
                throw new UnretryableStoreException(
                        "Writing " + target + " failed (" + e.getMessage()
                                + "); its bytes are discarded. Check the disk (space, quota, errors); the task's"
                                + " uncommitted rows are written again after it restarts",
                        e);
            }
            synced = true;
        }
        if (!moved) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        }
        LocalObjectStore.syncDirectory(target.getParent());
        committed = true;
        LOG.debug("Committed {} ({} bytes)", target, position);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }

    private void checkWritable() throws IOException {
        if (closed || committed) {
            throw new IOException(target + " is already " + (committed ? "committed" : "closed")
                    + "; create a new output to write again");
        }
    }
}
