package io.trainset.connect.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps written inline in the order given, whose values may be null (which {@code Map.of} refuses). */
public final class OrderedMaps {

    private OrderedMaps() {}

    /** A map of {@code keysAndValues} (key, value, key, value, ...) in that order. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
