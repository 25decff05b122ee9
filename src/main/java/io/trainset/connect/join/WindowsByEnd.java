package io.trainset.connect.join;

import java.util.Arrays;

/**
 * The slots of a unit's {@link DecidedWindows} ordered by their window's end, earliest first: a 4-ary heap of slot
 * numbers beside their windows' ends, so that windows close as the watermark passes their ends. A sift compares the
 * ends side by side in one array instead of reading each slot's window (a cache line apart from the next one's), and
 * four children a node (in one cache line) make it half as deep as a binary heap. A slot whose window its key closed
 * itself stays until it comes first ({@link DecidedWindows#close}).
 */
final class WindowsByEnd {

    private int[] slots = new int[16];
    /** The end of the window in {@code slots[i]} at {@code ends[i]}. */
    private long[] ends = new long[16];

    private int size;

    /** Whether a window that ends before {@code watermark} comes first. */
    boolean firstEndsBefore(long watermark) {
        return size > 0 && ends[0] < watermark;
    }

    /** Adds {@code slot}, whose window ends at {@code end}. */
    void push(int slot, long end) {
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, 2 * size);
            ends = Arrays.copyOf(ends, 2 * size);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 2;
            if (ends[parent] <= end) {
                break;
            }
            slots[at] = slots[parent];
            ends[at] = ends[parent];
            at = parent;
        }
        slots[at] = slot;
        ends[at] = end;
    }

    /** Takes the earliest-ending slot off the heap. */
    int pop() {
        int top = slots[0];
        int last = slots[--size];
        long lastEnd = ends[size];
        int at = 0;
        for (int first = 1; first < size; first = 4 * at + 1) {
            int child = first;
            for (int other = first + 1; other < Math.min(first + 4, size); other++) {
                if (ends[other] < ends[child]) {
                    child = other;
                }
            }
            if (lastEnd <= ends[child]) {
                break;
            }
            slots[at] = slots[child];
            ends[at] = ends[child];
            at = child;
        }
        slots[at] = last;
        ends[at] = lastEnd;
        return top;
    }
}
