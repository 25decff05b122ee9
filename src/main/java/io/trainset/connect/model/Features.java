package io.trainset.connect.model;

import java.util.List;

/**
 * Columns taken from one event and their values (null allowed) in column order. The column list is
 * shared between events of one input schema. For a submitted event, {@code group} is the value of
 * the configured split group field (e.g. the customer), or null to split by the join key.
 */
public record Features(List<Column> columns, List<Object> values, String group) {

    /** No columns. */
    public static final Features EMPTY = new Features(List.of(), List.of());

    public Features {
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.size() + " values");
        }
        values = FeatureValues.copyOf(values);
    }

    /**
     * Features over {@code values} without a copy: the caller hands the array over and never changes it again (an
     * extractor's per-event array; see {@link FeatureValues}).
     */
    public static Features owning(List<Column> columns, Object[] values, String group) {
        return new Features(columns, FeatureValues.owning(values), group);
    }

    public Features(List<Column> columns, List<Object> values) {
        this(columns, values, null);
    }
}
