package io.trainset.connect.bench;

import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The join unit's accept and emit, per issue: one operation accepts issue {@code i} and the
 * resolution of issue {@code i - lag} (so about {@code lag} keys wait), each moving the watermark,
 * and consumes the row that becomes final. Shipped settings: a 7-day window, 5 minutes grace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JoinUnitBenchmark {

    private static final String ISSUES = BenchInputs.ISSUES;
    private static final String RESOLUTIONS = BenchInputs.RESOLUTIONS;
    private static final long STEP_MS = 1000;

    @Param({"1000"})
    public int lag;

    private final Features features = new Features(List.of(), List.of());
    private JoinUnit join;
    private long i;

    @Setup
    public void setUp() {
        join = new JoinUnit(
                JoinSettings.of(Duration.ofDays(7)).withGrace(Duration.ofMinutes(5)),
                Set.of(new InputPartition(ISSUES, 0), new InputPartition(RESOLUTIONS, 0)),
                0,
                event -> 1000);
        for (i = 0; i < lag; i++) {
            join.accept(issue(i), i * STEP_MS);
        }
    }

    @Benchmark
    public void acceptIssueAndResolution(Blackhole sink) {
        // The clock follows event time: every event is plausible (join.time.max.ahead.ms).
        List<JoinOutcome> a = join.accept(issue(i), i * STEP_MS);
        List<JoinOutcome> b = join.accept(resolution(i - lag), i * STEP_MS);
        sink.consume(a);
        sink.consume(b);
        i++;
    }

    /** The unit being fed (for {@link JoinStateFootprint}'s checkpoints). */
    JoinUnit unit() {
        return join;
    }

    private Event issue(long n) {
        return new Event(Side.SUBMITTED, "ISSUE-" + n, n * STEP_MS, new SourcePosition(ISSUES, 0, n), features);
    }

    /** The resolution of issue {@code n}, at the current issue's time (in order on its topic). */
    private Event resolution(long n) {
        return resolution(n, i * STEP_MS - 1);
    }

    /** The resolution of issue {@code n} at {@code timeMs} (also {@link CommitBenchmark}'s). */
    static Event resolution(long n, long timeMs) {
        return new Event(
                Side.RESOLVED,
                "ISSUE-" + n,
                timeMs,
                new SourcePosition(RESOLUTIONS, 0, n),
                new io.trainset.connect.model.Resolution("billing"));
    }
}
