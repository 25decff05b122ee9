package io.trainset.connect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** CPU time of each task thread at its first batch, by thread id (pool threads outlive runs). */
    private static final Map<Long, Long> THREAD_CPU_AT_FIRST = new ConcurrentHashMap<>();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RunProbe() {}

    /** Forgets the previous run. */
    public static void reset() {
        FIRST_MS.set(0);
        FIRST_CPU_NS.set(0);
        FIRST_MACHINE_NS.set(0);
        RECORDS.set(0);
        LAST_MS.set(0);
        THREAD_CPU_AT_FIRST.clear();
    }

    /** Called by a task for every non-empty batch, before it processes the batch. */
    public static void batch(int records) {
        long now = System.currentTimeMillis();
        if (FIRST_MS.get() == 0 && FIRST_MS.compareAndSet(0, now)) {
            FIRST_CPU_NS.set(processCpuNanos());
            FIRST_MACHINE_NS.set(MachineLoad.busyNanos());
        }
        THREAD_CPU_AT_FIRST.computeIfAbsent(Thread.currentThread().getId(), id -> THREADS.getCurrentThreadCpuTime());
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

    /** CPU time the task threads used since each one's first batch. */
    public static long taskThreadsCpuNanos() {
        long total = 0;
        for (Map.Entry<Long, Long> thread : THREAD_CPU_AT_FIRST.entrySet()) {
            total += Math.max(0, THREADS.getThreadCpuTime(thread.getKey()) - thread.getValue());
        }
        return total;
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
