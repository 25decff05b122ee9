package io.trainset.connect.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One value a binder registers: a metric with its tags beyond connector and task ({@code unit}, and
 * its dimension's tag if it has one), and how to read it (cheap, any thread, never blocks on the task).
 */
public record Series(Metric metric, Map<String, String> tags, DoubleSupplier value) {

    public Series {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Its tags in order: {@code unit} first, then the dimension's tag. */
    public LinkedHashMap<String, String> orderedTags() {
        return new LinkedHashMap<>(tags);
    }

    public double read() {
        return value.getAsDouble();
    }
}
