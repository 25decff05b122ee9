package io.trainset.connect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * {@code bench.suite=write-cpu}: the thread CPU time per operation of {@link ParquetRowBenchmark}'s
 * methods, snappy and zstd, 3 warm-up and 5 measured rounds of 200,000 operations each. On a shared
 * machine the CPU time of the benchmark's own thread moves far less with the neighbours than JMH's
 * wall-clock time (it leaves out the collector's threads).
 */
final class WriteCpuTimes {

    private static final int OPS = 200_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 8;
    private static final List<String> METHODS = List.of("rowToParquet", "datasetWriterRow");

    private WriteCpuTimes() {}

    static void run() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String codec : List.of("SNAPPY", "ZSTD")) {
            for (String method : METHODS) {
                ParquetRowBenchmark bench = new ParquetRowBenchmark();
                bench.codec = codec;
                bench.setUp();
                StringBuilder line = new StringBuilder(method + " " + codec + ", CPU / wall ns per op:");
                for (int round = 0; round < ROUNDS; round++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    runOps(bench, method);
                    if (round >= WARMUP_ROUNDS) {
                        line.append(' ')
                                .append((threads.getCurrentThreadCpuTime() - cpu) / OPS)
                                .append('/')
                                .append((System.nanoTime() - wall) / OPS);
                    }
                }
                System.out.println(line);
                bench.tearDown();
            }
        }
    }

    private static void runOps(ParquetRowBenchmark bench, String method) throws Exception {
        for (int i = 0; i < OPS; i++) {
            switch (method) {
                case "rowToParquet" -> bench.rowToParquet();
                default -> bench.datasetWriterRow();
            }
        }
    }
}
