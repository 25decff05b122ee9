package io.trainset.connect.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of a {@link PayloadSpill}: payloads' values appended at its end and read back at their offsets, and how
 * many of its payloads the join still holds. Opened with {@code DELETE_ON_CLOSE} (unlinked at once on Unix): only
 * the open channel keeps the bytes, so closing it, or the worker dying, leaves nothing.
 */
final class SpillSegment {

    private static final Logger LOG = LoggerFactory.getLogger(SpillSegment.class);

    private final Path path;
    private final FileChannel channel;
    private long size;
    private int live;

    SpillSegment(Path path, FileAttribute<?>... attributes) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(
                path,
                Set.of(
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE),
                attributes);
    }

    long append(ByteBuffer bytes) throws IOException {
        long at = size;
        while (bytes.hasRemaining()) {
            size += channel.write(bytes, size);
        }
        return at;
    }

    void read(ByteBuffer into, long offset) throws IOException {
        long at = offset;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException("the file ends at " + at + " before the payload's " + into.limit() + " bytes");
            }
            at += read;
        }
    }

    /** A payload was appended. */
    void added() {
        live++;
    }

    /** A payload was released; returns the payloads left. */
    int removed() {
        return --live;
    }

    int live() {
        return live;
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Cannot close spill file {}: {}", path, e.toString());
        }
    }
}
