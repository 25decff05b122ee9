package io.trainset.connect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Prints min/median/max of every figure per configuration, and the rates relative to each other. */
final class Summary {

    private final List<String> configs;
    private final List<Measurement> runs;

    Summary(List<String> configs, List<Measurement> runs) {
        this.configs = configs;
        this.runs = List.copyOf(runs);
    }

    void print() {
        System.out.println();
        System.out.println("== Summary: min / median / max over " + rounds() + " round(s)");
        for (String config : configs) {
            List<Measurement> of = of(config);
            if (of.isEmpty()) {
                continue;
            }
            System.out.println(config + ":");
            row("events/s", of, Measurement::eventsPerSecond, "%,.0f");
            row("MB/s (input)", of, Measurement::megabytesPerSecond, "%.1f");
            row("seconds", of, Measurement::seconds, "%.1f");
            row("tail seconds", of, Measurement::tailSeconds, "%.1f");
            row("CPU s / M events", of, Measurement::cpuSecondsPerMillion, "%.1f");
            row("reader CPU s / M", of, Measurement::taskCpuSecondsPerMillion, "%.1f");
            row("peak heap MiB", of, m -> m.peakHeapBytes() / 1048576.0, "%,.0f");
            row("after-GC peak MiB", of, m -> m.peakAfterGcBytes() / 1048576.0, "%,.0f");
            row("files", of, m -> (double) m.files(), "%,.0f");
            row("file MiB", of, m -> m.fileBytes() / 1048576.0, "%,.1f");
            row("other procs, cores", of, Measurement::otherCores, "%.2f");
            metrics(of);
        }
        System.out.println();
        ratio("trainset-1 / consumer", "trainset-1", "consumer", 0.5);
        ratio("trainset-2 / consumer", "trainset-2", "consumer", 0);
        ratio("noop / consumer", "noop", "consumer", 0);
        ratio("trainset-1 / noop", "trainset-1", "noop", 0);
        ratio("trainset-2 / trainset-1", "trainset-2", "trainset-1", 1.6);
        ratio("trainset-1-bytes / consumer", "trainset-1-bytes", "consumer", 0.5);
        ratio("noop-bytes / consumer", "noop-bytes", "consumer", 0);
        ratio("trainset-1-bytes / trainset-1", "trainset-1-bytes", "trainset-1", 0);
        ratio("trainset-2-bytes / 1-bytes", "trainset-2-bytes", "trainset-1-bytes", 1.6);
        ratio("trainset-1 / 1-unrecorded", "trainset-1", "trainset-1-unrecorded", 0);
        ratio("trainset-2 / 2-unrecorded", "trainset-2", "trainset-2-unrecorded", 0);
        ratio(
                "reader CPU, 1 / 1-unrecorded",
                "trainset-1",
                "trainset-1-unrecorded",
                Measurement::taskCpuSecondsPerMillion);
    }

    /** The run's counters from the task's metrics (docs/metrics.md), where they were recorded. */
    private static void metrics(List<Measurement> of) {
        List<Measurement> recorded =
                of.stream().filter(m -> !m.metrics().isEmpty()).toList();
        if (recorded.isEmpty()) {
            return;
        }
        System.out.println("  from the task's metrics (over JMX):");
        for (String name : RunMetrics.names()) {
            row("  " + name, recorded, m -> m.metrics().values().get(name), name.startsWith("MB") ? "%,.1f" : "%,.0f");
        }
    }

    private int rounds() {
        return runs.stream().mapToInt(Measurement::round).max().orElse(0);
    }

    private List<Measurement> of(String config) {
        return runs.stream().filter(m -> m.config().equals(config)).toList();
    }

    private static void row(String name, List<Measurement> of, ToDoubleFunction<Measurement> figure, String format) {
        double[] stats = stats(of.stream().mapToDouble(figure).toArray());
        System.out.printf(
                Locale.ROOT,
                "  %-20s %s / %s / %s%n",
                name,
                String.format(Locale.ROOT, format, stats[0]),
                String.format(Locale.ROOT, format, stats[1]),
                String.format(Locale.ROOT, format, stats[2]));
    }

    /** The rate ratio per round (both measured in the same round), and against a target when there is one. */
    private void ratio(String name, String top, String bottom, double target) {
        List<Double> ratios = ratios(top, bottom, Measurement::eventsPerSecond);
        if (ratios.isEmpty()) {
            return;
        }
        double[] stats = stats(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        String verdict = target <= 0
                ? ""
                : String.format(
                        Locale.ROOT, "   target >= %.2f: %s", target, stats[1] >= target ? "met (median)" : "NOT met");
        System.out.printf(Locale.ROOT, "%-30s %.2f / %.2f / %.2f%s%n", name, stats[0], stats[1], stats[2], verdict);
    }

    /** The ratio of another figure per round, without a target. */
    private void ratio(String name, String top, String bottom, ToDoubleFunction<Measurement> figure) {
        List<Double> ratios = ratios(top, bottom, figure);
        if (!ratios.isEmpty()) {
            double[] stats =
                    stats(ratios.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "%-30s %.2f / %.2f / %.2f%n", name, stats[0], stats[1], stats[2]);
        }
    }

    private List<Double> ratios(String top, String bottom, ToDoubleFunction<Measurement> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds(); round++) {
            Optional<Measurement> a = find(top, round);
            Optional<Measurement> b = find(bottom, round);
            if (a.isPresent() && b.isPresent()) {
                ratios.add(figure.applyAsDouble(a.get()) / figure.applyAsDouble(b.get()));
            }
        }
        return ratios;
    }

    private Optional<Measurement> find(String config, int round) {
        return runs.stream()
                .filter(m -> m.config().equals(config) && m.round() == round)
                .findFirst();
    }

    /** min, median, max. */
    static double[] stats(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new double[] {sorted[0], median, sorted[n - 1]};
    }
}
