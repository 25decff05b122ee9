package io.trainset.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The least a pipeline from the two topics to labelled Parquet files does, written by hand without Connect: the
 * anchor {@code consumer-parquet}. A plain consumer ({@link ConsumerCeiling}) reads both topics to their end; every
 * value is parsed with Jackson's {@code readTree}; a submission (its row's submitted columns already in a
 * {@link GenericRecord}) waits in a {@link HashMap} by its {@code id} for its resolution, and a resolution that comes
 * first waits for its submission; a resolution within 7 days after its submission (event time: the record timestamp,
 * as Trainset's default and Flink's pipeline here) completes the row, which is written at once ({@link SplitFiles}).
 * At the end the submissions still waiting are written as unlabelled rows ({@code timed_out}), as Flink's LEFT join
 * and Trainset do. No watermarks, grace, memory bound, checkpoints, offsets committed or exactly-once: it writes every
 * row once because it reads a bounded input to its end. Values without an {@code id} (the benchmark's clock records)
 * are skipped, as Flink's {@code WHERE s.id IS NOT NULL} does.
 */
final class HandWrittenPipeline implements ConsumerCeiling.RecordHandler {

    /** What a run did: its window (first record read to the last file closed) and this JVM's CPU in it. */
    record Result(long events, double seconds, double cpuSeconds, long rows, long files, Map<String, Double> threads) {}

    private record Resolution(long timeMs, String label) {}

    private final SplitFiles files;
    private final Map<String, GenericRecord> waiting = new HashMap<>();
    private final Map<String, Resolution> early = new HashMap<>();
    private long events;
    private long firstNanos;
    private long cpu0;
    private ThreadKinds threads0;

    HandWrittenPipeline(Path output) {
        this.files = new SplitFiles(output);
    }

    /** Reads the topics to their end with {@code consumer}, writes every row and closes the files. */
    Result run(ConsumerCeiling consumer) {
        consumer.readToEnd(this);
        waiting.values().forEach(row -> {
            row.put("join_status", "timed_out");
            row.put("resolution_count", 0);
            files.write(row);
        });
        waiting.clear();
        files.close();
        double seconds = (System.nanoTime() - firstNanos) / 1e9;
        double cpu = (ProcessMeter.processCpuNanos() - cpu0) / 1e9;
        return new Result(
                events,
                seconds,
                cpu,
                files.rows(),
                files.files(),
                ThreadKinds.snapshot().since(threads0));
    }

    @Override
    public void first() {
        firstNanos = System.nanoTime();
        cpu0 = ProcessMeter.processCpuNanos();
        threads0 = ThreadKinds.snapshot();
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        events++;
        JsonNode value = ConsumerCeiling.parse(record);
        String id = value.path("id").textValue();
        if (id == null) {
            return;
        }
        if (record.topic().equals(EndToEndBenchmark.ISSUES)) {
            submitted(id, value, record.timestamp());
        } else {
            resolved(
                    id,
                    new Resolution(record.timestamp(), value.path("department").textValue()));
        }
    }

    private void submitted(String id, JsonNode value, long timeMs) {
        GenericRecord row = new GenericData.Record(SplitFiles.SCHEMA);
        row.put("key", id);
        row.put("title", value.path("title").textValue());
        row.put("description", value.path("description").textValue());
        row.put("product", value.path("product").textValue());
        JsonNode priority = value.path("priority");
        row.put("priority", priority.isIntegralNumber() ? priority.longValue() : null);
        row.put("customer_tier", value.path("customer").path("tier").textValue());
        row.put("submitted_at", timeMs);
        row.put("label_deadline", timeMs + DeployedBenchmark.WINDOW_MS);
        Resolution resolution = early.remove(id);
        if (resolution != null && inWindow(timeMs, resolution)) {
            write(row, resolution);
        } else {
            waiting.put(id, row);
        }
    }

    private void resolved(String id, Resolution resolution) {
        GenericRecord row = waiting.get(id);
        if (row == null) {
            early.putIfAbsent(id, resolution);
        } else if (inWindow((Long) row.get("submitted_at"), resolution)) {
            waiting.remove(id);
            write(row, resolution);
        }
    }

    private static boolean inWindow(long submittedMs, Resolution resolution) {
        return resolution.timeMs() >= submittedMs && resolution.timeMs() <= submittedMs + DeployedBenchmark.WINDOW_MS;
    }

    private void write(GenericRecord row, Resolution resolution) {
        row.put("resolved_at", resolution.timeMs());
        row.put("resolution_ms", resolution.timeMs() - (Long) row.get("submitted_at"));
        row.put("join_status", "joined");
        row.put("resolution_count", 1);
        row.put("label", resolution.label());
        files.write(row);
    }
}
