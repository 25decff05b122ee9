package io.trainset.connect.metrics;

import java.util.List;
import java.util.Map;

/**
 * The series of one scope that a binder registers and unregisters together: the task's, or one
 * unit's ({@code tags} is then {@code unit=N}). Connector and task tags are the binder's to add.
 */
public record MetricSet(Scope scope, Map<String, String> tags, List<Series> series) {

    public MetricSet {
        tags = Map.copyOf(tags);
        series = List.copyOf(series);
    }
}
