package io.trainset.connect.metrics;

import java.util.Arrays;
import java.util.List;

/** The tag a metric is recorded by, beside connector, task and unit, with its closed set of values. */
public enum Dimension {
    NONE("", new Tags.Value[] {null}),
    SIDE("side", Tags.Side.values()),
    STATUS("status", Tags.Status.values()),
    DLQ_REASON("reason", Tags.DlqReason.values()),
    BAD_REASON("reason", Tags.BadReason.values()),
    PAUSE_REASON("reason", Tags.PauseReason.values());

    private final String tag;
    private final Tags.Value[] values;

    Dimension(String tag, Tags.Value[] values) {
        this.tag = tag;
        this.values = values;
    }

    /** The tag's name, empty for {@link #NONE}. */
    public String tag() {
        return tag;
    }

    /** How many series a metric of this dimension has. */
    public int size() {
        return values.length;
    }

    /** The tag texts, e.g. {@code [submitted, resolved]}; empty for {@link #NONE}. */
    public List<String> texts() {
        return this == NONE
                ? List.of()
                : Arrays.stream(values).map(Tags.Value::text).toList();
    }

    /** Whether {@code value} is one of this dimension's values. */
    boolean holds(Tags.Value value) {
        return this != NONE && value.ordinal() < values.length && values[value.ordinal()] == value;
    }

    /** The tag text of the series at {@code index}, or null for {@link #NONE}. */
    String textAt(int index) {
        return this == NONE ? null : values[index].text();
    }
}
