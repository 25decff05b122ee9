package io.trainset.connect.pipeline;

import java.nio.file.Path;

/**
 * How much of the join's waiting state a task keeps in the heap ({@code join.buffer.max.bytes}) and
 * where it puts the rest ({@code join.spill.dir}): above the bound, the values of newly arriving
 * submissions are spilled to local files until the buffer is back under 80% of it.
 *
 * @param maxBytes estimated heap bytes of the held events above which submissions are spilled (and
 *     inputs that run ahead are paused)
 * @param spillDirectory the base under which each join unit makes the private directory of its spill
 */
public record JoinBuffer(long maxBytes, Path spillDirectory) {

    /** A bound whose spill goes to private directories in the JVM's temporary directory. */
    public static JoinBuffer of(long maxBytes) {
        return new JoinBuffer(maxBytes, defaultSpillDirectory());
    }

    /**
     * The JVM's temporary directory itself: no shared, predictable sub-directory that another user could
     * make first (the temporary directory's sticky bit keeps others from renaming what a task makes there).
     */
    public static Path defaultSpillDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
