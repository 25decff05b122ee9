package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine spent busy (all processes, from {@code /proc/stat}), so a run can
 * say how much of the machine other processes took while it was measured: the machines are shared.
 */
final class MachineLoad {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private MachineLoad() {}

    /** Busy CPU time of the machine since boot (user, nice, system, irq, softirq, steal), or 0 if unknown. */
    static long busyNanos() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time (user + system) of process {@code pid} so far, from {@code /proc/<pid>/stat}; -1 if it is gone. */
    static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1-minute load average, from {@code /proc/loadavg}, or -1 if unknown. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Cores that other processes kept busy on average over a window, given the machine's and this process's CPU. */
    static double otherCores(long machineBusyNanos, long processCpuNanos, double seconds) {
        return Math.max(0, machineBusyNanos - processCpuNanos) / 1e9 / seconds;
    }
}
