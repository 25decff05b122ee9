package io.trainset.connect.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.it.ConnectClusterFixture;
import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of a connector over the loaded topics, from a fresh consumer group and output prefix:
 * Trainset with {@code tasks} tasks (the end is the last file committed once every expected row is
 * in a committed file), or the do-nothing sink (the end is the last record handed to it).
 */
final class ConnectorRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private final ConnectClusterFixture connect;
    private final S3ProxyServer s3;
    private final String bucket;
    private final ProcessMeter meter;
    private final BenchSettings settings;

    ConnectorRun(
            ConnectClusterFixture connect,
            S3ProxyServer s3,
            String bucket,
            ProcessMeter meter,
            BenchSettings settings) {
        this.connect = connect;
        this.s3 = s3;
        this.bucket = bucket;
        this.meter = meter;
        this.settings = settings;
    }

    /**
     * {@code bytes}: values as bytes (ByteArrayConverter) parsed by Trainset (value.format=json);
     * {@code recorded}: the task records its metrics (else {@link UnrecordedTrainsetSinkTask}).
     */
    Measurement trainset(
            int tasks, boolean bytes, boolean recorded, int round, TopicLoader.Loaded loaded, JfrProfile profile)
            throws IOException {
        String config = "trainset-" + tasks + (bytes ? "-bytes" : "") + (recorded ? "" : "-unrecorded");
        String name = config + "-r" + round;
        Map<String, String> overrides = new HashMap<>(ConnectorConfigs.s3(s3, bucket, name));
        if (bytes) {
            overrides.put("value.converter", BYTES);
            overrides.put("value.format", "json");
        }
        overrides.put(
                "connector.class",
                (recorded ? TimedTrainsetSinkConnector.class : UnrecordedTrainsetSinkConnector.class).getName());
        overrides.put("tasks.max", Integer.toString(tasks));
        overrides.put("rotate.interval.ms", Long.toString(settings.rotateMs()));
        overrides.put("parquet.compression", settings.codec());
        overrides.put("errors.deadletterqueue.topic.name", EndToEndBenchmark.DLQ);
        overrides.putAll(settings.overrides());
        Path output = s3.bucketDirectory(bucket).resolve(name);
        long expectedRows = loaded.records() / 2;
        ThreadKinds threadsAtStart = ThreadKinds.snapshot();
        start(name, ConnectorConfigs.supportRouting(overrides), profile);
        awaitDone(name, () -> OutputFiles.committedRows(output) >= expectedRows);
        System.out.println("  CPU s per M events by thread kind (connector start to end): "
                + ThreadKinds.perMillion(ThreadKinds.snapshot().since(threadsAtStart), loaded.records()));
        long cpu = ProcessMeter.processCpuNanos();
        long machine = MachineLoad.busyNanos();
        long taskCpu = RunProbe.taskThreadsCpuNanos();
        profile.stop();
        OutputFiles.Written written = OutputFiles.written(output);
        long rows = OutputFiles.committedRows(output);
        if (rows != expectedRows) {
            System.out.printf(
                    "  note: %s committed %,d rows for %,d issues (duplicates after a rebalance)%n",
                    name, rows, expectedRows);
        }
        Measurement m = measurement(
                        config, round, loaded, written.lastModifiedMs(), new long[] {cpu, machine, taskCpu}, written)
                .withMetrics(RunMetrics.read(name, tasks, expectedRows));
        stop(name);
        OutputFiles.deleteRecursively(output);
        return m;
    }

    Measurement noop(boolean bytes, int round, TopicLoader.Loaded loaded) {
        String config = bytes ? "noop-bytes" : "noop";
        String name = config + "-r" + round;
        Map<String, String> settings = new HashMap<>();
        settings.put("connector.class", NoopSinkConnector.class.getName());
        settings.put("tasks.max", "1");
        settings.put("topics", EndToEndBenchmark.ISSUES + "," + EndToEndBenchmark.RESOLUTIONS);
        settings.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        settings.put("value.converter", bytes ? BYTES : "org.apache.kafka.connect.json.JsonConverter");
        settings.put("value.converter.schemas.enable", "false");
        long expected = loaded.records() + EndToEndBenchmark.CLOCK_RECORDS;
        start(name, json(settings), JfrProfile.none());
        awaitDone(name, () -> RunProbe.records() >= expected);
        long[] cpu = {ProcessMeter.processCpuNanos(), MachineLoad.busyNanos(), RunProbe.taskThreadsCpuNanos()};
        Measurement m =
                measurement(config, round, loaded, RunProbe.lastBatchMs(), cpu, new OutputFiles.Written(0, 0, 0));
        stop(name);
        return m;
    }

    private void start(String name, String configJson, JfrProfile profile) {
        RunProbe.reset();
        meter.reset();
        profile.start();
        connect.putConnectorConfig(name, configJson);
    }

    /** {@code cpuEnd}: the process's CPU, the machine's busy time and the task threads' CPU at the end, in ns. */
    private Measurement measurement(
            String config,
            int round,
            TopicLoader.Loaded loaded,
            long endMs,
            long[] cpuEnd,
            OutputFiles.Written written) {
        double seconds = (endMs - RunProbe.firstRecordMs()) / 1000.0;
        double tail = Math.max(0, endMs - RunProbe.lastBatchMs()) / 1000.0;
        long cpu = cpuEnd[0] - RunProbe.cpuAtFirstRecordNanos();
        double other = MachineLoad.otherCores(
                cpuEnd[1] - RunProbe.machineBusyAtFirstRecordNanos(),
                cpu,
                (System.currentTimeMillis() - RunProbe.firstRecordMs()) / 1000.0);
        return new Measurement(
                config,
                round,
                loaded.records(),
                loaded.bytes(),
                seconds,
                tail,
                cpu / 1e9,
                cpuEnd[2] / 1e9,
                meter.peakHeapBytes(),
                meter.peakHeapAfterGcBytes(),
                written.files(),
                written.bytes(),
                other);
    }

    private void awaitDone(String name, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long nextStatus = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not finish within " + TIMEOUT + "; status "
                        + connect.rest("GET", "connectors/" + name + "/status", null)
                                .body());
            }
            if (System.nanoTime() > nextStatus) {
                failIfTaskFailed(name);
                nextStatus = System.nanoTime() + 2_000_000_000L;
            }
            sleep(50);
        }
    }

    private void failIfTaskFailed(String name) {
        ConnectClusterFixture.RestResponse status = connect.rest("GET", "connectors/" + name + "/status", null);
        if (status.status() == 200 && status.body().contains("\"FAILED\"")) {
            throw new IllegalStateException(name + " failed: " + status.body());
        }
    }

    private void stop(String name) {
        connect.deleteConnector(name);
        connect.awaitConnectorGone(name, Duration.ofSeconds(60));
    }

    private static String json(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
