package io.trainset.connect.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One attempt of a restore's read ({@link CheckpointStore#newest(int, java.util.function.Supplier)}): passes each payload through
 * the caller's {@code onRead} and remembers those it moved to a {@link PayloadSpill}, so that an attempt that fails
 * part-way, and is retried from the start, releases what it spilled instead of leaving it in the spill until the unit
 * closes. Used by one restore on one thread.
 */
final class RestoreAttempt implements UnaryOperator<Object> {

    private final UnaryOperator<Object> onRead;
    private final List<SpilledFeatures> spilled = new ArrayList<>();

    RestoreAttempt(UnaryOperator<Object> onRead) {
        this.onRead = onRead;
    }

    @Override
    public Object apply(Object payload) {
        Object read = onRead.apply(payload);
        if (read instanceof SpilledFeatures spilledFeatures) {
            spilled.add(spilledFeatures);
        }
        return read;
    }

    /** The attempt failed: every payload it spilled is released (its state is never used). */
    void failed() {
        spilled.forEach(SpilledFeatures::release);
        spilled.clear();
    }
}
