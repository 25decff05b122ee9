package io.trainset.connect;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.pipeline.SinkPipeline;
import io.trainset.connect.storage.ObjectStore;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin task: every lifecycle call is delegated to the {@link SinkPipeline} that {@link Wiring}
 * builds from the configuration. {@code flush} does nothing; {@code preCommit} returns only offsets
 * whose records are durable in the dataset or reported. Its metrics (docs/metrics.md) are published from
 * {@code start} until {@code stop}.
 */
public class TrainsetSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(TrainsetSinkTask.class);

    private final Wiring wiring;
    private TaskMetrics metrics;
    private ObjectStore store;
    private SinkPipeline pipeline;

    public TrainsetSinkTask() {
        this(Wiring.production());
    }

    TrainsetSinkTask(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void start(Map<String, String> props) {
        TrainsetSinkConfig config = new TrainsetSinkConfig(props);
        metrics = bindMetrics(props);
        TaskMetrics recording = metrics;
        store = wiring.openStore(config, () -> recording.increment(Metric.UPLOAD_RETRIES));
        pipeline = wiring.pipeline(config, store, context, metrics);
        LOG.info("Task started: writing to {}", store.location());
    }

    /**
     * The task's metrics, published where the worker offers ({@link TaskMetricsBinder}). Overridden only by the
     * benchmark's task, to measure what recording costs.
     */
    protected TaskMetrics bindMetrics(Map<String, String> props) {
        return TaskMetricsBinder.bind(context, props, wiring.clock());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        pipeline.open(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        pipeline.put(records);
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Nothing to do: files are committed by size and time, and preCommit reports what is durable.
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pipeline.preCommit();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        pipeline.close(partitions);
    }

    /**
     * Closes the pipeline, then the store (its client and connections) and the metrics even when closing the
     * pipeline failed.
     */
    @Override
    public void stop() {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
                LOG.info("Task stopped");
            }
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
