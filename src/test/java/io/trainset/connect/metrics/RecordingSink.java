package io.trainset.connect.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A sink that keeps what is registered, for tests that read the series back as a binder would. */
public final class RecordingSink implements MetricsSink {

    private final List<MetricSet> registered = new ArrayList<>();
    private final List<MetricSet> unregistered = new ArrayList<>();

    @Override
    public synchronized void register(MetricSet set) {
        registered.add(set);
    }

    @Override
    public synchronized void unregister(MetricSet set) {
        registered.remove(set);
        unregistered.add(set);
    }

    @Override
    public String describe() {
        return "in a test";
    }

    public synchronized List<MetricSet> registered() {
        return List.copyOf(registered);
    }

    public synchronized List<MetricSet> unregistered() {
        return List.copyOf(unregistered);
    }

    /** The value of the registered series of {@code metric} with exactly {@code tags} (beyond connector, task). */
    public synchronized double read(Metric metric, Map<String, String> tags) {
        return registered.stream()
                .flatMap(set -> set.series().stream())
                .filter(series -> series.metric() == metric && series.tags().equals(tags))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(metric.metricName() + " " + tags + " not registered"))
                .read();
    }
}
