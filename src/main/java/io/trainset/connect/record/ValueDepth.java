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
            open.push(new Level(value, 0));
        }
        while (!open.isEmpty()) {
            Level level = open.pop();
            Collection<?> children = children(level.value());
            if (children == null) {
                continue;
            }
            if (level.depth() >= MAX_DEPTH) {
                return true;
            }
            for (Object child : children) {
                if (child instanceof Map || child instanceof Collection || child instanceof Struct) {
                    open.push(new Level(child, level.depth() + 1));
                }
            }
        }
        return false;
    }

    /** The values inside a container, or null when the value is not one. */
    private static Collection<?> children(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values();
        }
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        if (value instanceof Struct struct) {
            return struct.schema().fields().stream().map(struct::get).toList();
        }
        return null;
    }
}
