package io.trainset.connect.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of the hot paths: 1 fork, 3 × 2 s warm-up, 5 × 2 s measured. The system
 * property {@code bench.jmh.prof} adds a JMH profiler (e.g. {@code gc} for B/op, or
 * {@code jfr:configName=profile}); pass
 * it through {@code -Dbench.jvm=-Dbench.jmh.prof=gc}.
 */
final class JmhBenchmarks {

    private JmhBenchmarks() {}

    static void run(String include) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include.isBlank() ? "io\\.trainset\\.connect\\.bench\\..*Benchmark" : include)
                .forks(1)
                .jvmArgs("-Xms2g", "-Xmx2g")
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2));
        String profiler = System.getProperty("bench.jmh.prof", "");
        if (!profiler.isBlank()) {
            int colon = profiler.indexOf(':'); // name:options, e.g. jfr:configName=profile
            options.addProfiler(
                    colon < 0 ? profiler : profiler.substring(0, colon),
                    colon < 0 ? "" : profiler.substring(colon + 1));
        }
        new Runner(options.build()).run();
    }
}
