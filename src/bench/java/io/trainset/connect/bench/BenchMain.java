package io.trainset.connect.bench;

import java.nio.file.Path;

/**
 * {@code mvn -B -Pbenchmark verify -Dbench.suite=e2e|deployed|memory|memory-bound|jmh|cpu|write-cpu|jfr}: runs one benchmark suite in this
 * (forked) JVM, or summarises a JFR recording; see docs/performance.md.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        String suite = args.length == 0 ? "e2e" : args[0];
        switch (suite) {
            case "e2e" -> new EndToEndBenchmark(settings).run();
            case "deployed" -> new DeployedBenchmark(settings).run();
            case "memory" -> new MemoryBenchmark(settings).run();
            case "memory-bound" -> new BoundedMemoryBenchmark(settings).run();
            case "jmh" -> JmhBenchmarks.run(settings.jmh());
            case "cpu" -> CpuPerOperation.run();
            case "write-cpu" -> WriteCpuTimes.run();
            case "jfr" -> {
                Path file = settings.jfr()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "bench.suite=jfr summarises the recording named by -Dbench.jfr=<file>"));
                JfrSummary.print(file, "task-thread-");
                JitSummary.print(file);
            }
            default ->
                throw new IllegalArgumentException("Unknown bench.suite " + suite
                        + "; use e2e, deployed, memory, memory-bound, jmh, cpu, write-cpu or jfr");
        }
        System.exit(0);
    }
}
