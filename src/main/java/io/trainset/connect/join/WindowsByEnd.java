package io.trainset.connect.join;

import java.util.Arrays;

/**
 * The slots of a unit's {@link DecidedWindows} ordered by their window's end, earliest first: a binary heap of slot
 * numbers, each window's end read from the windows themselves, so that windows close as the watermark passes their
 * ends. A slot whose window its key closed itself stays until it comes first ({@link DecidedWindows#close}).
 */
final class WindowsByEnd {

    private final DecidedWindows windows;
    private int[] byEnd = new int[16];
    private int size;

    WindowsByEnd(DecidedWindows windows) {
        this.windows = windows;
    }

    /** Whether a window that ends before {@code watermark} comes first. */
    boolean firstEndsBefore(long watermark) {
        return size > 0 && windows.end(byEnd[0]) < watermark;
    }

    void push(int slot) {
        if (size == byEnd.length) {
            byEnd = Arrays.copyOf(byEnd, 2 * size);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (windows.end(byEnd[parent]) <= windows.end(slot)) {
                break;
            }
            byEnd[at] = byEnd[parent];
            at = parent;
        }
        byEnd[at] = slot;
    }

    /** Takes the earliest-ending slot off the heap. */
    int pop() {
        int top = byEnd[0];
        int last = byEnd[--size];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && windows.end(byEnd[child + 1]) < windows.end(byEnd[child])) {
                child++;
            }
            if (windows.end(last) <= windows.end(byEnd[child])) {
                break;
            }
            byEnd[at] = byEnd[child];
            at = child;
        }
        byEnd[at] = last;
        return top;
    }
}
