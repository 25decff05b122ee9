package io.trainset.connect.metrics;

/** How a metric's value is read from what the task recorded. */
public enum Reading {
    /** A monotonic count: the sum of what was added. */
    COUNT,
    /** The last value set, or the value of a supplier; NaN while unknown. */
    VALUE,
    /** The worker clock minus an instant that was set (its own, or its base metric's); NaN while unknown. */
    AGE,
    /** A percentile or the maximum over the task's last {@value LatencyWindow#CAPACITY} commit latencies. */
    P50,
    P95,
    P99,
    MAX;

    /** Counter (monotonic, for rates) or gauge (a level, read as is). */
    public Type type() {
        return this == COUNT ? Type.COUNTER : Type.GAUGE;
    }

    /** The quantile of a percentile reading (1 for the maximum), or NaN for other readings. */
    double quantile() {
        return switch (this) {
            case P50 -> 0.50;
            case P95 -> 0.95;
            case P99 -> 0.99;
            case MAX -> 1.0;
            default -> Double.NaN;
        };
    }

    boolean ofLatency() {
        return !Double.isNaN(quantile());
    }

    /** A metric's kind as an operator's tools see it. */
    public enum Type {
        COUNTER,
        GAUGE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
