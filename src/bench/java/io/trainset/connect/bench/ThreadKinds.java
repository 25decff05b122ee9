package io.trainset.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of a JVM's threads by kind, native threads included (garbage collector, JIT), from
 * {@code /proc/<pid>/task/<tid>/stat}: where the process's CPU goes besides the task threads (this JVM's, where the
 * broker and the S3 server share it; or a stock worker's, {@link #snapshot(long)}).
 */
final class ThreadKinds {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private final Map<String, Long> ticksByThread;

    private ThreadKinds(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** The CPU ticks of every live thread of this JVM, keyed by tid and name. */
    static ThreadKinds snapshot() {
        return snapshot(Path.of("/proc/self/task"));
    }

    /** The CPU ticks of every live thread of process {@code pid}. */
    static ThreadKinds snapshot(long pid) {
        return snapshot(Path.of("/proc", Long.toString(pid), "task"));
    }

    private static ThreadKinds snapshot(Path taskDir) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(taskDir)) {
            for (Path task : tasks.toList()) {
                readStat(task, ticks);
            }
        } catch (IOException e) {
            return new ThreadKinds(Map.of());
        }
        return new ThreadKinds(ticks);
    }

    private static void readStat(Path task, Map<String, Long> ticks) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(task.getFileName() + "/" + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            // the thread ended meanwhile
        }
    }

    /** Seconds of CPU per kind since {@code earlier}, largest first. */
    Map<String, Double> since(ThreadKinds earlier) {
        Map<String, Double> seconds = new HashMap<>();
        // By thread id: Connect renames a pooled thread while it runs a task ("pool-N-thread-M" becomes
        // "task-thread-<task>"), so a name-keyed delta counted a reused thread's whole lifetime.
        Map<String, Long> earlierByTid = new HashMap<>();
        earlier.ticksByThread.forEach((thread, ticks) -> earlierByTid.put(tid(thread), ticks));
        ticksByThread.forEach((thread, ticks) -> {
            long delta = ticks - earlierByTid.getOrDefault(tid(thread), 0L);
            seconds.merge(kind(thread.substring(thread.indexOf('/') + 1)), delta * NANOS_PER_TICK / 1e9, Double::sum);
        });
        return largestFirst(seconds);
    }

    static Map<String, Double> largestFirst(Map<String, Double> seconds) {
        return seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static String tid(String thread) {
        return thread.substring(0, thread.indexOf('/'));
    }

    /** "kind s/M, ..." for {@code events} events. */
    static String perMillion(Map<String, Double> seconds, long events) {
        return seconds.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / events * 1e6))
                .collect(Collectors.joining(", "));
    }

    /** "kind N% (s/M), ..." for {@code events} events: the shares of the total. */
    static String shares(Map<String, Double> seconds, long events) {
        double total =
                seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return seconds.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %.0f%% (%.1f)",
                        e.getKey(),
                        100 * e.getValue() / total,
                        e.getValue() / events * 1e6))
                .collect(Collectors.joining(", "));
    }

    private static String kind(String name) {
        for (Map.Entry<String, List<String>> kind : KINDS.entrySet()) {
            if (kind.getValue().stream().anyMatch(name::startsWith)) {
                return kind.getKey();
            }
        }
        return "other";
    }

    private static final Map<String, List<String>> KINDS = kinds();

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("GC", List.of("GC Thread", "G1 "));
        kinds.put("JIT", List.of("C1 Compiler", "C2 Compiler"));
        kinds.put("JFR", List.of("JFR "));
        kinds.put("S3 server", List.of("S3Proxy"));
        // A worker's producers (DLQ, status, offsets) and coordinator threads are "kafka-..." too.
        kinds.put("Kafka threads", List.of("data-plane-kaf", "kafka-", "broker-", "raft", "quorum", "controller-"));
        kinds.put("Connect task threads", List.of("task-thread", "pool-"));
        kinds.put("Trainset writer threads", List.of("trainset-writer"));
        kinds.put("Trainset upload threads", List.of("trainset-upload", "trainset-publish", "trainset-s3-parts"));
        // A JVM's main thread is "java" in /proc (the launcher's thread, never renamed): the hand-written pipeline's
        // one thread; a worker's only starts it.
        kinds.put("main thread", List.of("java"));
        return kinds;
    }
}
