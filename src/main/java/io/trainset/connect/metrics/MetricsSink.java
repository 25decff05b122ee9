package io.trainset.connect.metrics;

/**
 * Where a task's metrics are published: the worker's plugin metrics, JMX, or nowhere. A sink never
 * throws: metrics must not fail the task (it logs what it could not register instead).
 */
public interface MetricsSink {

    /** A sink that publishes nothing: for tests and tools that run the pipeline without a worker. */
    MetricsSink NONE = new MetricsSink() {
        @Override
        public void register(MetricSet set) {}

        @Override
        public void unregister(MetricSet set) {}

        @Override
        public String describe() {
            return "not published";
        }
    };

    void register(MetricSet set);

    /** Removes what {@link #register} added for {@code set}; a set never registered is ignored. */
    void unregister(MetricSet set);

    /** Where the metrics are to be found, for the task's start line. */
    String describe();
}
