package io.trainset.connect.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH microbenchmarks of the hot paths: 1 fork, 3 × 2 s warm-up, 5 × 2 s measured. */
final class JmhBenchmarks {

    private JmhBenchmarks() {}

    static void run(String include) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        // e.g. -Dbench.jvm=-Dbench.jmh.prof=gc for the allocation per operation
        String profiler = System.getProperty("bench.jmh.prof", "");
        if (!profiler.isBlank()) {
            builder.addProfiler(profiler);
        }
        Options options = builder
                .include(include.isBlank() ? "io\\.trainset\\.connect\\.bench\\..*Benchmark" : include)
                .forks(1)
                .jvmArgs("-Xms2g", "-Xmx2g")
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .build();
        new Runner(options).run();
    }
}
