package io.trainset.connect.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON bytes scanned straight into {@link ValueReader#readFields}'s slots, without a parser per record: the
 * same values Jackson's path reads (strings, Long or BigInteger, Double, booleans, nulls, lists, maps in
 * field order), and every skipped value validated as Jackson's {@code skipChildren} validates it. Field
 * names are matched by their UTF-8 bytes ({@link Keep#child}). Whatever it is not sure of, valid or not
 * (see {@link JsonTokens}; nesting deeper than {@link #MAX_DEPTH}), it leaves to Jackson: {@link #scan}
 * gives null, so errors stay Jackson's and nothing Jackson refuses is ever accepted.
 */
final class JsonFieldScanner {

    /** Deeper documents are left to Jackson (the extractors refuse values nested deeper than 64 levels). */
    static final int MAX_DEPTH = 100;

    private static final ThreadLocal<JsonFieldScanner> SCANNERS = ThreadLocal.withInitial(JsonFieldScanner::new);

    private final JsonTokens tokens = new JsonTokens();

    private JsonFieldScanner() {}

    /**
     * The slots of the fields kept by {@code root} ({@code slots} of them) in the JSON object {@code json}, or
     * null when Jackson must read it: not sure of it, not an object, or not JSON.
     */
    static Object[] scan(byte[] json, Keep root, int slots) {
        return SCANNERS.get().read(json, root, slots);
    }

    private Object[] read(byte[] json, Keep root, int slots) {
        try {
            if (!tokens.open(json)) {
                return null;
            }
            Object[] values = new Object[slots];
            fill(root, values, 1);
            return values;
        } catch (JsonTokens.Unsure unsure) {
            return null;
        } finally {
            tokens.close();
        }
    }

    /** The members of the object after its '{', as ValueReader's fill reads them (a field again: the last wins). */
    private void fill(Keep keep, Object[] values, int depth) {
        if (tokens.take('}')) {
            return;
        }
        do {
            Keep child = tokens.name(keep);
            if (child == null) {
                skip(depth);
            } else if (child.whole()) {
                values[child.slot()] = tokens.peek() == '"' ? tokens.string(child.repeats()) : value(depth);
            } else {
                for (int slot : child.below()) {
                    values[slot] = null;
                }
                if (tokens.take('{')) {
                    fill(child, values, deeper(depth));
                } else {
                    value(depth);
                }
            }
        } while (tokens.next('}'));
    }

    private static int deeper(int depth) {
        if (depth >= MAX_DEPTH) {
            throw JsonTokens.Unsure.INSTANCE;
        }
        return depth + 1;
    }

    private Object value(int depth) {
        int c = tokens.peek();
        if (c == '{' || c == '[') {
            tokens.take(c);
            return c == '{' ? map(deeper(depth)) : list(deeper(depth));
        }
        if (c == '"') {
            return tokens.string();
        }
        return c == '-' || (c >= '0' && c <= '9') ? tokens.number() : tokens.literal();
    }

    private Map<String, Object> map(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (tokens.take('}')) {
            return map;
        }
        do {
            String name = tokens.nameText();
            map.put(name, value(depth));
        } while (tokens.next('}'));
        return map;
    }

    private List<Object> list(int depth) {
        List<Object> list = new ArrayList<>();
        if (tokens.take(']')) {
            return list;
        }
        do {
            list.add(value(depth));
        } while (tokens.next(']'));
        return list;
    }

    /** Passes over a value, validating it as {@link #value} does, building nothing. */
    private void skip(int depth) {
        int c = tokens.peek();
        if (c == '{' || c == '[') {
            tokens.take(c);
            skipMembers(c == '{' ? '}' : ']', deeper(depth));
        } else if (c == '"') {
            tokens.skipString();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            tokens.skipNumber();
        } else {
            tokens.literal();
        }
    }

    private void skipMembers(int close, int depth) {
        if (tokens.take(close)) {
            return;
        }
        do {
            if (close == '}') {
                tokens.skipName();
            }
            skip(depth);
        } while (tokens.next(close));
    }
}
