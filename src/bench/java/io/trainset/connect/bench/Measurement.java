package io.trainset.connect.bench;

/**
 * One measured run of one configuration.
 *
 * @param config         what ran: {@code consumer}, {@code noop}, {@code trainset-1}, {@code trainset-2}
 * @param round          the repetition (configurations run round-robin, one of each per round)
 * @param events         input records read
 * @param inputBytes     their serialized bytes (key + value)
 * @param seconds        first record read to the end (last file committed; last record read when nothing is written)
 * @param tailSeconds    last record handed to a task to the end (waiting for decisions and file rotation)
 * @param cpuSeconds     CPU time of the whole process in the window (broker, worker, S3 server included)
 * @param taskCpuSeconds CPU time of the threads that read and process records (task threads, or the consumer's)
 * @param peakHeapBytes  peak heap in use in the window (whole process)
 * @param peakAfterGcBytes highest heap in use right after a collection in the window (whole process)
 * @param files          Parquet files written
 * @param fileBytes      their bytes
 * @param otherCores     cores other processes on the machine kept busy in the window, on average
 * @param metrics        the run's counters from the task's metrics (Trainset runs with recording on)
 */
record Measurement(
        String config,
        int round,
        long events,
        long inputBytes,
        double seconds,
        double tailSeconds,
        double cpuSeconds,
        double taskCpuSeconds,
        long peakHeapBytes,
        long peakAfterGcBytes,
        long files,
        long fileBytes,
        double otherCores,
        RunMetrics metrics) {

    Measurement(
            String config,
            int round,
            long events,
            long inputBytes,
            double seconds,
            double tailSeconds,
            double cpuSeconds,
            double taskCpuSeconds,
            long peakHeapBytes,
            long peakAfterGcBytes,
            long files,
            long fileBytes,
            double otherCores) {
        this(
                config,
                round,
                events,
                inputBytes,
                seconds,
                tailSeconds,
                cpuSeconds,
                taskCpuSeconds,
                peakHeapBytes,
                peakAfterGcBytes,
                files,
                fileBytes,
                otherCores,
                RunMetrics.NONE);
    }

    Measurement withMetrics(RunMetrics read) {
        return new Measurement(
                config,
                round,
                events,
                inputBytes,
                seconds,
                tailSeconds,
                cpuSeconds,
                taskCpuSeconds,
                peakHeapBytes,
                peakAfterGcBytes,
                files,
                fileBytes,
                otherCores,
                read);
    }

    double eventsPerSecond() {
        return events / seconds;
    }

    double megabytesPerSecond() {
        return inputBytes / 1e6 / seconds;
    }

    double cpuSecondsPerMillion() {
        return cpuSeconds / events * 1e6;
    }

    double taskCpuSecondsPerMillion() {
        return taskCpuSeconds / events * 1e6;
    }

    String line() {
        return String.format(
                        java.util.Locale.ROOT,
                        "%-21s round %d: %,10.0f events/s %7.1f MB/s in %6.1f s (tail %4.1f s)"
                                + " | CPU %5.1f s/M events (readers %5.1f) | heap peak %,6d MiB, after GC %s"
                                + " | %d files, %,.1f MiB | other processes %.1f cores",
                        config,
                        round,
                        eventsPerSecond(),
                        megabytesPerSecond(),
                        seconds,
                        tailSeconds,
                        cpuSecondsPerMillion(),
                        taskCpuSecondsPerMillion(),
                        peakHeapBytes >> 20,
                        peakAfterGcBytes == 0 ? "(no GC)" : String.format("%,d MiB", peakAfterGcBytes >> 20),
                        files,
                        fileBytes / 1048576.0,
                        otherCores)
                + (config.startsWith("trainset") ? System.lineSeparator() + metrics.line() : "");
    }
}
