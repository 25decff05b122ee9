package io.trainset.connect.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark's sink tasks report about one run: when the first record was handed to a
 * task (after the worker consumed and converted it), the process CPU time at that moment, how many
 * records the tasks were given and when the last batch came. One run at a time; shared by the
 * tasks of a run through static state, since the worker runs in this JVM.
 */
public final class RunProbe {

    private static final AtomicLong FIRST_MS = new AtomicLong();
    private static final AtomicLong FIRST_CPU_NS = new AtomicLong();
    private static final AtomicLong FIRST_MACHINE_NS = new AtomicLong();
    private static final AtomicLong RECORDS = new AtomicLong();
    private static final AtomicLong LAST_MS = new AtomicLong();

    private RunProbe() {}

    /** Forgets the previous run. */
    public static void reset() {
        FIRST_MS.set(0);
        FIRST_CPU_NS.set(0);
        FIRST_MACHINE_NS.set(0);
        RECORDS.set(0);
        LAST_MS.set(0);
    }

    /** Called by a task for every non-empty batch, before it processes the batch. */
    public static void batch(int records) {
        long now = System.currentTimeMillis();
        if (FIRST_MS.get() == 0 && FIRST_MS.compareAndSet(0, now)) {
            FIRST_CPU_NS.set(processCpuNanos());
            FIRST_MACHINE_NS.set(MachineLoad.busyNanos());
        }
        RECORDS.addAndGet(records);
        LAST_MS.accumulateAndGet(now, Math::max);
    }

    public static long firstRecordMs() {
        return FIRST_MS.get();
    }

    public static long cpuAtFirstRecordNanos() {
        return FIRST_CPU_NS.get();
    }

    public static long machineBusyAtFirstRecordNanos() {
        return FIRST_MACHINE_NS.get();
    }

    public static long records() {
        return RECORDS.get();
    }

    public static long lastBatchMs() {
        return LAST_MS.get();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
