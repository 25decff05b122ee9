package io.trainset.connect.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The values of one {@link Features}: an unmodifiable list over an array it owns (null elements allowed), so that
 * an event's values cost one array and this wrapper, where a copied {@code ArrayList} in an unmodifiable view cost
 * three objects beside the extractor's own array. Held for as long as the join holds the event, so every object
 * less per event is one less for the collector to copy (docs/performance.md, "what the collector copies").
 */
final class FeatureValues extends AbstractList<Object> implements RandomAccess {

    private final Object[] values;

    private FeatureValues(Object[] values) {
        this.values = values;
    }

    /** {@code values} itself when it is already such a list (immutable), else an unmodifiable copy. */
    static List<Object> copyOf(List<Object> values) {
        return values instanceof FeatureValues ? values : new FeatureValues(values.toArray());
    }

    /** A list over {@code values}, not copied: the caller hands the array over and never changes it again. */
    static List<Object> owning(Object[] values) {
        return new FeatureValues(values);
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(values, values.length);
    }
}
