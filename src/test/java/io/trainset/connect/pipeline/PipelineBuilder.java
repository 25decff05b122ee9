package io.trainset.connect.pipeline;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;

import io.trainset.connect.dataset.OpenFileBudget;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Side;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetWriters;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.Extractors;
import io.trainset.connect.testing.FakeTaskPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the {@link SinkPipeline} of a pipeline test: the one place the tests put a pipeline, its writers
 * and its checkpoint store together. By default: issues/resolutions in event-time mode with keys from the
 * record keys and label 'department' ({@link #extractor}), {@link PipelineFixture#settings()}, no buffer
 * bound, files of one row of the label-only dataset ({@link Datasets#labelOnly()}) without a card, rotated
 * and committed every {@link PipelineFixture#ROTATE} (no inactivity finish), checkpoints without retries, direct lanes, reports
 * that succeed at once, and a fresh {@link FakeTaskPort}.
 */
final class PipelineBuilder {

    private final ObjectStore store;
    private final Clock clock;
    private EventExtractor extractor;
    private List<String> inputTopics = List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC);
    private JoinSettings settings = PipelineFixture.settings();
    private JoinBuffer buffer = JoinBuffer.of(PipelineFixture.NO_BOUND);
    private ObjectStore fileStore;
    private int flushSize = 1;
    private Duration rotate = PipelineFixture.ROTATE;
    private Duration commitInterval = PipelineFixture.ROTATE;
    private Duration inactivity = Duration.ZERO;
    private OpenFileBudget budget = OpenFileBudget.unbounded();
    private boolean card;
    private String token = "tok";
    private RecordErrors errors = (record, error) -> CompletableFuture.completedFuture(null);
    private TaskPort task = new FakeTaskPort();
    private CheckpointStore checkpoints;
    private TaskLanes lanes = TaskLanes.direct();
    private boolean includeMessages;
    private TaskMetrics metrics;

    /** A pipeline whose files, checkpoints and card go to {@code store}, on {@code clock}. */
    PipelineBuilder(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.extractor = extractor(clock);
        this.fileStore = store;
        this.checkpoints = CheckpointStores.unowned(store);
    }

    /** The extractor of most tests: issues/resolutions in event time, keys from the record keys, label 'department'. */
    static EventExtractor extractor(Clock clock) {
        return Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED),
                EventSettings.defaults(),
                clock::millis,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(List.of(), List.of()));
    }

    PipelineBuilder extractor(EventExtractor extractor) {
        this.extractor = extractor;
        return this;
    }

    PipelineBuilder inputTopics(String... topics) {
        this.inputTopics = List.of(topics);
        return this;
    }

    PipelineBuilder settings(JoinSettings settings) {
        this.settings = settings;
        return this;
    }

    PipelineBuilder buffer(JoinBuffer buffer) {
        this.buffer = buffer;
        return this;
    }

    /** The store the data files are uploaded to (the checkpoints' and card's store unless set). */
    PipelineBuilder fileStore(ObjectStore fileStore) {
        this.fileStore = fileStore;
        return this;
    }

    PipelineBuilder flushSize(int flushSize) {
        this.flushSize = flushSize;
        return this;
    }

    PipelineBuilder rotate(Duration rotate) {
        this.rotate = rotate;
        return this;
    }

    PipelineBuilder commitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
        return this;
    }

    /** rotate.inactivity.ms (off unless a test sets it). */
    PipelineBuilder inactivity(Duration inactivity) {
        this.inactivity = inactivity;
        return this;
    }

    PipelineBuilder budget(OpenFileBudget budget) {
        this.budget = budget;
        return this;
    }

    /** Writers that keep the dataset card (version 1.2.3). */
    PipelineBuilder withCard() {
        this.card = true;
        return this;
    }

    /** The task's token: it names the task's staged files and card part. */
    PipelineBuilder token(String token) {
        this.token = token;
        return this;
    }

    PipelineBuilder errors(RecordErrors errors) {
        this.errors = errors;
        return this;
    }

    PipelineBuilder task(TaskPort task) {
        this.task = task;
        return this;
    }

    PipelineBuilder checkpoints(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
        return this;
    }

    PipelineBuilder lanes(TaskLanes lanes) {
        this.lanes = lanes;
        return this;
    }

    /** The connector's errors.log.include.messages. */
    PipelineBuilder includeMessages(boolean includeMessages) {
        this.includeMessages = includeMessages;
        return this;
    }

    /** Where the pipeline records its metrics (by default: unpublished ones on the builder's clock). */
    PipelineBuilder metrics(TaskMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    SinkPipeline build() {
        return new SinkPipeline(
                extractor,
                inputTopics,
                settings,
                buffer,
                outputs(),
                errors,
                task,
                clock,
                new CommitTiming(commitInterval, inactivity),
                lanes,
                new BadRecordLog(includeMessages, clock),
                metrics());
    }

    private TaskMetrics metrics() {
        if (metrics == null) {
            metrics = TaskMetrics.unpublished(clock);
        }
        return metrics;
    }

    /** The writers of {@link DatasetWriters} (the label-only dataset) over the file store, and the checkpoints. */
    private Outputs outputs() {
        DatasetWriters.Builder writers = DatasetWriters.in(store)
                .shape(Datasets.labelOnly())
                .flushSize(flushSize)
                .rotateInterval(rotate)
                .clock(clock)
                .budget(budget)
                .metrics(metrics());
        if (card) {
            writers.card(Datasets.card(store, Datasets.labelOnly(), clock));
        }
        String token = this.token;
        return writers.build(fileStore).outputs(checkpoints, () -> token);
    }
}
