package io.trainset.connect.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The deployed benchmark's table (min / median / max per configuration) and the ratios issue 14's targets name. */
final class DeployedSummary {

    private final List<DeployedResult> runs;
    private final long rotateMs;
    private final RoundRatios ratios;

    DeployedSummary(List<DeployedResult> runs, long rotateMs) {
        this.runs = List.copyOf(runs);
        this.rotateMs = rotateMs;
        this.ratios = new RoundRatios(this.runs);
    }

    void print() {
        System.out.println();
        System.out.println("== Deployed: min / median / max over " + ratios.rounds() + " round(s), cold JVMs");
        System.out.println("| | events/s | CPU s per million events of the measured JVM | tail s | rows |");
        System.out.println("|---|---|---|---|---|");
        runs.stream().map(DeployedResult::config).distinct().forEach(this::row);
        System.out.println();
        ratios.ratio(
                "events/s trainset-1-local / flink-local",
                "trainset-1-local",
                "flink-local",
                DeployedResult::eventsPerSecond,
                ">= 2");
        ratios.ratio(
                "events/s trainset-1-s3 / flink-local",
                "trainset-1-s3",
                "flink-local",
                DeployedResult::eventsPerSecond,
                ">= 1.5");
        ratios.ratio(
                "events/s without the rotation wait trainset-1-local / flink-local",
                "trainset-1-local",
                "flink-local",
                DeployedResult::unwaitedEventsPerSecond,
                ">= 2");
        ratios.ratio(
                "events/s without the rotation wait trainset-1-s3 / flink-local",
                "trainset-1-s3",
                "flink-local",
                DeployedResult::unwaitedEventsPerSecond,
                ">= 1.5");
        ratios.ratio(
                "CPU/event trainset-1-local / jackson",
                "trainset-1-local",
                "consumer-jackson",
                DeployedResult::cpuPerMillion,
                "<= 3");
        ratios.ratio(
                "CPU/event trainset-1-s3 / jackson",
                "trainset-1-s3",
                "consumer-jackson",
                DeployedResult::cpuPerMillion,
                "<= 3");
        ratios.ratio(
                "CPU/event trainset-2-local / 1-local",
                "trainset-2-local",
                "trainset-1-local",
                DeployedResult::cpuPerMillion,
                "<= 1.1");
        ratios.ratio(
                "CPU/event trainset-2-local-warm / 1-local-warm",
                "trainset-2-local-warm",
                "trainset-1-local-warm",
                DeployedResult::cpuPerMillion,
                "<= 1.1");
        twoTasks();
        ratios.ratio(
                "CPU/event trainset-2-s3 / 1-s3",
                "trainset-2-s3",
                "trainset-1-s3",
                DeployedResult::cpuPerMillion,
                "<= 1.1");
        ratios.ratio(
                "events/s trainset-1-local-warm / flink-local",
                "trainset-1-local-warm",
                "flink-local",
                DeployedResult::eventsPerSecond,
                ">= 2");
        ratios.ratio(
                "CPU/event trainset-1-local-warm / jackson-warm",
                "trainset-1-local-warm",
                "consumer-jackson-warm",
                DeployedResult::cpuPerMillion,
                "<= 3");
        floors();
        handWritten();
        ratios.ratio(
                "CPU/event flink-local / jackson",
                "flink-local",
                "consumer-jackson",
                DeployedResult::cpuPerMillion,
                "");
        List<DeployedResult> trainset = runs.stream()
                .filter(r -> r.config().startsWith("trainset") && !Double.isNaN(r.tail()))
                .toList();
        if (!trainset.isEmpty()) {
            double[] tail = Summary.stats(
                    trainset.stream().mapToDouble(DeployedResult::tail).toArray());
            System.out.printf(
                    Locale.ROOT,
                    "%-42s %.1f / %.1f / %.1f s  (target < rotate.interval.ms + 2 s = %.1f s)%n",
                    "tail, last record to last file (Trainset)",
                    tail[0],
                    tail[1],
                    tail[2],
                    rotateMs / 1000.0 + 2);
        }
        rowsAgree();
        threadSplits();
        System.out.println("Load average at each run's start: "
                + runs.stream()
                        .map(r -> String.format(Locale.ROOT, "%.1f", r.load()))
                        .toList());
    }

    /** What the stock worker costs per event before any sink's work, against the anchor and against Trainset. */
    private void floors() {
        for (String noop : List.of("noop-local", "noop-jackson")) {
            ratios.ratio(
                    "CPU/event " + noop + " / jackson", noop, "consumer-jackson", DeployedResult::cpuPerMillion, "");
            ratios.ratio(
                    "CPU/event trainset-1-local / " + noop,
                    "trainset-1-local",
                    noop,
                    DeployedResult::cpuPerMillion,
                    "");
        }
    }

    /**
     * What a second task costs the framework itself (the do-nothing sink with two tasks against one, cold and warm),
     * and what it costs Trainset's own work: each worker's CPU per event less the framework's with as many tasks,
     * two tasks against one.
     */
    private void twoTasks() {
        for (String warm : List.of("", "-warm")) {
            ratios.ratio(
                    "CPU/event noop-local-2" + warm + " / noop-local" + warm,
                    "noop-local-2" + warm,
                    "noop-local" + warm,
                    DeployedResult::cpuPerMillion,
                    "");
            ratios.netCpuRatio(
                    "CPU/event less the framework's trainset-2-local" + warm + " / 1-local" + warm,
                    "trainset-2-local" + warm,
                    "noop-local-2" + warm,
                    "trainset-1-local" + warm,
                    "noop-local" + warm,
                    "<= 1.1");
        }
    }

    /** The hand-written pipeline against the Jackson consumer, and Trainset against it, cold and warm. */
    private void handWritten() {
        ratios.ratio(
                "CPU/event consumer-parquet / jackson",
                "consumer-parquet",
                "consumer-jackson",
                DeployedResult::cpuPerMillion,
                "");
        ratios.ratio(
                "CPU/event trainset-1-local / consumer-parquet",
                "trainset-1-local",
                "consumer-parquet",
                DeployedResult::cpuPerMillion,
                "");
        ratios.ratio(
                "CPU/event trainset-1-local-warm / consumer-parquet-warm",
                "trainset-1-local-warm",
                "consumer-parquet-warm",
                DeployedResult::cpuPerMillion,
                "");
    }

    /** Where each worker's (and the hand-written pipeline's) CPU went, by thread kind: share of it (s per M events). */
    private void threadSplits() {
        runs.stream()
                .filter(r -> !r.threads().isEmpty())
                .forEach(r -> System.out.printf(
                        Locale.ROOT, "CPU by thread kind %s r%d: %s%n", r.config(), r.round(), r.threadShares()));
    }

    /** Flink, Trainset and the hand-written pipeline must write the same rows: one per issue, joined or not. */
    private void rowsAgree() {
        List<Long> counts = runs.stream()
                .filter(r -> r.rows() > 0)
                .map(DeployedResult::rows)
                .distinct()
                .toList();
        System.out.println(
                counts.size() <= 1
                        ? "Rows written: " + counts
                                + " in every run that wrote files (Flink, Trainset, consumer-parquet)"
                        : "ROWS DIFFER between runs: " + counts + " (see the per-run lines)");
    }

    private void row(String config) {
        List<DeployedResult> of =
                runs.stream().filter(r -> r.config().equals(config)).toList();
        String s3 = of.get(0).s3CpuSeconds() > 0
                ? " (+" + stats(of, DeployedResult::s3CpuPerMillion, "%.1f") + " in the S3 server)"
                : "";
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s%s | %s | %s |%n",
                config,
                stats(of, DeployedResult::eventsPerSecond, "%,.0f"),
                stats(of, DeployedResult::cpuPerMillion, "%.1f"),
                s3,
                of.stream().anyMatch(r -> !Double.isNaN(r.tail())) ? stats(of, DeployedResult::tail, "%.1f") : "",
                of.get(0).rows() == 0 ? "" : stats(of, r -> r.rows(), "%,.0f"));
    }

    private static String stats(List<DeployedResult> of, ToDoubleFunction<DeployedResult> figure, String format) {
        double[] s = Summary.stats(of.stream().mapToDouble(figure).toArray());
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, s[0], s[1], s[2]);
    }
}
