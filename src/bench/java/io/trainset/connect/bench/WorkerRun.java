package io.trainset.connect.bench;

import io.trainset.connect.testing.ConnectMetrics;
import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.Ports;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.StandaloneWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trainset as users deploy it: the built plugin zip on a fresh stock ConnectStandalone worker (its own JVM, Kafka's
 * stock JVM flags, 2 GiB heap), the connector created over REST with JSON, output to a local directory or to the S3
 * server. The worker's CPU (and the S3 server's) is read from {@code /proc} from the connector's creation to the
 * last file committed, the worker's also per thread kind ({@link ThreadKinds}); {@link WorkerProfile} adds JVM flags
 * and a JFR recording of it on request.
 */
final class WorkerRun {

    /** kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS and connect-standalone.sh's heap. */
    static final List<String> STOCK_JVM = List.of(
            "-Xmx2G",
            "-server",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:MaxInlineLevel=15",
            "-Djava.awt.headless=true");

    private static final long TIMEOUT_MS = 30 * 60_000L;

    private final DeployedBenchmark.Setup setup;
    private final WorkerProfile profile;

    WorkerRun(DeployedBenchmark.Setup setup, WorkerProfile profile) {
        this.setup = setup;
        this.profile = profile;
    }

    /**
     * One measured connector on a fresh worker; when {@code warm}, the worker first runs the same connector over the
     * same topics under another name (its output deleted), so that the measured one runs on a warm JVM: classes
     * loaded and hot code compiled, as a second connector in a long-running worker.
     */
    DeployedResult run(int tasks, boolean s3, boolean warm, int round) throws IOException {
        String config = "trainset-" + tasks + (s3 ? "-s3" : "-local") + (warm ? "-warm" : "");
        String name = config + "-r" + round;
        Path work = setup.dir().resolve(name);
        Path output = s3 ? setup.s3Store().resolve(DeployedBenchmark.BUCKET).resolve(name) : work.resolve("out");
        int jmx = Ports.free();
        double load = MachineLoad.loadAverage();
        try (StandaloneWorker worker = StandaloneWorker.start(
                setup.kafkaVersion(), setup.bootstrap(), pluginZip(), work, jvmArgs(profile, jmx, work))) {
            long pid = workerPid(work);
            Optional<Path> recording = profile.recordingOf(name, round);
            if (warm) {
                if (recording.isPresent()) {
                    WorkerProfile.prime(pid, work);
                }
                warmUp(worker, tasks, s3, name + "-warmup");
            }
            long windowStartMs = profile.printsCompilations() ? WorkerProfile.uptimeMs(pid) : -1;
            if (recording.isPresent() && s3) {
                WorkerProfile.startWithServer(pid, setup.s3Pid(), recording.get(), work);
            } else if (recording.isPresent()) {
                WorkerProfile.start(pid, recording.get(), work);
            }
            try (WorkerProbe probe =
                    WorkerProbe.start(jmx, name, setup.loaded().records() + EndToEndBenchmark.CLOCK_RECORDS)) {
                ThreadKinds threads0 = ThreadKinds.snapshot(pid);
                long cpu0 = MachineLoad.processCpuNanos(pid);
                long s3Cpu0 = MachineLoad.processCpuNanos(setup.s3Pid());
                create(worker, name, connectorJson(tasks, s3, name, output));
                awaitRows(worker, name, output);
                long cpu = MachineLoad.processCpuNanos(pid) - cpu0;
                Map<String, Double> threads = ThreadKinds.snapshot(pid).since(threads0);
                long s3Cpu = s3 ? MachineLoad.processCpuNanos(setup.s3Pid()) - s3Cpu0 : 0;
                long end = OutputFiles.written(output).lastModifiedMs();
                long rows = OutputFiles.parquetRows(output, OutputFiles.TRAINSET_FILES);
                long lastCommitMs = CommitLog.print(
                        name, work.resolve("worker.log"), setup.loaded().records(), probe.firstMs(), probe.lastMs());
                DeployedResult result = new DeployedResult(
                        config,
                        round,
                        setup.loaded().records(),
                        (end - probe.firstMs()) / 1000.0,
                        probe.lastMs() == 0 ? Double.NaN : (end - probe.lastMs()) / 1000.0,
                        cpu / 1e9,
                        s3Cpu / 1e9,
                        rows,
                        load,
                        threads,
                        lastCommitMs < 0 ? Double.NaN : lastCommitMs / 1000.0);
                if (recording.isPresent() && s3) {
                    WorkerProfile.stopWithServer(pid, setup.s3Pid(), recording.get());
                } else if (recording.isPresent()) {
                    WorkerProfile.stop(pid, recording.get());
                }
                if (windowStartMs >= 0) {
                    CompileLog.print(work.resolve("worker.log"), windowStartMs);
                }
                return result;
            }
        } finally {
            OutputFiles.deleteRecursively(output); // once the worker is gone: its tasks may still write
        }
    }

    /** Runs connector {@code name} over the topics to its last row, then deletes it and its output. */
    private void warmUp(StandaloneWorker worker, int tasks, boolean s3, String name) throws IOException {
        Path output = s3
                ? setup.s3Store().resolve(DeployedBenchmark.BUCKET).resolve(name)
                : setup.dir().resolve(name).resolve("out");
        create(worker, name, connectorJson(tasks, s3, name, output));
        awaitRows(worker, name, output);
        delete(worker, name);
        OutputFiles.deleteRecursively(output);
    }

    /** Deletes connector {@code name} and waits (up to a minute) until the worker no longer lists it. */
    static void delete(StandaloneWorker worker, String name) {
        worker.rest("DELETE", "/connectors/" + name, null);
        long deadline = System.currentTimeMillis() + 60_000;
        while (exists(worker, name) && System.currentTimeMillis() < deadline) {
            ChildJvm.sleep(200);
        }
    }

    private String connectorJson(int tasks, boolean s3, String name, Path output) {
        Map<String, String> overrides = new HashMap<>();
        if (s3) {
            overrides.put("output.url", "s3://" + DeployedBenchmark.BUCKET + "/" + name);
            overrides.put("s3.endpoint", setup.s3Endpoint().toString());
            overrides.put("s3.path.style.access", "true");
            overrides.put("s3.region", S3ProxyServer.REGION.id());
            overrides.put("s3.access.key.id", S3ProxyServer.ACCESS_KEY);
            overrides.put("s3.secret.access.key", S3ProxyServer.SECRET_KEY);
        } else {
            overrides.put("output.url", output.toUri().toString());
        }
        overrides.put("tasks.max", Integer.toString(tasks));
        overrides.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        overrides.put("value.format", "json");
        overrides.put("join.grace.ms", Long.toString(DeployedBenchmark.GRACE_MS));
        overrides.put("flush.size", "100000");
        overrides.put("rotate.interval.ms", Long.toString(setup.rotateMs()));
        overrides.put("dataset.max.open.files", "128");
        overrides.put("errors.deadletterqueue.topic.name", EndToEndBenchmark.DLQ);
        overrides.put("errors.deadletterqueue.topic.replication.factor", "1");
        overrides.putAll(setup.overrides());
        return ConnectorConfigs.supportRouting(overrides);
    }

    /** PUT the connector; a loaded machine can make the worker answer after the client's timeout, so check. */
    static void create(StandaloneWorker worker, String name, String json) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            try {
                int status = worker.rest("PUT", "/connectors/" + name + "/config", json)
                        .statusCode();
                if (status == 200 || status == 201) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // timed out: the worker may have created it all the same
            }
            if (exists(worker, name) || System.currentTimeMillis() > deadline) {
                return;
            }
            ChildJvm.sleep(1000);
        }
    }

    private static boolean exists(StandaloneWorker worker, String name) {
        try {
            return worker.rest("GET", "/connectors/" + name, null).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private void awaitRows(StandaloneWorker worker, String name, Path output) {
        await(worker, name, () -> OutputFiles.committedRows(output) >= setup.issues());
    }

    /** Polls {@code done} until true; fails with the connector's status when it failed or took over 30 minutes. */
    static void await(StandaloneWorker worker, String name, java.util.function.BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long nextStatus = 0;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > nextStatus) {
                String status = worker.rest("GET", "/connectors/" + name + "/status", null)
                        .body();
                if (status.contains("\"FAILED\"") || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(name + " did not finish: " + status + "\n" + worker.logTail(40));
                }
                nextStatus = System.currentTimeMillis() + 2000;
            }
            ChildJvm.sleep(50);
        }
    }

    static List<String> jvmArgs(WorkerProfile profile, int jmxPort, Path work) throws IOException {
        List<String> args = new ArrayList<>(STOCK_JVM);
        args.addAll(profile.jvmFlags());
        args.addAll(ConnectMetrics.jmxRemoteArgs(jmxPort));
        // StandaloneWorker logs Trainset at DEBUG (per record): a composite configuration, its file then this
        // one, keeps its appender and sets Trainset to INFO (lifecycle and commits), as a deployment would.
        Path quieter = work.resolve("bench-log4j2.properties");
        Files.createDirectories(work);
        Files.writeString(
                quieter,
                "logger.trainset.name=io.trainset\nlogger.trainset.level=INFO\n"
                        + "logger.clients.name=org.apache.kafka.clients\nlogger.clients.level=WARN\n");
        args.add("-Dlog4j2.configurationFile="
                + work.resolve("log4j2.properties").toUri() + "," + quieter.toUri());
        return args;
    }

    /** The worker's JVM: the child of this one that runs ConnectStandalone with this run's directory. */
    static long workerPid(Path work) {
        return ProcessHandle.current()
                .children()
                .filter(p -> commandLine(p.pid())
                        .contains(work.resolve("worker.properties").toString()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No ConnectStandalone process for " + work))
                .pid();
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static Path pluginZip() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("trainset-connect-.*\\.zip"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/trainset-connect-*.zip: the benchmark"
                            + " profile runs in 'verify', after 'package' built it"));
        }
    }
}
