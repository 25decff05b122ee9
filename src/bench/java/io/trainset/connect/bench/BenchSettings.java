package io.trainset.connect.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's knobs, from system properties (the Maven profile passes {@code -Dbench.*}).
 *
 * @param events   issues loaded (as many resolutions again)
 * @param rounds   repetitions of every configuration, run round-robin
 * @param configs  which configurations run: consumer, noop, trainset-1, trainset-2, and the -bytes variants
 *                 (ByteArrayConverter; Trainset with value.format=json)
 * @param rotateMs the connector's rotate.interval.ms: how long the last files wait before they are committed
 * @param flushMs  the worker's offset.flush.interval.ms: an idle task's put() comes only this often
 * @param codec    parquet.compression
 * @param jfr      where to write a JFR recording of the first trainset-1 run, if anywhere
 * @param pending  pending submissions the memory benchmark measures at
 * @param jmh      the JMH include pattern (empty: every benchmark)
 * @param overrides connector settings that replace the shipped ones in Trainset's runs
 */
record BenchSettings(
        long events,
        int rounds,
        List<String> configs,
        long rotateMs,
        long flushMs,
        String codec,
        Optional<Path> jfr,
        List<Integer> pending,
        String jmh,
        Map<String, String> overrides) {

    static final String DEFAULT_CONFIGS =
            "consumer,noop,trainset-1,trainset-2,noop-bytes,trainset-1-bytes,trainset-2-bytes";

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Long.getLong("bench.events", 1_000_000),
                Integer.getInteger("bench.reps", 3),
                list(System.getProperty("bench.configs", DEFAULT_CONFIGS)),
                Long.getLong("bench.rotate.ms", 5000),
                Long.getLong("bench.flush.ms", 5000),
                System.getProperty("bench.codec", "snappy"),
                Optional.of(System.getProperty("bench.jfr", ""))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                list(System.getProperty("bench.pending", "100000,1000000")).stream()
                        .map(Integer::valueOf)
                        .toList(),
                System.getProperty("bench.jmh", ""),
                overrides(System.getProperty("bench.override", "")));
    }

    /** {@code key=value;key=value}. */
    private static Map<String, String> overrides(String text) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                overrides.put(
                        entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return overrides;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
