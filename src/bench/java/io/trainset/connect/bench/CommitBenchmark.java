package io.trainset.connect.bench;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.state.CheckpointCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A unit's commit of its delta, per changed key: before each operation the unit accepts {@code batch} issues and
 * the resolutions of issues {@code lag} back (shipped window and grace, first resolution: every resolved key keeps
 * a decided window), so about {@code 2 * batch} keys changed: held issues with a ~900 B payload and decided keys;
 * the operation takes the changes and encodes them as a checkpoint's join state (gzip, into a counting sink).
 * {@code materialised}: a {@code KeySnapshot} per changed key, then encoded (the commit before issue 14's session 5);
 * {@code inPlace}: encoded from the keys' states ({@code JoinUnit#takeChangesInPlace}, what the commit does now).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CommitBenchmark {

    private static final String ISSUES = BenchInputs.ISSUES;
    private static final long STEP_MS = 1000;
    private static final List<Column> COLUMNS = List.of(
            new Column("title", ColumnType.STRING),
            new Column("description", ColumnType.STRING),
            new Column("product", ColumnType.STRING),
            new Column("priority", ColumnType.STRING),
            new Column("tier", ColumnType.STRING));
    private static final String DESCRIPTION = "The invoice export fails with a timeout after the upgrade; ".repeat(12);

    @Param({"10000"})
    public int batch;

    @Param({"1000"})
    public int lag;

    private final Counting sink = new Counting();
    private JoinUnit join;
    private long i;

    @Setup(Level.Trial)
    public void setUp() {
        join = new JoinUnit(
                JoinSettings.of(Duration.ofDays(7))
                        .withGrace(Duration.ofMinutes(5))
                        .with(Policies.Resolutions.FIRST),
                Set.of(new InputPartition(ISSUES, 0), new InputPartition(BenchInputs.RESOLUTIONS, 0)),
                0,
                event -> 1000);
        for (i = 0; i < lag; i++) {
            join.accept(issue(i), i * STEP_MS);
        }
        join.takeChanges();
    }

    /** The changes of the next operation: {@code batch} issues and resolutions. */
    @Setup(Level.Invocation)
    public void change() {
        for (long end = i + batch; i < end; i++) {
            join.accept(issue(i), i * STEP_MS);
            join.accept(JoinUnitBenchmark.resolution(i - lag, i * STEP_MS - 1), i * STEP_MS);
        }
    }

    @Benchmark
    public long materialised() throws IOException {
        sink.count = 0;
        CheckpointCodec.encodeJoin(join.takeChanges(), UnaryOperator.identity(), sink);
        return sink.count;
    }

    @Benchmark
    public long inPlace() throws IOException {
        sink.count = 0;
        CheckpointCodec.encodeJoin(join.takeChangesInPlace(), UnaryOperator.identity(), sink);
        return sink.count;
    }

    private Event issue(long n) {
        Features features =
                new Features(COLUMNS, List.of("Export fails " + n, DESCRIPTION + n, "billing", "high", "gold"));
        return new Event(Side.SUBMITTED, "ISSUE-" + n, n * STEP_MS, new SourcePosition(ISSUES, 0, n), features);
    }

    /** Counts the bytes written to it. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
