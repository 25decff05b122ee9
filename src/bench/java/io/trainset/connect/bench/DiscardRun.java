package io.trainset.connect.bench;

import io.trainset.connect.testing.StandaloneWorker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framework's floor on the same stock worker as Trainset's runs: {@link DiscardSinkConnector} ({@code
 * noop-local}: drops every record; {@code noop-jackson}: parses every value with Jackson first), one task, the same
 * converters, the worker's CPU from the connector's creation to the last record read (Connect's own count, over
 * JMX), per thread kind too.
 */
final class DiscardRun {

    private final DeployedBenchmark.Setup setup;

    DiscardRun(DeployedBenchmark.Setup setup) {
        this.setup = setup;
    }

    DeployedResult run(boolean parse, int round) throws IOException {
        String config = parse ? "noop-jackson" : "noop-local";
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
            try (WorkerProbe probe = WorkerProbe.start(jmx, name, expected)) {
                ThreadKinds threads0 = ThreadKinds.snapshot(pid);
                long cpu0 = MachineLoad.processCpuNanos(pid);
                WorkerRun.create(worker, name, connectorJson(parse));
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

    private static String connectorJson(boolean parse) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", DiscardSinkConnector.class.getName());
        config.put("tasks.max", "1");
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
