package io.trainset.connect;

import io.trainset.connect.config.OutputConfig;
import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Side;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.output.HiveOutput;
import io.trainset.connect.output.iceberg.IcebergOutput;
import io.trainset.connect.pipeline.BadRecordLog;
import io.trainset.connect.pipeline.Outputs;
import io.trainset.connect.pipeline.RecordErrors;
import io.trainset.connect.pipeline.SinkPipeline;
import io.trainset.connect.pipeline.TaskLanes;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.ValueReader;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.state.OutputClaim;
import io.trainset.connect.state.OutputIdentity;
import io.trainset.connect.state.OutputOwner;
import io.trainset.connect.state.OwnershipException;
import io.trainset.connect.state.StagedFiles;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.storage.ObjectStores;
import io.trainset.connect.storage.RetryingObjectStore;
import io.trainset.connect.storage.S3Settings;
import io.trainset.connect.storage.StoreRetry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Builds a task's collaborators from its configuration; tests inject the store and the clock. */
final class Wiring {

    /** Jobs (batches of rows, commits) that may wait for a task's writer thread before the task thread waits. */
    private static final int FILE_JOBS = 16;
    /**
     * Uploads (a finished file or checkpoint chunk each, held in memory: at most {@code s3.part.size.bytes}
     * or 4 MiB) and commits that may wait or run on a task's uploads lane before its writer thread waits.
     */
    private static final int UPLOAD_JOBS = 8;
    /** The property in which Connect gives a connector and each of its tasks the connector's name. */
    static final String CONNECTOR_NAME = "name";

    /** Opens the object store of an output URL. */
    @FunctionalInterface
    interface StoreOpener {
        ObjectStore open(URI url, S3Settings s3) throws IOException;
    }

    private final StoreOpener stores;
    private final Clock clock;

    Wiring(StoreOpener stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    static Wiring production() {
        return new Wiring(ObjectStores::open, Clock.systemUTC());
    }

    /** The clock of the task's pipeline, which its metrics measure with too. */
    Clock clock() {
        return clock;
    }

    /** The store of the output location; uploads that fail after the client's retries are retried with backoff. */
    ObjectStore openStore(TrainsetSinkConfig config) {
        return openStore(config, () -> {});
    }

    /** As above; {@code onRetry} runs before each retry (the task counts them). */
    ObjectStore openStore(TrainsetSinkConfig config, Runnable onRetry) {
        try {
            ObjectStore store = stores.open(config.outputUrl(), config.s3Settings());
            return new RetryingObjectStore(store, StoreRetry.defaults(store.location(), onRetry));
        } catch (IOException | RuntimeException e) {
            throw new ConnectException(
                    "Cannot open the output location " + config.outputUrl() + " (" + OutputConfig.OUTPUT_URL + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Who the connector of {@code config} is, to the output location it writes: its name and input topics. */
    static OutputIdentity identity(TrainsetSinkConfig config) {
        Object name = config.originals().get(CONNECTOR_NAME);
        return new OutputIdentity(name == null ? "" : name.toString(), config.inputTopics());
    }

    /**
     * At the connector's start: checks that the store honours conditional create, and claims the output location
     * for this connector or confirms its claim (docs/guarantees.md, One connector per location). Fails the
     * connector when the location belongs to another one, writing nothing there.
     */
    void claimOutput(TrainsetSinkConfig config) {
        try (ObjectStore store = openStore(config)) {
            owner(config, store, true);
        }
    }

    private OutputOwner owner(TrainsetSinkConfig config, ObjectStore store, boolean probe) {
        try {
            return OutputClaim.claim(store, identity(config), StoreRetry.defaults(store.location()), clock, probe);
        } catch (IOException e) {
            throw new ConnectException(
                    "Cannot check who owns the output location " + store.location() + " (" + OutputConfig.OUTPUT_URL
                            + "): " + e.getMessage(),
                    e);
        } catch (OwnershipException | IllegalStateException e) {
            throw new ConnectException(e.getMessage(), e);
        }
    }

    /**
     * A task's pipeline, recording in {@code metrics} (bound to this wiring's clock); the task confirms the
     * connector's claim on the output location first.
     */
    SinkPipeline pipeline(TrainsetSinkConfig config, ObjectStore store, SinkTaskContext context, TaskMetrics metrics) {
        CheckpointStore checkpoints = new CheckpointStore(store, owner(config, store, false));
        DatasetWiring dataset = new DatasetWiring(config, store, clock, CardSeed.read(store), metrics);
        EventExtractor extractor = extractor(config, dataset);
        Outputs outputs = Outputs.of(
                dataset.writerContext(),
                checkpoints,
                output(config, store, metrics),
                () -> HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        // The units' files are written on a thread of the task's own, beside the task thread, and uploaded (several at
        // once) and committed on others, so encoding goes on while a commit waits for the store.
        TaskLanes lanes = TaskLanes.threads(
                Thread.currentThread().getName(),
                FILE_JOBS,
                // an upload holds its place until it ends: room for every thread's and a commit behind them
                Math.max(UPLOAD_JOBS, config.uploadThreads() + 1),
                config.uploadThreads());
        return new SinkPipeline(
                extractor,
                config.inputTopics(),
                config.joinSettings(),
                config.joinBuffer(),
                outputs,
                recordErrors(context),
                new ContextPort(context),
                clock,
                config.commitTiming(),
                lanes,
                BadRecordLog.of(config.originalsStrings(), clock),
                metrics);
    }

    /** The output seam's implementation output.format chooses: Hive-layout files (the default) or an Iceberg table. */
    private DatasetOutput output(TrainsetSinkConfig config, ObjectStore store, TaskMetrics metrics) {
        if (config.icebergSettings().isPresent()) {
            return new IcebergOutput(
                    config.icebergSettings().get(), store, identity(config).connector());
        }
        return new HiveOutput(new StagedFiles(
                store,
                StoreRetry.defaults(store.location(), () -> metrics.increment(Metric.UPLOAD_RETRIES)),
                config.uploadThreads()));
    }

    /** A task's extractor: event times further ahead of the worker's clock than join.time.max.ahead.ms are bad records. */
    EventExtractor extractor(TrainsetSinkConfig config, DatasetWiring dataset) {
        Map<String, Side> sides = new HashMap<>();
        config.submittedTopics().forEach(t -> sides.put(t, Side.SUBMITTED));
        config.resolvedTopics().forEach(t -> sides.put(t, Side.RESOLVED));
        return new EventExtractor(
                sides,
                config.eventSettings(),
                clock::millis,
                config.submittedKeyField(),
                config.resolvedKeyField(),
                config.labelField(),
                dataset.featureExtractor(),
                dataset.resolutionExtractor(),
                valueReader(config),
                Optional.of(config.joinSettings().maxAhead()));
    }

    /** With value.format=json, the reader keeps every field the extractors read (all of them without features.include). */
    static ValueReader valueReader(TrainsetSinkConfig config) {
        if (!config.valuesAreJsonText()) {
            return ValueReader.converted();
        }
        List<FieldPath> paths = new ArrayList<>(config.featureIncludes());
        paths.add(config.labelField());
        config.submittedKeyField().ifPresent(paths::add);
        config.resolvedKeyField().ifPresent(paths::add);
        EventSettings events = config.eventSettings();
        events.submittedTimeField().ifPresent(paths::add);
        events.resolvedTimeField().ifPresent(paths::add);
        events.typeField().ifPresent(paths::add);
        config.datasetSettings().groupField().ifPresent(paths::add);
        paths.addAll(config.datasetSettings().resolvedFields());
        return ValueReader.json(paths, config.featureIncludes().isEmpty());
    }

    private static RecordErrors recordErrors(SinkTaskContext context) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            return (record, error) -> {
                throw error instanceof RuntimeException re ? re : new IllegalStateException(error);
            };
        }
        return reporter::report;
    }
}
