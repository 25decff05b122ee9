package io.trainset.connect.metrics;

/** What a metric is measured for: the whole task, or one join unit of it (tag {@code unit}). */
public enum Scope {
    /** Tags {@code connector} and {@code task}; JMX type {@code task-metrics} on workers before 4.1. */
    TASK("task-metrics"),
    /** Tags {@code connector}, {@code task} and {@code unit}; JMX type {@code unit-metrics} before 4.1. */
    UNIT("unit-metrics");

    private final String jmxType;

    Scope(String jmxType) {
        this.jmxType = jmxType;
    }

    /** The {@code type} key of the MBeans of this scope under the {@code trainset} domain (workers before 4.1). */
    public String jmxType() {
        return jmxType;
    }
}
