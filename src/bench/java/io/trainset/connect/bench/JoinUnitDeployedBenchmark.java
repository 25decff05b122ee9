package io.trainset.connect.bench;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The join unit in the deployed benchmark's shape (docs/performance.md, "Deployed on a stock worker"), one of its 4
 * units: an issue every 4 s of event time, 9 in 10 resolved 1 to 61 minutes later (in time order on their topic, so
 * out of their issues' order), a 7-day window and 5 s grace; every key is decided once and its window kept for 7
 * days, so about 150,000 decided keys stay indexed once the run is longer than that. One operation accepts issue
 * {@code i} and the resolutions that fall in its 4 s (0.9 on average), each moving the watermark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JoinUnitDeployedBenchmark {

    private static final String ISSUES = BenchInputs.ISSUES;
    private static final String RESOLUTIONS = BenchInputs.RESOLUTIONS;
    private static final long STEP_MS = 4000;
    private static final long MIN_DELAY_MS = 60_000;
    private static final long DELAY_SPAN_MS = 3_600_000;
    /** Resolutions pending, by the step they fall in: a ring longer than the longest delay. */
    private static final int RING = (int) ((MIN_DELAY_MS + DELAY_SPAN_MS) / STEP_MS) + 2;

    private final Features features = new Features(List.of(), List.of());
    private final long[][] due = new long[RING][4];
    private final int[] dueCount = new int[RING];
    private JoinUnit join;
    private long i;

    @Setup
    public void setUp() {
        join = new JoinUnit(
                JoinSettings.of(Duration.ofDays(7)).withGrace(Duration.ofSeconds(5)),
                Set.of(new InputPartition(ISSUES, 0), new InputPartition(RESOLUTIONS, 0)),
                0,
                event -> 1000);
    }

    @Benchmark
    public void acceptDeployedShape(Blackhole sink) {
        long now = i * STEP_MS;
        sink.consume(join.accept(issue(i), now));
        long mix = mix(i);
        if (mix % 10 != 0) {
            pend(i, now + MIN_DELAY_MS + (mix >>> 8) % DELAY_SPAN_MS);
        }
        int step = (int) (i % RING);
        long[] times = due[step];
        int count = dueCount[step];
        Arrays.sort(times, 0, count); // time in the high bits: in time order on the resolutions' topic
        for (int r = 0; r < count; r++) {
            List<JoinOutcome> out = join.accept(resolution(times[r]), now);
            sink.consume(out);
        }
        dueCount[step] = 0;
        i++;
    }

    /**
     * A full checkpoint's listing of the unit's keys after {@code issues} operations (the keys sorted, each key's held
     * events and decided windows handed over, as the checkpoint's encoder takes them): the count of windows.
     */
    public int fullCheckpointListing() {
        int[] windows = {0};
        join.snapshotInPlace()
                .forEachKey((key, versions, resolutions, provisional, decided, count) -> windows[0] += count);
        return windows[0];
    }

    /** Runs {@code operations} operations of {@link #acceptDeployedShape} (a unit with that many issues' keys). */
    public void feed(int operations, Blackhole sink) {
        for (int n = 0; n < operations; n++) {
            acceptDeployedShape(sink);
        }
    }

    /** Queues the resolution of issue {@code n} at {@code timeMs}, packed as (time, issue) in one long. */
    private void pend(long n, long timeMs) {
        int step = (int) ((timeMs / STEP_MS) % RING);
        if (dueCount[step] == due[step].length) {
            due[step] = Arrays.copyOf(due[step], 2 * dueCount[step]);
        }
        due[step][dueCount[step]++] = (timeMs << 24) | (n & 0xFFFFFF);
    }

    private static long mix(long n) {
        long h = (n + 1) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (h ^ (h >>> 29)) & Long.MAX_VALUE;
    }

    private Event issue(long n) {
        return new Event(Side.SUBMITTED, "ISSUE-" + n, n * STEP_MS, new SourcePosition(ISSUES, 0, n), features);
    }

    /** The resolution packed by {@link #pend}; the issue number is taken from the low 24 bits of the current run. */
    private Event resolution(long packed) {
        long timeMs = packed >>> 24;
        long low = packed & 0xFFFFFF;
        long n = (i & ~0xFFFFFFL) | low;
        if (n > i) {
            n -= 1L << 24;
        }
        return new Event(
                Side.RESOLVED, "ISSUE-" + n, timeMs, new SourcePosition(RESOLUTIONS, 0, n), new Resolution("billing"));
    }
}
