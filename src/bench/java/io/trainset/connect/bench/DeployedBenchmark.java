package io.trainset.connect.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code bench.suite=deployed}: what users deploy, beside what it replaces, on the same topics in the same run. The
 * broker and the S3 server run in their own JVMs for the whole run; every measured process is a fresh JVM per run:
 * the plain and the Jackson consumer, a hand-written consumer-to-Parquet pipeline (when named), the Flink SQL pipeline,
 * and Trainset's plugin zip on a stock worker (1 and 2
 * tasks, local and S3 output). Rounds are interleaved so that load from other processes falls on all alike.
 */
final class DeployedBenchmark {

    static final String BUCKET = "bench";
    static final long WINDOW_MS = 7 * 86_400_000L;
    static final long GRACE_MS = 5000;
    static final String DEFAULT_CONFIGS =
            "consumer,consumer-jackson,flink-local,trainset-1-local,trainset-2-local,trainset-1-s3,trainset-2-s3";

    /** Configurations run only when named. */
    static final String MORE_CONFIGS =
            "consumer-jackson-warm, consumer-parquet, consumer-parquet-warm, noop-local, noop-jackson (either with -2"
                    + " for two tasks and/or -warm),"
                    + " trainset-1-local-warm, trainset-2-local-warm or trainset-1-s3-warm";

    /** What every run needs: where the services are and what was loaded. */
    record Setup(
            Path dir,
            String bootstrap,
            URI s3Endpoint,
            Path s3Store,
            long s3Pid,
            String kafkaVersion,
            long issues,
            long rotateMs,
            Map<String, String> overrides,
            TopicLoader.Loaded loaded,
            WorkerProfile profile) {}

    private final BenchSettings settings;
    private final long issues = Long.getLong("bench.issues", 500_000);
    private final List<String> configs = List.of(
            System.getProperty("bench.deployed.configs", DEFAULT_CONFIGS).split(","));
    private final String kafkaVersion = System.getProperty("bench.kafka.version", "4.4.0");
    private final long rotateMs = Long.getLong("bench.deployed.rotate.ms", 10_000);

    DeployedBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        MachineFacts.print();
        Path dir = Path.of("target", "bench", "deployed").toAbsolutePath();
        OutputFiles.deleteRecursively(dir);
        Path s3Store = dir.resolve("s3");
        String cp = ChildJvm.benchClasspath();
        List<String> quiet = List.of("-Xmx1g", "-Dtrainset.log.level=WARN", "-Dtrainset.log.thirdparty=ERROR");
        try (ChildJvm broker =
                        ChildJvm.start("broker", dir, cp, quiet, ServiceMain.class.getName(), List.of("broker"));
                ChildJvm s3 = ChildJvm.start(
                        "s3", dir, cp, quiet, ServiceMain.class.getName(), List.of("s3", s3Store.toString(), BUCKET))) {
            String bootstrap = broker.awaitReady();
            URI endpoint = URI.create(s3.awaitReady());
            Setup setup = new Setup(
                    dir,
                    bootstrap,
                    endpoint,
                    s3Store,
                    s3.pid(),
                    kafkaVersion,
                    issues,
                    rotateMs,
                    settings.overrides(),
                    load(bootstrap),
                    WorkerProfile.fromSystemProperties());
            List<DeployedResult> results = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                System.out.printf(Locale.ROOT, "-- round %d, load average %.2f%n", round, MachineLoad.loadAverage());
                for (String config : configs) {
                    DeployedResult result = run(setup, config.trim(), round);
                    System.out.println(result.line());
                    results.add(result);
                }
            }
            new DeployedSummary(results, rotateMs).print();
        }
    }

    private TopicLoader.Loaded load(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> keepAll = Map.of("retention.ms", "-1");
            admin.createTopics(List.of(
                            new NewTopic(EndToEndBenchmark.ISSUES, EndToEndBenchmark.PARTITIONS, (short) 1)
                                    .configs(keepAll),
                            new NewTopic(EndToEndBenchmark.RESOLUTIONS, EndToEndBenchmark.PARTITIONS, (short) 1)
                                    .configs(keepAll),
                            new NewTopic(EndToEndBenchmark.DLQ, 1, (short) 1)))
                    .all()
                    .get();
        }
        long t0 = System.nanoTime();
        // The clock records come after the last issue's window and grace, so every issue is decided, joined or not.
        TopicLoader.Loaded loaded = new TopicLoader(bootstrap)
                .load(
                        EndToEndBenchmark.ISSUES,
                        EndToEndBenchmark.RESOLUTIONS,
                        EndToEndBenchmark.PARTITIONS,
                        issues,
                        WINDOW_MS + GRACE_MS,
                        BenchTickets::mostlyResolved);
        System.out.printf(
                Locale.ROOT,
                "Loaded %,d events (%,d issues, %,d resolutions; %.1f MB) into two %d-partition topics in %.1f s%n",
                loaded.records(),
                issues,
                loaded.records() - issues,
                loaded.bytes() / 1e6,
                EndToEndBenchmark.PARTITIONS,
                (System.nanoTime() - t0) / 1e9);
        return loaded;
    }

    private static DeployedResult run(Setup setup, String config, int round) throws IOException {
        double load = MachineLoad.loadAverage();
        return switch (config) {
            case "consumer", "consumer-jackson", "consumer-jackson-warm" ->
                new AnchorRun(setup).consumer(config, round, load);
            case "consumer-parquet", "consumer-parquet-warm" -> new AnchorRun(setup).handWritten(config, round, load);
            case "flink-local" -> flink(setup, round, load);
            case "trainset-1-local" -> new WorkerRun(setup, setup.profile()).run(1, false, false, round);
            case "trainset-2-local" -> new WorkerRun(setup, setup.profile()).run(2, false, false, round);
            case "trainset-1-s3" -> new WorkerRun(setup, setup.profile()).run(1, true, false, round);
            case "trainset-2-s3" -> new WorkerRun(setup, setup.profile()).run(2, true, false, round);
            case "trainset-1-local-warm" -> new WorkerRun(setup, setup.profile()).run(1, false, true, round);
            case "trainset-1-s3-warm" -> new WorkerRun(setup, setup.profile()).run(1, true, true, round);
            case "trainset-2-local-warm" -> new WorkerRun(setup, setup.profile()).run(2, false, true, round);
            default -> {
                if (DiscardRun.CONFIG.matcher(config).matches()) {
                    yield new DiscardRun(setup).run(config, round);
                }
                throw new IllegalArgumentException("Unknown configuration " + config + " in bench.deployed.configs;"
                        + " use " + DEFAULT_CONFIGS + ", " + MORE_CONFIGS);
            }
        };
    }

    private static DeployedResult flink(Setup setup, int round, double load) throws IOException {
        String name = "flink-local-r" + round;
        Path output = setup.dir().resolve(name).resolve("out");
        String classpath = Files.readString(Path.of("target", "bench", "flink.classpath"))
                        .trim() + ":" + Path.of("target", "test-classes").toAbsolutePath();
        ChildJvm jvm = ChildJvm.start(
                name,
                setup.dir(),
                classpath,
                WorkerRun.STOCK_JVM,
                FlinkPipeline.class.getName(),
                List.of(setup.bootstrap(), output.toString(), Long.toString(setup.rotateMs()), name));
        String[] result = jvm.awaitResult().split(" ");
        long submitted = Long.parseLong(result[0]);
        long lastFile = OutputFiles.files(output, OutputFiles.FLINK_FILES).lastModifiedMs();
        long end = lastFile > 0 ? lastFile : Long.parseLong(result[1]);
        long rows = OutputFiles.parquetRows(output, OutputFiles.FLINK_FILES);
        OutputFiles.deleteRecursively(output);
        return new DeployedResult(
                "flink-local",
                round,
                setup.loaded().records(),
                (end - submitted) / 1000.0,
                Double.NaN,
                Double.parseDouble(result[2]),
                0,
                rows,
                load,
                Map.of(),
                Double.NaN);
    }
}
