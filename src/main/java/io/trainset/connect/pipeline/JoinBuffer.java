package io.trainset.connect.pipeline;

import java.nio.file.Path;

/**
 * How much of the join's waiting state a task keeps in the heap ({@code join.buffer.max.bytes}) and
 * where it puts the rest ({@code join.spill.dir}): above the bound, the values of newly arriving
 * submissions are spilled to local files until the buffer is back under 80% of it.
 *
 * @param maxBytes estimated heap bytes of the held events above which submissions are spilled (and
 *     inputs that run ahead are paused)
 * @param spillDirectory where the spill files go
 */
public record JoinBuffer(long maxBytes, Path spillDirectory) {

    /** A bound whose spill goes to {@code trainset-spill} in the JVM's temporary directory. */
    public static JoinBuffer of(long maxBytes) {
        return new JoinBuffer(maxBytes, defaultSpillDirectory());
    }

    public static Path defaultSpillDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "trainset-spill");
    }
}
