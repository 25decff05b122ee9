package io.trainset.connect.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * When the JIT compiled, over a recording: compilations and compiler time per slice of {@link #SLICE_SECONDS}
 * seconds from the first compilation, C1 (tiers 1-3) and C2 (tier 4) apart. A warm worker's window should show
 * almost none; a burst at its start that looks like a cold JVM's means the compiled code was thrown away (e.g. by
 * the first class redefinition, which JFR's own start causes on JDK 17).
 */
final class JitTimeline {

    private static final int SLICE_SECONDS = 5;

    /** Per slice: C1 compilations, C1 nanos, C2 compilations, C2 nanos. */
    private final Map<Long, long[]> slices = new TreeMap<>();

    private Instant first;

    void add(RecordedEvent compilation, boolean c2) {
        Instant start = compilation.getStartTime();
        if (first == null || start.isBefore(first)) {
            first = start;
        }
        long[] slice = slices.computeIfAbsent(start.getEpochSecond(), s -> new long[4]);
        int at = c2 ? 2 : 0;
        slice[at]++;
        slice[at + 1] += compilation.getDuration().toNanos();
    }

    void report() {
        if (first == null) {
            return;
        }
        Map<Long, long[]> bySlice = new TreeMap<>();
        slices.forEach((second, counts) -> {
            long slice = (second - first.getEpochSecond()) / SLICE_SECONDS;
            long[] sum = bySlice.computeIfAbsent(slice, s -> new long[4]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += counts[i];
            }
        });
        long[] total = new long[4];
        bySlice.values().forEach(counts -> {
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[i];
            }
        });
        System.out.printf(
                Locale.ROOT,
                "-- compilations over time (s from the first; C1 = tiers 1-3, C2 = tier 4; compiler wall time)%n"
                        + "  all      C1 %,6d in %6.2f s   C2 %,6d in %6.2f s%n",
                total[0],
                seconds(total[1]),
                total[2],
                seconds(total[3]));
        bySlice.forEach((slice, counts) -> System.out.printf(
                Locale.ROOT,
                "  %4d s   C1 %,6d in %6.2f s   C2 %,6d in %6.2f s%n",
                slice * SLICE_SECONDS,
                counts[0],
                seconds(counts[1]),
                counts[2],
                seconds(counts[3])));
    }

    private static double seconds(long nanos) {
        return Duration.ofNanos(nanos).toMillis() / 1000.0;
    }
}
