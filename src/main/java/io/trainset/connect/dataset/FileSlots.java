package io.trainset.connect.dataset;

import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory of a row's file and the name of its open-file slot (directory and split). When the
 * path has no date level both depend only on the split and the label, so they are built once per
 * (split, label) and then looked up without building strings; with a date level they are built per
 * row. Not thread-safe (one writer).
 */
final class FileSlots {

    /** (split, label) pairs remembered before the memory starts over, in case labels are unbounded. */
    static final int MAX_REMEMBERED = 4096;

    /** Where a row goes: its directory (may be empty) and its slot, {@code directory/split}. */
    record Slot(String directory, String name) {}

    private final FileLayout layout;
    private final boolean remember;
    private final Map<String, Map<String, Slot>> bySplitAndLabel = new HashMap<>();
    private int remembered;

    FileSlots(FileLayout layout) {
        this.layout = layout;
        this.remember = !layout.spec().levels().contains(PathLevel.DATE);
    }

    /** The slot of a row in its split. */
    Slot of(Row row, String split) {
        if (!remember) {
            return slotOf(row, split);
        }
        // A label not seen yet (the first timed-out row's null one) is a miss inside the map's look-up, whose compiled
        // code has seen misses, not a branch of this per-row method that C2 traps on (docs/performance.md, "Issue 14,
        // session 10").
        Slot slot = bySplitAndLabel
                .computeIfAbsent(split, s -> new HashMap<>())
                .computeIfAbsent(row.label(), label -> remembered(slotOf(row, split)));
        if (remembered > MAX_REMEMBERED) {
            bySplitAndLabel.clear();
            remembered = 1;
            bySplitAndLabel.computeIfAbsent(split, s -> new HashMap<>()).put(row.label(), slot);
        }
        return slot;
    }

    private Slot remembered(Slot slot) {
        remembered++;
        return slot;
    }

    private Slot slotOf(Row row, String split) {
        String directory = layout.directoryOf(row, split);
        return new Slot(directory, directory + "/" + split);
    }
}
