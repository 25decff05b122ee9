package io.trainset.connect.join;

/**
 * Sorts a checkpoint's keys ({@link KeyStates}) with code of its own rather than {@code Arrays.sort(Object[])}: that
 * one is the JDK's {@code ComparableTimSort}, shared by every caller in the worker's JVM, and its compiled code
 * speculates on the array and element classes it has seen. Another caller sorting other {@code Comparable}s (Java
 * serialization's {@code ObjectStreamClass} does on every new class, e.g. for remote JMX) made C2 throw it away and
 * recompile it at every checkpoint of a warm worker (docs/performance.md, "Issue 14, session 4"). Here the only
 * type is {@code String}, so the compiled code never meets another.
 *
 * <p>A merge sort: insertion-sorted runs of {@link #RUN} keys merged bottom-up through one scratch array.
 */
final class KeyOrder {

    private static final int RUN = 32;

    private KeyOrder() {}

    /** Sorts {@code keys} into ascending {@link String#compareTo} order, in place. */
    static void sort(String[] keys) {
        int n = keys.length;
        for (int from = 0; from < n; from += RUN) {
            insertionSort(keys, from, Math.min(from + RUN, n));
        }
        if (n <= RUN) {
            return;
        }
        String[] from = keys;
        String[] to = new String[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            String[] swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }

    private static void insertionSort(String[] keys, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            String key = keys[i];
            int j = i - 1;
            while (j >= from && keys[j].compareTo(key) > 0) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = key;
        }
    }

    /** Merges the sorted ranges {@code [lo, mid)} and {@code [mid, hi)} of {@code from} into {@code to}. */
    private static void merge(String[] from, String[] to, int lo, int mid, int hi) {
        if (mid >= hi || from[mid - 1].compareTo(from[mid]) <= 0) {
            // already in order (one range, or keys that changed in ascending order): a copy, no comparisons
            System.arraycopy(from, lo, to, lo, hi - lo);
            return;
        }
        int left = lo;
        int right = mid;
        for (int out = lo; out < hi; out++) {
            if (right >= hi || (left < mid && from[left].compareTo(from[right]) <= 0)) {
                to[out] = from[left++];
            } else {
                to[out] = from[right++];
            }
        }
    }
}
