package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.CommittedFile;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.join.Event;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the task delegates to: routes records to join units (partition N of every input topic is
 * unit N), reports bad records, and answers which offsets are safe to commit.
 */
public final class SinkPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    private final EventExtractor extractor;
    private final List<String> inputTopics;
    private final JoinSettings joinSettings;
    private final UnitWriters writers;
    private final RecordErrors errors;
    private final TaskPort task;
    private final Clock clock;
    private final BufferBound bound;
    private final OutcomeReports reports;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<Integer, UnitPipeline> units = new TreeMap<>();
    private final List<Future<Void>> pendingReports = new ArrayList<>();
    private ConnectException reportFailure;

    /** Makes the writer of a unit, given the listener for its commits. */
    @FunctionalInterface
    public interface UnitWriters {
        DatasetWriter create(int unit, Consumer<CommittedFile> onCommit);
    }

    public SinkPipeline(EventExtractor extractor, List<String> inputTopics, JoinSettings joinSettings,
                        long bufferMaxBytes, UnitWriters writers, RecordErrors errors, TaskPort task, Clock clock) {
        this.extractor = extractor;
        this.inputTopics = List.copyOf(inputTopics);
        this.joinSettings = joinSettings;
        this.writers = writers;
        this.errors = errors;
        this.task = task;
        this.clock = clock;
        this.bound = new BufferBound(bufferMaxBytes, task);
        this.reports = new OutcomeReports(joinSettings, errors, pendingReports);
    }

    public void open(Collection<TopicPartition> partitions) {
        CoPartitioning.check(partitions, task.assignment(), inputTopics);
        assigned.addAll(partitions);
        LOG.info("Opened {} partition(s): {}; {} assigned in all", partitions.size(), partitions, assigned.size());
    }

    public void put(Collection<SinkRecord> records) {
        if (reportFailure != null) {
            throw reportFailure;
        }
        long now = clock.millis();
        for (SinkRecord record : records) {
            Event event;
            try {
                event = extractor.extract(record);
            } catch (BadRecordException e) {
                reportBad(record, e);
                continue;
            }
            LOG.debug("Read {} {} key={}", event.side(), event.source(), event.key());
            unit(event.source().partition()).accept(event, record, now);
        }
        for (UnitPipeline unit : units.values()) {
            unit.tick(now);
        }
        bound.enforce(units.values());
    }

    private void reportBad(SinkRecord record, BadRecordException error) {
        LOG.warn("{}", error.getMessage());
        pendingReports.add(errors.report(record, error));
        SourcePosition position = EventExtractor.positionOf(record);
        unit(position.partition()).ledger().readSettled(position);
    }

    private UnitPipeline unit(int partition) {
        return units.computeIfAbsent(partition, n -> new UnitPipeline(n,
                new JoinUnit(joinSettings, inputsOf(n), clock.millis(), this::heldSize),
                onCommit -> writers.create(n, onCommit), reports));
    }

    /** An event's estimated heap while held, doubled when its original record is kept for the DLQ. */
    private long heldSize(Event event) {
        long size = EventSizes.estimate(event);
        return reports.mayReportLater(event) ? 2 * size : size;
    }

    private Set<InputPartition> inputsOf(int unit) {
        Set<InputPartition> inputs = new HashSet<>();
        inputTopics.forEach(topic -> inputs.add(new InputPartition(topic, unit)));
        return inputs;
    }

    /**
     * Offsets every record before which is durable in the dataset or reported; waits for reports.
     * When a report failed, nothing is committed and the next {@link #put} fails the task: throwing
     * here would make the worker re-deliver records into live join state and duplicate rows.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit() {
        if (reportFailure == null) {
            reportFailure = awaitReports();
        }
        if (reportFailure != null) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        for (TopicPartition tp : assigned) {
            UnitPipeline unit = units.get(tp.partition());
            OptionalLong offset = unit == null ? OptionalLong.empty()
                    : unit.ledger().safeOffset(new InputPartition(tp.topic(), tp.partition()));
            offset.ifPresent(o -> safe.put(tp, new OffsetAndMetadata(o)));
        }
        LOG.debug("Safe offsets: {}", safe);
        return safe;
    }

    private ConnectException awaitReports() {
        try {
            for (Future<Void> report : pendingReports) {
                report.get();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectException("Interrupted while waiting for dead-letter queue reports", e);
        } catch (ExecutionException e) {
            LOG.error("A bad record could not be reported to the dead-letter queue; failing the task", e.getCause());
            return new ConnectException("A bad record could not be reported to the dead-letter queue ("
                    + e.getCause().getMessage() + "). Check that the DLQ topic exists and the worker can write to "
                    + "it, then restart the task; nothing after the last committed offset is lost.", e.getCause());
        } finally {
            pendingReports.clear();
        }
    }

    /**
     * Drops the units of revoked partitions: their open files are discarded and their pending records
     * will be read again by whoever owns them next. Other units are untouched.
     */
    public void close(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        bound.forget(partitions);
        Map<TopicPartition, Long> rewinds = new HashMap<>();
        for (TopicPartition revoked : partitions) {
            UnitPipeline unit = units.remove(revoked.partition());
            if (unit == null) {
                continue;
            }
            for (TopicPartition kept : assigned) {
                if (kept.partition() == revoked.partition()) {
                    unit.ledger().safeOffset(new InputPartition(kept.topic(), kept.partition()))
                            .ifPresent(offset -> rewinds.put(kept, offset));
                }
            }
            unit.close();
        }
        if (!rewinds.isEmpty()) {
            LOG.warn("Partitions {} were revoked while others of their join unit stay; re-reading {} from their "
                    + "last safe offsets. Assign partition N of every input topic to one task (range assignor).",
                    partitions, rewinds);
            task.rewind(rewinds);
        }
    }

    @Override
    public void close() {
        units.values().forEach(UnitPipeline::close);
        units.clear();
        assigned.clear();
    }
}
