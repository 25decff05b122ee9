package io.trainset.connect.bench;

import io.trainset.connect.it.ConnectClusterFixture;
import io.trainset.connect.testing.ConnectMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Trainset run's own counters, read at its end from its tasks' metrics over JMX (the in-process worker
 * publishes them as {@code kafka.connect:type=plugins,connector=<run>,task=<n>}, docs/metrics.md): counters
 * summed over the tasks, commit-latency percentiles the highest of any task. Empty where nothing was
 * recorded (the consumer, the do-nothing sink, a run with recording off).
 */
record RunMetrics(Map<String, Double> values) {

    static final RunMetrics NONE = new RunMetrics(Map.of());

    /** Summed over the tasks: name in the summary, metric, tag (null: none). */
    private static final String[][] COUNTERS = {
        {"read submitted", "records-read-total", "side=submitted"},
        {"read resolved", "records-read-total", "side=resolved"},
        {"rows joined", "rows-written-total", "status=joined"},
        {"rows timed out", "rows-written-total", "status=timed-out"},
        {"rows committed", "rows-committed-total", null},
        {"dead letters", "dlq-records-total", "reason"},
        {"commits", "commits-total", null},
        {"files uploaded", "files-uploaded-total", null},
        {"MB uploaded", "bytes-uploaded-total", null},
        {"spilled values", "spilled-values-total", null},
    };

    private static final String[] LATENCIES = {"p50", "p95", "max"};

    RunMetrics {
        values = Map.copyOf(values);
    }

    /**
     * The run's metrics once its tasks count {@code expectedRows} rows committed (a task counts a commit's rows
     * just after the dataset card's part that the run's end waits for), or after 30 s with what they count.
     */
    static RunMetrics read(String connector, int tasks, long expectedRows) {
        if (!ConnectMetrics.of(connector, 0).registered()) {
            return NONE;
        }
        try {
            ConnectClusterFixture.await(
                    "rows-committed-total of " + connector + " = " + expectedRows,
                    Duration.ofSeconds(30),
                    () -> IntStream.range(0, tasks)
                                    .mapToDouble(
                                            t -> ConnectMetrics.of(connector, t).read("rows-committed-total"))
                                    .sum()
                            >= expectedRows);
        } catch (AssertionError e) {
            System.out.println("  note: " + e.getMessage() + "; the metrics below are as read then");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int task = 0; task < tasks; task++) {
            ConnectMetrics metrics = ConnectMetrics.of(connector, task);
            for (String[] counter : COUNTERS) {
                double value = counter[2] == null
                        ? metrics.read(counter[1])
                        : counter[2].contains("=")
                                ? metrics.read(counter[1], counter[2])
                                : metrics.sum(counter[1], counter[2]);
                values.merge(counter[0], counter[1].startsWith("bytes") ? value / 1e6 : value, Double::sum);
            }
            for (String latency : LATENCIES) {
                values.merge("commit ms " + latency, metrics.read("commit-latency-ms-" + latency), Math::max);
            }
        }
        return new RunMetrics(values);
    }

    /** The names in the order read. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] counter : COUNTERS) {
            names.add(counter[0]);
        }
        for (String latency : LATENCIES) {
            names.add("commit ms " + latency);
        }
        return names;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    String line() {
        if (isEmpty()) {
            return "  metrics: not recorded";
        }
        return names().stream()
                .map(n -> String.format(Locale.ROOT, n.startsWith("MB") ? "%s %.1f" : "%s %,.0f", n, values.get(n)))
                .collect(Collectors.joining(", ", "  metrics (over JMX): ", ""));
    }
}
