package io.trainset.connect.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The fields {@link ValueReader} keeps below one object, by name, and (for {@link JsonFieldScanner}) by the
 * UTF-8 bytes of the name, so that a field name is matched without being made a String.
 */
final class Keep {

    private static final byte[][] NO_NAMES = new byte[0][];
    private static final Keep[] NO_CHILDREN = new Keep[0];

    private final Map<String, Keep> fields = new HashMap<>();
    private boolean whole;
    /** A whole field's recent short strings, made when the field is kept whole. */
    private RepeatedText repeats;
    /** A whole field's slot in {@link ValueReader#readFields}. */
    private int slot = -1;
    /** The slots of the whole fields below this one, emptied when the field comes again. */
    private int[] below = new int[0];

    private byte[][] names = NO_NAMES;
    private Keep[] children = NO_CHILDREN;

    /** The kept field {@code name} below this one, added if it is not kept yet. */
    Keep add(String name) {
        return fields.computeIfAbsent(name, n -> new Keep());
    }

    /** Keeps this field whole: its value and everything under it, in one slot. */
    void keepWhole() {
        whole = true;
        if (repeats == null) {
            repeats = new RepeatedText();
        }
    }

    /** The kept field {@code name} below this one, or null. */
    Keep field(String name) {
        return fields.get(name);
    }

    /** Whether this field is kept whole, in its {@link #slot()}. */
    boolean whole() {
        return whole;
    }

    /** A whole field's recent short strings; null for others. */
    RepeatedText repeats() {
        return repeats;
    }

    /** A whole field's slot in {@link ValueReader#readFields}; -1 for others. */
    int slot() {
        return slot;
    }

    /** The slots of the whole fields below this one, emptied when the field comes again. Not to be changed. */
    int[] below() {
        return below;
    }

    /** Numbers the whole fields below this one from {@code next}; returns the next free number. */
    int numberSlots(int next) {
        int first = next;
        for (Keep child : fields.values()) {
            if (child.whole) {
                child.slot = next++;
            } else {
                next = child.numberSlots(next);
            }
        }
        below = IntStream.range(first, next).toArray();
        return next;
    }

    /**
     * Indexes the names of this node's fields (and of the nodes below) by their UTF-8 bytes. A name that
     * UTF-8 cannot hold (a lone surrogate) is left out: no document without escapes can match it, and the
     * scanner leaves names with escapes to Jackson.
     */
    void indexNames() {
        names = new byte[fields.size()][];
        children = new Keep[fields.size()];
        int count = 0;
        for (Map.Entry<String, Keep> field : fields.entrySet()) {
            byte[] utf8 = field.getKey().getBytes(StandardCharsets.UTF_8);
            if (new String(utf8, StandardCharsets.UTF_8).equals(field.getKey())) {
                names[count] = utf8;
                children[count++] = field.getValue();
            }
            field.getValue().indexNames();
        }
        names = Arrays.copyOf(names, count);
        children = Arrays.copyOf(children, count);
    }

    /** The kept field named by the UTF-8 bytes {@code json[from, to)}, or null. */
    Keep child(byte[] json, int from, int to) {
        int length = to - from;
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i];
            if (name.length == length && Arrays.equals(name, 0, length, json, from, to)) {
                return children[i];
            }
        }
        return null;
    }
}
