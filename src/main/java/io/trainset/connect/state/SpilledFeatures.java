package io.trainset.connect.state;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import java.util.List;

/**
 * A waiting submission's {@link Features} whose values lie in a {@link PayloadSpill} file: the payload
 * the join holds instead of them (it is opaque to the join). Equal to a payload of equal features,
 * spilled or not (the values are read back to compare: the join compares payloads only of events of
 * one key with equal times, to find exact duplicates).
 */
public final class SpilledFeatures {

    private final PayloadSpill spill;
    private final SpillSegment segment;
    private final long offset;
    private final int length;
    private final List<Column> columns;
    private final String group;
    private boolean released;

    SpilledFeatures(
            PayloadSpill spill, SpillSegment segment, long offset, int length, List<Column> columns, String group) {
        this.spill = spill;
        this.segment = segment;
        this.offset = offset;
        this.length = length;
        this.columns = columns;
        this.group = group;
    }

    /** The features, read back from the spill file. */
    public Features features() {
        if (released) {
            throw new IllegalStateException("A spilled submission was read after the join released it");
        }
        return spill.read(this);
    }

    SpillSegment segment() {
        return segment;
    }

    long offset() {
        return offset;
    }

    int length() {
        return length;
    }

    List<Column> columns() {
        return columns;
    }

    String group() {
        return group;
    }

    void release() {
        if (!released) {
            released = true;
            spill.released(this);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof SpilledFeatures spilled) {
            return length == spilled.length
                    && columns.equals(spilled.columns)
                    && features().equals(spilled.features());
        }
        return other instanceof Features features && features.equals(features());
    }

    @Override
    public int hashCode() {
        return features().hashCode();
    }

    @Override
    public String toString() {
        return released
                ? "Features(" + columns.size() + " columns, spilled and released)"
                : features().toString();
    }
}
