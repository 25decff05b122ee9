package io.trainset.connect.bench;

import java.util.Locale;
import java.util.Map;

/**
 * One run of the deployed benchmark.
 *
 * @param config     what ran: consumer, consumer-jackson, consumer-parquet, flink-local, trainset-{1,2}-{local,s3}, ...
 * @param round      the round (every configuration once per round, interleaved)
 * @param events     input records
 * @param seconds    first record read to the last file committed (to the last record read for the consumers; from
 *                   the job's submission for Flink, which reports no first read)
 * @param tail       last record read to the last file committed (Trainset; NaN where not known)
 * @param cpuSeconds CPU of the measured JVM over the run, from the OS
 * @param s3CpuSeconds CPU of the S3 server's JVM over the run (S3 rows; 0 otherwise)
 * @param rows       rows in the files written (0 for the consumers)
 * @param load       the machine's 1-minute load average when the run started
 * @param threads    the worker's (or the hand-written pipeline's) CPU seconds over the run by thread kind, largest
 *                   first ({@link ThreadKinds}; empty for the other JVMs)
 * @param lastCommitSeconds how long the run's last commit took, from its worker's log (Trainset; NaN otherwise)
 */
record DeployedResult(
        String config,
        int round,
        long events,
        double seconds,
        double tail,
        double cpuSeconds,
        double s3CpuSeconds,
        long rows,
        double load,
        Map<String, Double> threads,
        double lastCommitSeconds) {

    DeployedResult {
        threads = Map.copyOf(threads);
    }

    double eventsPerSecond() {
        return events / seconds;
    }

    /**
     * Events per second from the first record read to the last (NaN where not known): unlike {@link
     * #eventsPerSecond()}, not rounded up to the next rotation by the last files' wait for it.
     */
    double readEventsPerSecond() {
        return Double.isNaN(tail) ? Double.NaN : events / (seconds - tail);
    }

    /**
     * Events per second from the first record read to the last, plus the last commit's own duration: what the run
     * would take if it committed when its input ended, as the Flink anchor (a bounded job) does, instead of at the
     * next rotation (*Issue 14, session 6: the slow S3 round*). For a run without a tail or a logged commit (Flink,
     * the anchors): its {@link #eventsPerSecond()}, which has no rotation wait.
     */
    double unwaitedEventsPerSecond() {
        if (Double.isNaN(tail) || Double.isNaN(lastCommitSeconds)) {
            return eventsPerSecond();
        }
        return events / (seconds - tail + lastCommitSeconds);
    }

    double cpuPerMillion() {
        return cpuSeconds / events * 1e6;
    }

    double s3CpuPerMillion() {
        return s3CpuSeconds / events * 1e6;
    }

    String line() {
        return String.format(
                        Locale.ROOT,
                        "%-18s round %d: %,9.0f events/s in %6.1f s (tail %4.1f s%s) | CPU %5.1f s/M events%s | %,d rows"
                                + " | load %.2f",
                        config,
                        round,
                        eventsPerSecond(),
                        seconds,
                        tail,
                        Double.isNaN(tail)
                                ? ""
                                : String.format(Locale.ROOT, "; read %,.0f events/s", readEventsPerSecond()),
                        cpuPerMillion(),
                        s3CpuSeconds > 0
                                ? String.format(Locale.ROOT, " (+%.1f in the S3 server)", s3CpuPerMillion())
                                : "",
                        rows,
                        load)
                + (threads.isEmpty() ? "" : "\n    CPU by thread kind, share (s/M events): " + threadShares());
    }

    String threadShares() {
        return ThreadKinds.shares(ThreadKinds.largestFirst(threads), events);
    }
}
