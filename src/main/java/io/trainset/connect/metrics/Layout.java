package io.trainset.connect.metrics;

/**
 * Where each metric of a scope keeps its values: counters in slots of an array of adders (one per
 * value of their dimension), set values and instants in slots of an array of longs. Computed once.
 */
final class Layout {

    private static final Layout TASK = new Layout(Scope.TASK);
    private static final Layout UNIT = new Layout(Scope.UNIT);

    private final int[] slot = new int[Metric.values().length];
    private final int counters;
    private final int values;

    private Layout(Scope scope) {
        int counterSlots = 0;
        int valueSlots = 0;
        for (Metric metric : Metric.values()) {
            if (metric.scope() != scope) {
                slot[metric.ordinal()] = -1;
            } else if (metric.reading() == Reading.COUNT) {
                slot[metric.ordinal()] = counterSlots;
                counterSlots += metric.dimension().size();
            } else if (metric.reading() == Reading.VALUE || metric.reading() == Reading.AGE) {
                slot[metric.ordinal()] = valueSlots++;
            } else {
                slot[metric.ordinal()] = -1; // read from the latency window
            }
        }
        this.counters = counterSlots;
        this.values = valueSlots;
    }

    static Layout of(Scope scope) {
        return scope == Scope.TASK ? TASK : UNIT;
    }

    /** The first slot of {@code metric}; -1 when it keeps none in this scope. */
    int slot(Metric metric) {
        return slot[metric.ordinal()];
    }

    int counters() {
        return counters;
    }

    int values() {
        return values;
    }
}
