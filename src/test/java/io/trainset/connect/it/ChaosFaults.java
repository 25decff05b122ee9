package io.trainset.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.FaultyTcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults a chaos test injects into a running connector, each the way an operator or the
 * infrastructure causes it (REST calls, SIGKILL of a worker JVM, an object store that resets every
 * connection), counted per kind.
 */
final class ChaosFaults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosFaults.class);
    private static final Duration SETTLE = Duration.ofSeconds(120);

    /** The kinds of fault. */
    enum Kind {
        CONNECTOR_RESTART,
        TASK_RESTART,
        PAUSE_RESUME,
        CONFIG_UPDATE,
        WORKER_KILL,
        /** A {@link #WORKER_KILL} that took a running task with it, killed after the task's latest commit. */
        TASK_KILLED_WITH_WORKER,
        WORKER_ADD,
        STORE_OUTAGE,
        FAILED_TASK_RESTART
    }

    private final ConnectClusterFixture connect;
    private final String connector;
    private final int tasks;
    private final FaultyTcpProxy store;
    private final Map<String, String> workerProps;
    private final Path workerDirectory;
    private final IntFunction<String> configOfVersion;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Duration outage;
    private final List<ExternalConnectWorker> externals = new ArrayList<>();
    private int configVersion;
    private int restartedTask;
    private int externalWorkers;

    /**
     * @param configOfVersion the connector's configuration JSON, a harmless variation per version
     * @param workerProps the properties of an external worker joining the cluster
     */
    ChaosFaults(
            ConnectClusterFixture connect,
            String connector,
            int tasks,
            FaultyTcpProxy store,
            Map<String, String> workerProps,
            Path workerDirectory,
            IntFunction<String> configOfVersion,
            Duration outage) {
        this.connect = connect;
        this.connector = connector;
        this.tasks = tasks;
        this.store = store;
        this.workerProps = Map.copyOf(workerProps);
        this.workerDirectory = workerDirectory;
        this.configOfVersion = configOfVersion;
        this.outage = outage;
    }

    /** Starts an external worker, one that {@link Kind#WORKER_KILL} may kill. */
    void startExternalWorker() {
        try {
            externals.add(
                    ExternalConnectWorker.start(workerProps, workerDirectory, "external-worker-" + ++externalWorkers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void inject(Kind kind) {
        LOG.info("Chaos: injecting {}", kind);
        switch (kind) {
            case CONNECTOR_RESTART -> connect.restartConnectorAndTasks(connector);
            case TASK_RESTART -> connect.restartTask(connector, restartedTask++ % tasks);
            case PAUSE_RESUME -> pauseResume();
            case CONFIG_UPDATE -> connect.putConnectorConfig(connector, configOfVersion.apply(++configVersion));
            case WORKER_KILL -> killAndReplaceWorker();
            case STORE_OUTAGE -> storeOutage();
            default -> throw new IllegalArgumentException("Not injected directly: " + kind);
        }
        counted(kind);
    }

    private void pauseResume() {
        connect.pauseConnector(connector);
        connect.awaitConnectorStatus(
                connector,
                "PAUSED",
                SETTLE,
                s -> "PAUSED".equals(s.path("connector").path("state").asText()));
        connect.resumeConnector(connector);
    }

    /**
     * SIGKILL an external worker, then start another one (a worker added back). The kill waits (a
     * while) for an external worker that runs a task which has just committed, so that it interrupts
     * live work; without one it kills the oldest external worker.
     */
    private void killAndReplaceWorker() {
        Optional<ExternalConnectWorker> committing = awaitExternalTaskCommitting();
        committing.ifPresent(w -> counted(Kind.TASK_KILLED_WITH_WORKER));
        ExternalConnectWorker victim = committing.orElse(externals.get(0));
        victim.kill();
        externals.remove(victim);
        startExternalWorker();
        counted(Kind.WORKER_ADD);
    }

    /** An external worker running a task of the connector that committed since the call, within 45 s. */
    private Optional<ExternalConnectWorker> awaitExternalTaskCommitting() {
        Map<ExternalConnectWorker, Long> before = new HashMap<>();
        externals.forEach(w -> before.put(w, commitsOf(w)));
        try {
            return Optional.of(ConnectClusterFixture.await(
                    "a task on an external worker committing",
                    Duration.ofSeconds(45),
                    () -> externals.stream()
                            .filter(w -> runsTaskOn(w.workerId()) && commitsOf(w) > before.get(w))
                            .findFirst()
                            .orElse(null)));
        } catch (AssertionError e) {
            LOG.info("Chaos: no external worker runs a committing task ({}); killing one anyway", e.getMessage());
            return Optional.empty();
        }
    }

    private static long commitsOf(ExternalConnectWorker worker) {
        try {
            return worker.commitsLogged();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean runsTaskOn(String workerId) {
        JsonNode status = connect.awaitConnectorStatus(connector, "any status", SETTLE, s -> true);
        for (JsonNode task : status.path("tasks")) {
            if (workerId.equals(task.path("worker_id").asText())
                    && "RUNNING".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Every connection to the object store is reset for {@link #outage}, and at least some requests fail. */
    private void storeOutage() {
        int refusedBefore = store.refused();
        long start = System.nanoTime();
        store.breakConnections();
        try {
            ConnectClusterFixture.await(
                    "an object store outage of " + outage + " that refused requests",
                    outage.plus(SETTLE),
                    () -> System.nanoTime() - start >= outage.toNanos() && store.refused() > refusedBefore);
        } finally {
            store.heal();
        }
        LOG.info("Chaos: object store outage over, {} connections refused or reset", store.refused() - refusedBefore);
    }

    /** Restarts every FAILED task (as an operator would); returns how many. */
    int restartFailedTasks() {
        JsonNode status = connect.awaitConnectorStatus(connector, "any status", SETTLE, s -> true);
        int restarted = 0;
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                LOG.warn(
                        "Chaos: task {} FAILED: {}",
                        task.path("id").asInt(),
                        task.path("trace").asText());
                connect.restartTask(connector, task.path("id").asInt());
                counted(Kind.FAILED_TASK_RESTART);
                restarted++;
            }
        }
        return restarted;
    }

    /** Waits until the connector and all its tasks run (after restarting failed ones). */
    void awaitRunning() {
        restartFailedTasks();
        connect.awaitConnectorRunning(connector, tasks, SETTLE);
    }

    private void counted(Kind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    Map<Kind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    @Override
    public void close() {
        externals.forEach(ExternalConnectWorker::close);
    }
}
