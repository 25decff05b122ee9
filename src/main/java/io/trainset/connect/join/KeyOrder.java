package io.trainset.connect.join;

import java.util.Arrays;

/**
 * Sorts a checkpoint's keys ({@link KeyStates}) into {@link String#compareTo} order.
 *
 * <p>Many keys are sorted by numbers: each key's characters after the prefix that all the keys share, packed into a
 * {@code long} with the key's place in the array, the longs sorted by {@link Arrays#sort(long[])}, and only keys whose
 * packed characters are equal compared as strings. A comparison sort of a full checkpoint's keys (hundreds of
 * thousands, in the order their cases were decided) follows two pointers per comparison to strings spread over the
 * heap, about twenty times per key; it was most of a cold worker's first commit (docs/performance.md, "Issue 14,
 * session 10"). The packed longs lie in one array, read in order.
 *
 * <p>Few keys (and each run of keys with equal packed characters) are sorted with code of its own rather than {@code
 * Arrays.sort(Object[])}: that one is the JDK's {@code ComparableTimSort}, shared by every caller in the worker's JVM,
 * and its compiled code speculates on the array and element classes it has seen (another caller sorting other {@code
 * Comparable}s made C2 recompile it at every checkpoint of a warm worker: "Issue 14, session 4"). A merge sort:
 * insertion-sorted runs of {@link #RUN} keys merged bottom-up through one scratch array.
 */
final class KeyOrder {

    private static final int RUN = 32;
    /** From this many keys on, keys are sorted by their packed characters. */
    static final int PACKED = 512;

    /** Bits per character of keys whose characters (after the shared prefix) are all below {@link #NARROW_END}. */
    private static final int NARROW_BITS = 7;

    private static final int NARROW_END = (1 << NARROW_BITS) - 1;
    /** Bits per character otherwise: a character plus one, or 0 where the key has ended. */
    private static final int WIDE_BITS = 17;

    /** {@link #pack}'s outcomes other than a key's place. */
    private static final int ALL_PACKED = -1;

    private static final int TOO_WIDE = -2;

    private KeyOrder() {}

    /** Sorts {@code keys} into ascending {@link String#compareTo} order, in place. */
    static void sort(String[] keys) {
        if (keys.length < PACKED) {
            compareSort(keys, 0, keys.length);
        } else {
            packedSort(keys);
        }
    }

    private static void packedSort(String[] keys) {
        int n = keys.length;
        int placeBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long[] packed = new long[n];
        String first = keys[0];
        // First guess of the shared prefix: the first and last keys'; a key that does not share it narrows it.
        int shared = shared(first, keys[n - 1], first.length());
        int bits = NARROW_BITS;
        for (int outcome; (outcome = pack(keys, shared, placeBits, bits, packed)) != ALL_PACKED; ) {
            if (outcome == TOO_WIDE) {
                bits = WIDE_BITS;
            } else {
                shared = shared(first, keys[outcome], shared);
            }
        }
        Arrays.sort(packed);
        String[] unsorted = keys.clone();
        long placeMask = (1L << placeBits) - 1;
        for (int i = 0; i < n; i++) {
            keys[i] = unsorted[(int) (packed[i] & placeMask)];
        }
        // Keys with equal packed characters: the same string, or strings that differ further on.
        int from = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || packed[i] >>> placeBits != packed[from] >>> placeBits) {
                if (i - from > 1) {
                    compareSort(keys, from, i);
                }
                from = i;
            }
        }
    }

    /**
     * Packs into {@code packed} each key's characters from {@code shared} on, {@code bits} per character (as many as
     * fit above the key's place), then its place. Returns {@link #ALL_PACKED}; {@link #TOO_WIDE} when a character
     * does not fit in {@code bits}; or the place of a key that does not start with the first key's {@code shared}
     * characters.
     */
    private static int pack(String[] keys, int shared, int placeBits, int bits, long[] packed) {
        int characters = (63 - placeBits) / bits;
        int limit = bits == NARROW_BITS ? NARROW_END : Integer.MAX_VALUE;
        String first = keys[0];
        for (int place = 0; place < keys.length; place++) {
            String key = keys[place];
            if (!key.regionMatches(0, first, 0, shared)) {
                return place;
            }
            int length = key.length();
            long code = 0;
            for (int at = shared; at < shared + characters; at++) {
                int c = at < length ? key.charAt(at) + 1 : 0; // 0: ended, before every character
                if (c > limit) {
                    return TOO_WIDE;
                }
                code = (code << bits) | c;
            }
            packed[place] = (code << placeBits) | place;
        }
        return ALL_PACKED;
    }

    /** The length of the prefix {@code a} and {@code b} share, at most {@code limit}. */
    private static int shared(String a, String b, int limit) {
        int end = Math.min(limit, b.length());
        int at = 0;
        while (at < end && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        return at;
    }

    /** Sorts {@code keys[from, to)} by comparing them: insertion-sorted runs, merged. */
    private static void compareSort(String[] keys, int from, int to) {
        for (int lo = from; lo < to; lo += RUN) {
            insertionSort(keys, lo, Math.min(lo + RUN, to));
        }
        int n = to - from;
        if (n <= RUN) {
            return;
        }
        String[] source = Arrays.copyOfRange(keys, from, to);
        String[] target = new String[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(source, target, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
            }
            String[] swap = source;
            source = target;
            target = swap;
        }
        System.arraycopy(source, 0, keys, from, n);
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
