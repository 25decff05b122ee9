package io.trainset.connect.record;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * How deeply a value nests maps, lists and structs, checked without recursion before the extractors
 * (which recurse) read it: a value nested deeper than {@link #MAX_DEPTH} levels is a bad record, not
 * a {@link StackOverflowError}. No producer's feature needs more; JSON parsing stops at 1,000 levels.
 */
final class ValueDepth {

    /** The deepest nesting of a value read. */
    static final int MAX_DEPTH = 64;

    private record Level(Object value, int depth) {}

    private ValueDepth() {}

    /**
     * Whether any of the values nests deeper than {@link #MAX_DEPTH} levels. Leaves (strings, numbers, booleans,
     * nulls: most values) are passed over with one class check each, and a map of leaves allocates nothing.
     */
    static boolean tooDeep(Object... values) {
        Deque<Level> open = null;
        for (Object value : values) {
            open = value instanceof Map<?, ?> map ? pushAll(open, map.values(), 1) : push(open, value, 0);
        }
        while (open != null && !open.isEmpty()) {
            Level level = open.pop();
            if (level.depth() > MAX_DEPTH) {
                return true;
            }
            int depth = level.depth() + 1;
            if (level.value() instanceof Map<?, ?> map) {
                open = pushAll(open, map.values(), depth);
            } else if (level.value() instanceof Collection<?> collection) {
                open = pushAll(open, collection, depth);
            } else if (level.value() instanceof Struct struct) {
                for (Field field : struct.schema().fields()) {
                    if (!field.schema().type().isPrimitive()) {
                        open = push(open, struct.get(field), depth);
                    }
                }
            }
        }
        return false;
    }

    private static Deque<Level> pushAll(Deque<Level> open, Collection<?> values, int depth) {
        Deque<Level> deque = open;
        for (Object value : values) {
            deque = push(deque, value, depth);
        }
        return deque;
    }

    /**
     * Remembers a container to look into (in {@code open}, made at the first); leaves are not containers and need
     * no look. Returns {@code open}.
     */
    private static Deque<Level> push(Deque<Level> open, Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return open;
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Struct) {
            Deque<Level> deque = open == null ? new ArrayDeque<>() : open;
            deque.push(new Level(value, depth));
            return deque;
        }
        return open;
    }
}
