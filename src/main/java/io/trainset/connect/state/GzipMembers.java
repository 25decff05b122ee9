package io.trainset.connect.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip members a checkpoint's bytes are made of ({@link CheckpointCodec}): written buffered at the fastest
 * deflate level (a checkpoint is written at every commit), a member ended without closing what follows it in the
 * same target ({@link LeftOpen}), and concatenated members read back as one stream.
 */
final class GzipMembers {

    private static final int BUFFER = 1 << 16;

    private GzipMembers() {}

    /** A new gzip member written to {@code target}: closing the stream ends the member and closes the target. */
    static DataOutputStream gzip(OutputStream target) throws IOException {
        // Buffered: DataOutputStream writes an int as four one-byte writes, and each one-byte write into a
        // GZIPOutputStream is a deflate call. Fastest deflate level: a checkpoint is written at every commit.
        return new DataOutputStream(new BufferedOutputStream(
                new GZIPOutputStream(target, BUFFER) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                },
                BUFFER));
    }

    /** The bytes of {@code source}'s gzip members, one after another as one stream. */
    static DataInputStream gunzip(InputStream source) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, BUFFER), BUFFER));
    }

    /** A stream whose close only flushes: the gzip member ends, the target stays open for what follows. */
    static final class LeftOpen extends FilterOutputStream {

        LeftOpen(OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
