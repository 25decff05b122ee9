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

    /** Whether any of the values nests deeper than {@link #MAX_DEPTH} levels. */
    static boolean tooDeep(Object... values) {
        Deque<Level> open = new ArrayDeque<>();
        for (Object value : values) {
            push(open, value, 0);
        }
        while (!open.isEmpty()) {
            Level level = open.pop();
            if (level.depth() > MAX_DEPTH) {
                return true;
            }
            int depth = level.depth() + 1;
            if (level.value() instanceof Map<?, ?> map) {
                map.values().forEach(child -> push(open, child, depth));
            } else if (level.value() instanceof Collection<?> collection) {
                collection.forEach(child -> push(open, child, depth));
            } else if (level.value() instanceof Struct struct) {
                for (Field field : struct.schema().fields()) {
                    if (!field.schema().type().isPrimitive()) {
                        push(open, struct.get(field), depth);
                    }
                }
            }
        }
        return false;
    }

    /** Remembers a container to look into; leaves are not containers and need no look. */
    private static void push(Deque<Level> open, Object value, int depth) {
        if (value instanceof Map || value instanceof Collection || value instanceof Struct) {
            open.push(new Level(value, depth));
        }
    }
}
