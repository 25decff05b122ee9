package io.trainset.connect.bench;

import io.trainset.connect.TrainsetSinkTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A million submissions waiting under the buffer bound, in a heap smaller than they are: the real
 * task (shipped configuration, {@code join.buffer.max.bytes} as shipped, commits every 2 s) is fed
 * {@code k} issues and no resolution, stopped, and started again, which restores the unit from its
 * checkpoint chain and writes its first (full) checkpoint. It prints the heap left after each
 * collection at its highest for each phase; an OutOfMemoryError ends the benchmark.
 */
final class BoundedMemoryBenchmark {

    private static final String ISSUES = EndToEndBenchmark.ISSUES;
    private static final int BATCH = 500;
    private static final long COMMIT_MS = 2_000;

    private final BenchSettings settings;

    BoundedMemoryBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        MachineFacts.print();
        int k = settings.pending().stream().mapToInt(Integer::intValue).max().orElse(1_000_000);
        Path output = Path.of("target", "bench", "memory-bound").toAbsolutePath();
        deleteTree(output);
        Map<String, String> props = MemoryBenchmark.config(output);
        props.put("rotate.interval.ms", Long.toString(COMMIT_MS));
        props.put(
                "join.spill.dir",
                Path.of("target", "bench", "spill").toAbsolutePath().toString());
        props.putAll(settings.overrides()); // e.g. join.buffer.max.bytes=9223372036854775807: no spill, for comparison
        Set<TopicPartition> assignment =
                Set.of(new TopicPartition(ISSUES, 0), new TopicPartition(EndToEndBenchmark.RESOLUTIONS, 0));
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
                Locale.ROOT,
                "%,d pending submissions, join.buffer.max.bytes=%s MiB, max heap %,d MiB%n",
                k,
                Long.parseLong(props.get("join.buffer.max.bytes")) >> 20,
                maxHeap >> 20);
        try (ProcessMeter meter = new ProcessMeter()) {
            long serialized = fill(props, assignment, k, meter);
            restore(props, assignment, k, meter, output);
            System.out.printf(
                    Locale.ROOT,
                    "Result: %,d pending submissions (%,.0f MiB serialized) held in a %,d MiB "
                            + "heap without OutOfMemoryError%n",
                    k,
                    serialized / 1048576.0,
                    maxHeap >> 20);
        }
    }

    /** Feeds {@code k} issues to a new task and stops it; returns their serialized bytes. */
    private static long fill(Map<String, String> props, Set<TopicPartition> assignment, int k, ProcessMeter meter)
            throws Exception {
        BenchTaskContext context = new BenchTaskContext(props, assignment);
        JsonConverter converter = BenchInputs.schemaless();
        TrainsetSinkTask task = new TrainsetSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(assignment);
        long base = MemoryBenchmark.heapAfterGc();
        meter.reset();
        long started = System.nanoTime();
        long serialized = 0;
        List<SinkRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < k; i++) {
            String key = BenchTickets.key(i);
            byte[] value = BenchTickets.bytes(BenchTickets.submittedJson(i));
            serialized += BenchTickets.bytes(key).length + value.length;
            batch.add(issue(converter, i, key, value));
            if (batch.size() == BATCH || i == k - 1) {
                task.put(batch);
                context.recordsPut(i + 1L);
                batch = new ArrayList<>(BATCH);
            }
        }
        Thread.sleep(COMMIT_MS + 100);
        task.put(List.of()); // the last commit: the checkpoint chain covers every issue
        double seconds = (System.nanoTime() - started) / 1e9;
        long held = MemoryBenchmark.heapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "  fed and committed in %.1f s: heap after GC at its highest %,d MiB, at the end "
                        + "%,d MiB, %,d MiB of it the task's (%,.0f B per pending submission, %.2f x its %,.0f serialized "
                        + "bytes)%n",
                seconds,
                meter.peakHeapAfterGcBytes() >> 20,
                held >> 20,
                (held - base) >> 20,
                (double) (held - base) / k,
                (double) (held - base) / serialized,
                (double) serialized / k);
        task.stop();
        return serialized;
    }

    /** Starts a task again on the same output: it restores the unit, then writes a full checkpoint. */
    private static void restore(
            Map<String, String> props, Set<TopicPartition> assignment, int k, ProcessMeter meter, Path output)
            throws Exception {
        Path checkpoints = output.resolve("_trainset").resolve("checkpoints");
        long chainBytes = bytesUnder(checkpoints);
        String before = newestCheckpoint(checkpoints);
        // The stopped task's state is garbage now; collected first, so that the peak is the restore's own (before
        // session 7 it was not, and the old-generation garbage of the stopped task counted in the restore's peak).
        long heapBefore = MemoryBenchmark.heapAfterGc();
        BenchTaskContext context = new BenchTaskContext(props, assignment);
        TrainsetSinkTask task = new TrainsetSinkTask();
        task.initialize(context);
        task.start(props);
        meter.reset();
        long started = System.nanoTime();
        task.open(assignment);
        double restoreSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(COMMIT_MS + 100);
        long commitStarted = System.nanoTime();
        task.put(List.of(issue(
                BenchInputs.schemaless(), k, BenchTickets.key(k), BenchTickets.bytes(BenchTickets.submittedJson(k)))));
        while (newestCheckpoint(checkpoints).equals(before) && System.nanoTime() - commitStarted < 600_000_000_000L) {
            Thread.sleep(50);
        }
        double commitSeconds = (System.nanoTime() - commitStarted) / 1e9;
        long held = MemoryBenchmark.heapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "  heap after GC before the restore %,d MiB; restored from %,.0f MiB of checkpoints in %.1f s "
                        + "(rewound to %s), then wrote its first, full checkpoint in %.1f s: heap after GC at its "
                        + "highest %,d MiB, at the end %,d MiB%n",
                heapBefore >> 20,
                chainBytes / 1048576.0,
                restoreSeconds,
                context.rewinds(),
                commitSeconds,
                meter.peakHeapAfterGcBytes() >> 20,
                held >> 20);
        task.stop();
    }

    private static SinkRecord issue(JsonConverter converter, long i, String key, byte[] value) {
        return new SinkRecord(
                ISSUES,
                0,
                Schema.STRING_SCHEMA,
                key,
                null,
                converter.toConnectData(ISSUES, value).value(),
                i,
                BenchTickets.submittedAt(i),
                TimestampType.CREATE_TIME);
    }

    private static long bytesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(BoundedMemoryBenchmark::size)
                    .sum();
        }
    }

    /** The path of the newest checkpoint object (names sort by sequence), or "" when there is none. */
    private static String newestCheckpoint(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(Path::toString)
                    .filter(f -> f.endsWith(".ckpt"))
                    .max(String::compareTo)
                    .orElse("");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
