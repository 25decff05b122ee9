package io.trainset.connect.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The thread CPU time and the bytes allocated by one commit's delta alone ({@link CommitBenchmark}'s operations, not
 * its set-up): on a machine shared with other builds, the CPU time of the measuring thread and its allocation do not
 * move with the neighbours as JMH's wall-clock figures do. Two units are fed the same events; after every batch, one
 * commits its delta {@code materialised} and the other {@code inPlace}, in alternating order; 20 warm-up rounds, then
 * the median (min, max) of the measured ones. Run: {@code java -cp <test classpath> io.trainset.connect.bench.CommitCpu
 * [rounds]}.
 */
final class CommitCpu {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 20;

    private CommitCpu() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        CommitBenchmark materialised = unit();
        CommitBenchmark inPlace = unit();
        long[][] cpu = new long[2][rounds];
        long[][] allocated = new long[2][rounds];
        long bytes = 0;
        for (int round = -WARM_UP; round < rounds; round++) {
            materialised.change();
            inPlace.change();
            for (int k = 0; k < 2; k++) {
                int which = (round + k) & 1; // alternating order
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long allocatedBefore =
                        THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                bytes = which == 0 ? materialised.materialised() : inPlace.inPlace();
                long cpuTaken = THREADS.getCurrentThreadCpuTime() - cpuBefore;
                long allocatedTaken =
                        THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
                if (round >= 0) {
                    cpu[which][round] = cpuTaken;
                    allocated[which][round] = allocatedTaken;
                }
            }
        }
        System.out.printf(
                "commit of a delta (batch %d, ~%d changed keys, %,d gzip bytes), %d rounds, median (min-max)%n",
                materialised.batch, 2 * materialised.batch, bytes, rounds);
        print("materialised", cpu[0], allocated[0]);
        print("inPlace", cpu[1], allocated[1]);
    }

    private static CommitBenchmark unit() {
        CommitBenchmark unit = new CommitBenchmark();
        unit.batch = 10_000;
        unit.lag = 1_000;
        unit.setUp();
        return unit;
    }

    private static void print(String name, long[] cpu, long[] allocated) {
        Arrays.sort(cpu);
        Arrays.sort(allocated);
        System.out.printf(
                "  %-13s thread CPU %6.2f ms (%.2f-%.2f)   allocated %,12d B (%,d-%,d)%n",
                name,
                cpu[cpu.length / 2] / 1e6,
                cpu[0] / 1e6,
                cpu[cpu.length - 1] / 1e6,
                allocated[allocated.length / 2],
                allocated[0],
                allocated[allocated.length - 1]);
    }
}
