package io.trainset.connect.pipeline;

import java.nio.file.Path;

/**
 * How much of the join's waiting state a task keeps in the heap ({@code join.buffer.max.bytes}), where it puts the
 * rest ({@code join.spill.dir}), and how far its inputs may drift apart in event time
 * ({@code join.alignment.max.drift.ms}): an input that runs further ahead of its unit's slowest active input is
 * paused, so the buffer holds the window rather than one side read ahead; above the bound, the values of newly
 * arriving submissions are spilled to local files until the buffer is back under 80% of it.
 *
 * @param maxBytes estimated heap bytes of the held events above which submissions are spilled (and
 *     inputs that run ahead are paused)
 * @param spillDirectory the base under which each join unit makes the private directory of its spill
 * @param alignmentMaxDriftMs how far (event time, ms) an input may run ahead of its unit's slowest active input
 *     before it is paused; 0: no alignment
 */
public record JoinBuffer(long maxBytes, Path spillDirectory, long alignmentMaxDriftMs) {

    public JoinBuffer {
        if (alignmentMaxDriftMs < 0) {
            throw new IllegalArgumentException("alignmentMaxDriftMs must not be negative: " + alignmentMaxDriftMs);
        }
    }

    /** A bound and spill directory without event-time alignment. */
    public JoinBuffer(long maxBytes, Path spillDirectory) {
        this(maxBytes, spillDirectory, 0);
    }

    /** A bound whose spill goes to private directories in the JVM's temporary directory; no alignment. */
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
