package io.trainset.connect.bench;

import io.trainset.connect.testing.StandaloneWorker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework's floor on the same stock worker as Trainset's runs: {@link DiscardSinkConnector} ({@code
 * noop-local}: drops every record; {@code noop-jackson}: parses every value with Jackson first), the same
 * converters, the worker's CPU from the connector's creation to the last record read (Connect's own count, over
 * JMX), per thread kind too. {@code -2}: two tasks, so that what a second task costs the framework itself (a second
 * consumer, each fetching half the partitions) is measured beside what it costs Trainset; {@code -warm}: the worker
 * first runs the same connector under another name to its last record, as Trainset's warm runs do.
 */
final class DiscardRun {

    /** {@code noop-local} or {@code noop-jackson}, then {@code -2} for two tasks, then {@code -warm}. */
    static final Pattern CONFIG = Pattern.compile("noop-(local|jackson)(-2)?(-warm)?");

    private final DeployedBenchmark.Setup setup;

    DiscardRun(DeployedBenchmark.Setup setup) {
        this.setup = setup;
    }

    DeployedResult run(String config, int round) throws IOException {
        Matcher shape = CONFIG.matcher(config);
        if (!shape.matches()) {
            throw new IllegalArgumentException(config + " is not a noop configuration: " + CONFIG);
        }
        boolean parse = shape.group(1).equals("jackson");
        int tasks = shape.group(2) == null ? 1 : 2;
        String name = config + "-r" + round;
        Path work = setup.dir().resolve(name);
        double load = MachineLoad.loadAverage();
        long expected = setup.loaded().records() + EndToEndBenchmark.CLOCK_RECORDS;
        int jmx = io.trainset.connect.testing.Ports.free();
        try (StandaloneWorker worker = StandaloneWorker.start(
                setup.kafkaVersion(),
                setup.bootstrap(),
                DiscardPlugin.zip(setup.dir()),
                work,
                WorkerRun.jvmArgs(setup.profile(), jmx, work))) {
            long pid = WorkerRun.workerPid(work);
            if (shape.group(3) != null) {
                warmUp(worker, jmx, parse, tasks, name + "-warmup", expected);
            }
            try (WorkerProbe probe = WorkerProbe.start(jmx, name, expected)) {
                ThreadKinds threads0 = ThreadKinds.snapshot(pid);
                long cpu0 = MachineLoad.processCpuNanos(pid);
                WorkerRun.create(worker, name, connectorJson(parse, tasks));
                WorkerRun.await(worker, name, () -> probe.lastMs() != 0);
                long cpu = MachineLoad.processCpuNanos(pid) - cpu0;
                Map<String, Double> threads = ThreadKinds.snapshot(pid).since(threads0);
                return new DeployedResult(
                        config,
                        round,
                        setup.loaded().records(),
                        (probe.lastMs() - probe.firstMs()) / 1000.0,
                        Double.NaN,
                        cpu / 1e9,
                        0,
                        0,
                        load,
                        threads,
                        Double.NaN);
            }
        }
    }

    /** Runs connector {@code name} to its last record, then deletes it. */
    private static void warmUp(StandaloneWorker worker, int jmx, boolean parse, int tasks, String name, long expected)
            throws IOException {
        try (WorkerProbe probe = WorkerProbe.start(jmx, name, expected)) {
            WorkerRun.create(worker, name, connectorJson(parse, tasks));
            WorkerRun.await(worker, name, () -> probe.lastMs() != 0);
        }
        WorkerRun.delete(worker, name);
    }

    private static String connectorJson(boolean parse, int tasks) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", DiscardSinkConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", EndToEndBenchmark.ISSUES + "," + EndToEndBenchmark.RESOLUTIONS);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put(DiscardSinkConnector.PARSE, Boolean.toString(parse));
        StringBuilder json = new StringBuilder("{");
        config.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return json.append('}').toString();
    }
}
