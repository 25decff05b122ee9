package io.trainset.connect.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.TrainsetSinkTask;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.record.EventExtractor;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Heap per pending submission: the real task (shipped configuration, JsonConverter schemaless
 * values, as a worker hands them) is given {@code k} issues and no resolution, so every issue
 * waits; the heap in use after a full collection, before and after, against the serialized bytes
 * (key + value) of those issues.
 */
final class MemoryBenchmark {

    private static final String ISSUES = EndToEndBenchmark.ISSUES;
    private static final String RESOLUTIONS = EndToEndBenchmark.RESOLUTIONS;
    private static final int BATCH = 500;

    private final BenchSettings settings;

    MemoryBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        MachineFacts.print();
        System.out.println("Pending submissions (no resolution arrives, so every issue waits), heap after full GC:");
        for (int pending : settings.pending()) {
            measure(pending);
            measureJoinUnitOnly(pending);
        }
    }

    private void measure(int k) throws Exception {
        Map<String, String> props = config(Path.of("target", "bench", "memory").toAbsolutePath());
        Set<TopicPartition> assignment = Set.of(new TopicPartition(ISSUES, 0), new TopicPartition(RESOLUTIONS, 0));
        BenchTaskContext context = new BenchTaskContext(props, assignment);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        TrainsetSinkTask task = new TrainsetSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(assignment);
        long before = heapAfterGc();
        long serialized = 0;
        long started = System.nanoTime();
        List<SinkRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < k; i++) {
            String key = BenchTickets.key(i);
            byte[] value = BenchTickets.bytes(BenchTickets.submittedJson(i));
            serialized += BenchTickets.bytes(key).length + value.length;
            batch.add(new SinkRecord(
                    ISSUES,
                    0,
                    Schema.STRING_SCHEMA,
                    key,
                    null,
                    converter.toConnectData(ISSUES, value).value(),
                    i,
                    BenchTickets.submittedAt(i),
                    TimestampType.CREATE_TIME));
            if (batch.size() == BATCH || i == k - 1) {
                task.put(batch);
                context.recordsPut(i + 1L);
                batch = new ArrayList<>(BATCH);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = heapAfterGc();
        Reference.reachabilityFence(task);
        double perPending = (double) (after - before) / k;
        double perSerialized = (double) serialized / k;
        System.out.printf(
                Locale.ROOT,
                "  %,9d pending: heap %,7.0f MiB = %,5.0f B per pending submission; serialized "
                        + "%,5.0f B per submission (%,.0f MiB); heap / serialized = %.2f (target <= 2.00: %s); "
                        + "fed in %.1f s; the %s MiB buffer bound would have paused the input at %s%n",
                k,
                (after - before) / 1048576.0,
                perPending,
                perSerialized,
                serialized / 1048576.0,
                perPending / perSerialized,
                perPending / perSerialized <= 2 ? "met" : "NOT met",
                seconds,
                Long.parseLong(props.get("join.buffer.max.bytes")) >> 20,
                context.firstPauseAt() < 0
                        ? "no point"
                        : String.format(Locale.ROOT, "%,d pending", context.firstPauseAt()));
        task.stop();
    }

    /** The same issues as events straight into a {@link JoinUnit}: the join's share, without the offset ledger. */
    private static void measureJoinUnitOnly(int k) throws InterruptedException {
        JsonConverter converter = BenchInputs.schemaless();
        EventExtractor extractor = BenchInputs.extractor();
        JoinUnit join = new JoinUnit(
                JoinSettings.of(Duration.ofDays(7)).withGrace(Duration.ofMinutes(5)),
                Set.of(new InputPartition(ISSUES, 0), new InputPartition(RESOLUTIONS, 0)),
                0,
                event -> 0);
        long before = heapAfterGc();
        for (int i = 0; i < k; i++) {
            // The clock at the issue's time: every event is plausible (join.time.max.ahead.ms).
            join.accept(extractor.extract(BenchInputs.mapIssue(converter, i)), BenchTickets.submittedAt(i));
        }
        long after = heapAfterGc();
        Reference.reachabilityFence(join);
        System.out.printf(
                Locale.ROOT,
                "  %,9d pending in a JoinUnit alone (no task, no offset ledger): %,5.0f B per "
                        + "pending submission%n",
                k,
                (double) (after - before) / k);
    }

    /** The shipped configuration writing to a local directory (nothing is written: nothing is decided). */
    static Map<String, String> config(Path output) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("output.url", output.toUri().toString());
        overrides.put("s3.access.key.id", "");
        overrides.put("s3.secret.access.key", "");
        Map<String, String> props = new ObjectMapper()
                .readValue(
                        io.trainset.connect.testing.ConnectorConfigs.supportRouting(overrides),
                        new TypeReference<Map<String, String>>() {});
        props.putIfAbsent("join.buffer.max.bytes", Long.toString(256L << 20));
        return props;
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ProcessMeter.heapUsed();
    }
}
