package io.trainset.connect.bench;

import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.JoinSnapshot;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The join state's cost over a long run of {@link JoinUnitBenchmark} (a 7-day window, one issue and one
 * resolution per operation, 1 s apart: from operation 604,800 on, the unit holds a week of decided keys and
 * closes one window per operation): thread CPU and bytes allocated per operation, the CPU of the checkpoint of
 * the changes taken every 10,000 operations, and at the end the heap after a full collection and the CPU of
 * a whole snapshot (the first, then the median of 5 more). Thread CPU and allocation do not move with the neighbours on a shared machine. Run it
 * after {@code mvn -B -ntp -o -Pbenchmark test-compile}, with the test classpath:
 * {@code java -Xmx4g -cp target/classes:target/test-classes:$(cat cp.txt) io.trainset.connect.bench.JoinStateFootprint [operations]}.
 */
final class JoinStateFootprint {

    private static final int CHUNK = 100_000;
    private static final int CHECKPOINT_EVERY = 10_000;
    private static final int SNAPSHOTS = 6;

    private JoinStateFootprint() {}

    public static void main(String[] args) {
        long operations = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        JoinUnitBenchmark bench = new JoinUnitBenchmark();
        bench.lag = 1000;
        bench.setUp();
        JoinUnit unit = bench.unit();
        unit.snapshot();
        Blackhole sink = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        int chunks = (int) (operations / CHUNK);
        double[] cpuPerOp = new double[chunks];
        double[] bytesPerOp = new double[chunks];
        double[] checkpointCpu = new double[chunks];
        double[] checkpointKeys = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            long cpu = 0;
            long allocated = 0;
            long checkpoints = 0;
            long keys = 0;
            for (int done = 0; done < CHUNK; done += CHECKPOINT_EVERY) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long allocated0 = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < CHECKPOINT_EVERY; i++) {
                    bench.acceptIssueAndResolution(sink);
                }
                long cpu1 = threads.getCurrentThreadCpuTime();
                allocated += threads.getThreadAllocatedBytes(thread) - allocated0;
                cpu += cpu1 - cpu0;
                JoinSnapshot changes = unit.takeChanges();
                checkpoints += threads.getCurrentThreadCpuTime() - cpu1;
                keys += changes.keys().size();
                sink.consume(changes);
            }
            cpuPerOp[c] = (double) cpu / CHUNK;
            bytesPerOp[c] = (double) allocated / CHUNK;
            checkpointCpu[c] = checkpoints / 1e3 / (CHUNK / CHECKPOINT_EVERY);
            checkpointKeys[c] = (double) keys / (CHUNK / CHECKPOINT_EVERY);
            System.out.printf(
                    "ops %,10d  accept CPU ns/op %,7.0f  alloc B/op %,6.0f  checkpoint of changes %,8.0f us (%,.0f keys)"
                            + "  keys %,d%n",
                    (long) (c + 1) * CHUNK,
                    cpuPerOp[c],
                    bytesPerOp[c],
                    checkpointCpu[c],
                    checkpointKeys[c],
                    unit.keyCount());
        }
        int from = chunks / 2;
        System.out.printf(
                "steady state (last %d chunks, median): accept CPU ns/op %,.0f, alloc B/op %,.0f, checkpoint of"
                        + " changes %,.0f us%n",
                chunks - from, median(cpuPerOp, from), median(bytesPerOp, from), median(checkpointCpu, from));
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double[] snapshotMs = new double[SNAPSHOTS];
        int wholeKeys = 0;
        for (int s = 0; s < SNAPSHOTS; s++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            JoinSnapshot whole = unit.snapshot();
            snapshotMs[s] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            wholeKeys = whole.keys().size();
            sink.consume(whole);
        }
        System.out.printf(
                "keys %,d, waiting %,d: heap after GC %,d MiB (%,d B per key); whole snapshot (%,d keys) %,.0f ms CPU"
                        + " the first time, then median %,.0f ms of %d%n",
                unit.keyCount(),
                unit.waitingCount(),
                heap >> 20,
                heap / Math.max(1, unit.keyCount()),
                wholeKeys,
                snapshotMs[0],
                median(snapshotMs, 1),
                SNAPSHOTS - 1);
    }

    private static double median(double[] values, int from) {
        double[] tail = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }
}
