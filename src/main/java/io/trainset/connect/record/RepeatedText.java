package io.trainset.connect.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The short ASCII strings of one JSON field that come again and again (a product, a tier, a department), read as
 * the same {@code String} instance each time instead of a new one per record: an event the join holds across a few
 * young collections then carries no copy of them for the collector to copy (docs/performance.md, "what the collector
 * copies"). A small direct-mapped table of recent values, compared by their bytes. A field whose values seldom come
 * again (ids, times) stops using it after its first {@link #SAMPLE} strings, so that it costs such a field nothing
 * beyond them. Only a field's identity is shared: the text is the same either way.
 *
 * <p>One per kept field of a reader; several task threads may read through it: a table entry is an immutable
 * {@code String} (safely published), and the counters only decide whether the table is used, never what is read.
 */
final class RepeatedText {

    /** Longer strings are made each time (long texts rarely repeat, and comparing them costs). */
    static final int MAX_BYTES = 64;

    /** How many strings of a field decide whether it repeats: at least half of them found in the table. */
    static final int SAMPLE = 1_024;

    private static final int TABLE = 64;

    private final String[] table = new String[TABLE];
    private int looked;
    private int found;
    private boolean off;

    /** The ASCII text {@code json[from, to)} (no escapes): a String already made for the same bytes when there is. */
    String ascii(byte[] json, int from, int to) {
        int length = to - from;
        if (off || length > MAX_BYTES) {
            return new String(json, from, length, StandardCharsets.ISO_8859_1);
        }
        int at = place(json, from, to);
        String known = table[at];
        if (known != null && same(known, json, from, length)) {
            count(true);
            return known;
        }
        String text = new String(json, from, length, StandardCharsets.ISO_8859_1);
        table[at] = text;
        count(false);
        return text;
    }

    private static int place(byte[] json, int from, int to) {
        int hash = to - from;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + json[i];
        }
        return (hash ^ (hash >>> 16)) & (TABLE - 1);
    }

    private static boolean same(String known, byte[] json, int from, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != json[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void count(boolean hit) {
        if (looked >= SAMPLE) {
            return;
        }
        looked++;
        if (hit) {
            found++;
        }
        if (looked == SAMPLE && found < SAMPLE / 2) {
            off = true;
            Arrays.fill(table, null);
        }
    }

    /** Whether the field's strings are looked up (for tests). */
    boolean inUse() {
        return !off;
    }
}
