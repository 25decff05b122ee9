package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Side;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The windows of a unit's decided cases that are still open (docs/join-semantics.md: a later event inside
 * one is ignored), without an object per key or window: each window is a slot of four longs in one array
 * (its fields side by side, in one cache line), the windows of one key are chained from the key's slot in an
 * open-addressing index, and the slots are
 * ordered by their window's end ({@link WindowsByEnd}), so windows close as the watermark passes their ends.
 * A key whose only state is decided windows is held in the index without a {@link KeyState}, and has no due entry.
 */
final class DecidedWindows {

    private static final int NONE = -1;
    private static final int ANCHOR = 0;
    private static final int START = 1;
    private static final int END = 2;
    /** The key's next window's slot, or NONE; for a free slot, the next free slot. */
    private static final int NEXT = 3;

    /** The key of each slot (null when free, or closed by its key and not yet off the heap). */
    private String[] keys = new String[16];
    /** Slot {@code s}'s fields at {@code 4 * s + ANCHOR, START, END, NEXT}. */
    private long[] windows = new long[16 * 4];

    private int used;
    private int free = NONE;
    /** The unit's keys, each to its first open window's slot (and its state, the {@link KeyStates}'). */
    private final KeyIndex index;
    /** The slots by their window's end; a slot whose window a key closed itself ({@link #closeBefore}) stays. */
    private final WindowsByEnd byEnd = new WindowsByEnd();

    /** Windows whose keys are held in {@code index}, shared with the keys' states ({@link KeyStates}). */
    DecidedWindows(KeyIndex index) {
        this.index = index;
    }

    /** Keys with an open decided window (counted through the index: for tests). */
    int keyCount() {
        return index.countWithValue();
    }

    /** The first open window of {@code key} (for {@link #ignored} and {@link #firstEnd}), or -1 when none. */
    int find(String key) {
        return index.head(key);
    }

    /** Opens the window of a case of {@code key} just decided (after the key's earlier ones). */
    void add(String key, long anchor, long start, long end) {
        int slot = allocate();
        keys[slot] = key;
        int at = slot << 2;
        windows[at + ANCHOR] = anchor;
        windows[at + START] = start;
        windows[at + END] = end;
        windows[at + NEXT] = NONE;
        int place = index.find(key);
        if (place < 0) {
            index.addAt(place, key, slot, null);
        } else if (index.valueAt(place) == NONE) {
            index.replaceAt(place, slot);
        } else {
            int last = index.valueAt(place);
            while (next(last) != NONE) {
                last = next(last);
            }
            windows[(last << 2) + NEXT] = slot;
        }
        byEnd.push(slot, end);
    }

    /**
     * The outcome of an event inside an open decided window of its key (from {@link #find}: it is ignored), or
     * null: a submission
     * version from the case's anchor on, a resolution from the window's start on, each up to its end.
     */
    JoinOutcome ignored(int first, Event event) {
        long t = event.timestampMs();
        boolean submitted = event.side() == Side.SUBMITTED;
        for (int slot = first; slot != NONE; slot = next(slot)) {
            int at = slot << 2;
            if (t <= windows[at + END] && t >= windows[at + (submitted ? ANCHOR : START)]) {
                return new JoinOutcome.Ignored(
                        event,
                        submitted
                                ? "a submission version that came after its row was decided"
                                : "a resolution of a case whose row was already decided");
            }
        }
        return null;
    }

    /**
     * Copies the open windows from {@code first} (a key's, from {@link #find}), in the order they were decided, into
     * {@code into} (anchor, start and end of each side by side; grown when too short); returns the array.
     */
    long[] copy(int first, long[] into) {
        int count = count(first);
        long[] copy = into.length >= 3 * count ? into : new long[Math.max(3 * count, 2 * into.length)];
        int to = 0;
        for (int slot = first; slot != NONE; slot = next(slot)) {
            int at = slot << 2;
            copy[to++] = windows[at + ANCHOR];
            copy[to++] = windows[at + START];
            copy[to++] = windows[at + END];
        }
        return copy;
    }

    /** How many open windows there are from {@code first} (a key's, from {@link #find}). */
    int count(int first) {
        int count = 0;
        for (int slot = first; slot != NONE; slot = next(slot)) {
            count++;
        }
        return count;
    }

    /**
     * The earliest end of the open windows from {@code first} (a key's, from {@link #find}), or {@link
     * Long#MAX_VALUE} when there are none.
     */
    long firstEnd(int first) {
        long end = Long.MAX_VALUE;
        for (int slot = first; slot != NONE; slot = next(slot)) {
            end = Math.min(end, end(slot));
        }
        return end;
    }

    /**
     * Closes the windows of {@code key} that end before {@code watermark} (as {@link #close} would); returns the
     * key's first open window left (as {@link #find} would), or -1 when none.
     */
    int closeBefore(String key, long watermark) {
        int place = index.find(key);
        int first = place < 0 ? NONE : index.valueAt(place);
        for (int slot = first; slot != NONE; ) {
            int after = next(slot);
            if (end(slot) < watermark) {
                first = slot == first ? after : first;
                unlink(place, slot);
                keys[slot] = null;
            }
            slot = after;
        }
        return first;
    }

    /**
     * Closes the windows that end before {@code watermark}, handing their keys and the keys' states (null when they
     * hold no events) to {@code closed} (a key once per window it had).
     */
    void close(long watermark, BiConsumer<String, KeyState> closed) {
        while (byEnd.firstEndsBefore(watermark)) {
            int slot = byEnd.pop();
            String key = keys[slot];
            if (key != null) {
                int place = index.find(key);
                KeyState state = index.stateAt(place);
                unlink(place, slot);
                keys[slot] = null;
                closed.accept(key, state);
            }
            windows[(slot << 2) + NEXT] = free;
            free = slot;
        }
    }

    /** The end of the window in {@code slot}. */
    long end(int slot) {
        return windows[(slot << 2) + END];
    }

    private int next(int slot) {
        return (int) windows[(slot << 2) + NEXT];
    }

    /**
     * Takes {@code slot} out of the chain of its key, whose place in the index is {@code place}; a key left with no
     * window and no state leaves the index.
     */
    private void unlink(int place, int slot) {
        int head = index.valueAt(place);
        if (head == slot) {
            if (next(slot) != NONE) {
                index.replaceAt(place, next(slot));
            } else if (index.stateAt(place) == null) {
                index.removeAt(place);
            } else {
                index.replaceAt(place, NONE); // the key's state stays
            }
            return;
        }
        int before = head;
        while (next(before) != slot) {
            before = next(before);
        }
        windows[(before << 2) + NEXT] = next(slot);
    }

    private int allocate() {
        if (free != NONE) {
            int slot = free;
            free = next(slot);
            return slot;
        }
        if (used == keys.length) {
            int size = used * 2;
            keys = Arrays.copyOf(keys, size);
            windows = Arrays.copyOf(windows, size * 4);
        }
        return used++;
    }
}
