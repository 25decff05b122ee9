package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.FileUploads;
import io.trainset.connect.join.Event;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.record.BadRecordException;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.state.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the task delegates to: opens join units from their checkpoints (partition N of every input
 * topic is unit N), routes records to them, reports bad records, commits units whose commit is due
 * (docs/guarantees.md), and answers which offsets their checkpoints cover.
 */
public final class SinkPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    private final EventExtractor extractor;
    private final List<String> inputTopics;
    private final RecordErrors errors;
    private final TaskPort task;
    private final Clock clock;
    private final BufferBound bound;
    private final OutcomeReports reports;
    private final UnitRestorer restorer;
    private final long commitIntervalMs;
    private final TaskLanes lanes;
    /** The shortest wait asked for before the next put(): how often a commit in flight is looked at. */
    static final long SOONEST_WAKE_UP_MS = 100;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<Integer, UnitPipeline> units = new TreeMap<>();
    private final PendingReports pendingReports = new PendingReports();

    /** Makes the writer of a unit whose next commit is {@code commit} and whose files go to {@code uploads}. */
    @FunctionalInterface
    public interface UnitWriters {
        DatasetWriter create(int unit, long commit, FileUploads uploads);
    }

    /**
     * @param commitInterval how long a unit that read records may go without a commit (and so without
     *     a checkpoint) even when no file is due: bounds what a restart re-reads
     * @param lanes where the units' files are written and uploaded and their commits made (closed with the pipeline)
     */
    public SinkPipeline(EventExtractor extractor, List<String> inputTopics, JoinSettings joinSettings,
                        JoinBuffer buffer, UnitWriters writers, RecordErrors errors, TaskPort task, Clock clock,
                        CheckpointStore checkpoints, Duration commitInterval, TaskLanes lanes) {
        this.extractor = extractor;
        this.inputTopics = List.copyOf(inputTopics);
        this.errors = errors;
        this.task = task;
        this.clock = clock;
        this.bound = new BufferBound(buffer.maxBytes(), task);
        this.reports = new OutcomeReports(joinSettings, errors, pendingReports);
        this.restorer = new UnitRestorer(inputTopics, joinSettings, writers, reports, checkpoints, task, clock, lanes,
                buffer);
        this.commitIntervalMs = commitInterval.toMillis();
        this.lanes = lanes;
    }

    /** Opens the units of the partitions: each continues from its newest checkpoint. */
    public void open(Collection<TopicPartition> partitions) {
        CoPartitioning.check(partitions, task.assignment(), inputTopics);
        assigned.addAll(partitions);
        bound.opened(partitions);
        Set<Integer> opened = new TreeSet<>();
        partitions.forEach(tp -> opened.add(tp.partition()));
        opened.forEach(this::unit);
        LOG.info("Opened {} partition(s): {}; {} assigned in all", partitions.size(), partitions, assigned.size());
    }

    public void put(Collection<SinkRecord> records) {
        if (pendingReports.failure() != null) {
            throw pendingReports.failure();
        }
        Set<TopicPartition> rewound = checkOutputs();
        long now = clock.millis();
        for (SinkRecord record : records) {
            if (!rewound.isEmpty() && rewound.contains(partitionOf(record))) {
                continue; // read at the fenced instance's positions: delivered again from the owner's checkpoint
            }
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
        commitDue(now);
        checkOutputs();
        bound.enforce(units.values());
        units.values().forEach(unit -> unit.spilling(bound.spilling()));
        scheduleWakeUp(now);
    }

    /** Asks for the next put() when a unit is next due: an idle consumer hands nothing over until an offset commit. */
    private void scheduleWakeUp(long now) {
        long due = Long.MAX_VALUE;
        for (UnitPipeline unit : units.values()) {
            due = Math.min(due, unit.nextDueMs(now, commitIntervalMs));
        }
        if (due != Long.MAX_VALUE) {
            task.wakeWithin(Math.max(SOONEST_WAKE_UP_MS, due - now));
        }
    }

    /** Commits every unit whose commit is due, once the dead-letter reports its checkpoint covers are durable. */
    private void commitDue(long now) {
        List<Integer> due = new ArrayList<>();
        units.forEach((n, unit) -> {
            if (unit.commitDue(now, commitIntervalMs)) {
                due.add(n);
            }
        });
        if (due.isEmpty()) {
            return;
        }
        ConnectException reportFailure = pendingReports.awaitAll();
        if (reportFailure != null) {
            throw reportFailure;
        }
        for (int n : due) {
            units.get(n).commit(now);
        }
    }

    /**
     * Rethrows what stopped a unit's output (the task fails; a restart restores the unit), except a
     * fenced commit: another task committed the unit first, so this one continues from that checkpoint,
     * its inputs rewound there (returned: what was read of them since is delivered again). A failure that
     * stopped a lane fails the task too, whichever unit it came from (that unit may be closed).
     */
    private Set<TopicPartition> checkOutputs() {
        Set<TopicPartition> rewound = new HashSet<>();
        for (int n : List.copyOf(units.keySet())) {
            RuntimeException failure = units.get(n).failure();
            if (failure instanceof UnitFencedException) {
                LOG.warn("{}", failure.getMessage());
                UnitPipeline stale = units.remove(n);
                Map<TopicPartition, Long> rewinds = startOffsets(stale, n);
                task.rewind(rewinds);
                rewound.addAll(rewinds.keySet());
                stale.close();
                UnitPipeline restored = unit(n); // rewinds the partitions the owner's checkpoint names
                for (TopicPartition tp : assigned) {
                    InputPartition input = new InputPartition(tp.topic(), n);
                    if (tp.partition() == n && restored.committedOffset(input).isPresent()) {
                        rewound.add(tp);
                    }
                }
            } else if (failure != null) {
                throw failure;
            }
        }
        lanes.failure().ifPresent(failure -> {
            throw failure;
        });
        return rewound;
    }

    private static TopicPartition partitionOf(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    private void reportBad(SinkRecord record, BadRecordException error) {
        LOG.warn("{}", error.getMessage());
        SourcePosition position = EventExtractor.positionOf(record);
        if (unit(position.partition()).readSettled(position)) {
            pendingReports.add(errors.report(record, error));
        }
    }

    private UnitPipeline unit(int partition) {
        UnitPipeline unit = units.get(partition);
        if (unit == null) {
            long held = units.values().stream().mapToLong(u -> u.join().heldBytes()).sum();
            unit = restorer.open(partition, assigned, held);
            units.put(partition, unit);
        }
        return unit;
    }

    /**
     * The offsets the units' last checkpoints cover; waits for reports.
     * When a report failed, nothing is committed and the next {@link #put} fails the task: throwing
     * here would make the worker re-deliver records into live join state and duplicate rows.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit() {
        if (pendingReports.awaitAll() != null) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        for (TopicPartition tp : assigned) {
            UnitPipeline unit = units.get(tp.partition());
            OptionalLong offset = unit == null ? OptionalLong.empty()
                    : unit.committedOffset(new InputPartition(tp.topic(), tp.partition()));
            offset.ifPresent(o -> safe.put(tp, new OffsetAndMetadata(o)));
        }
        LOG.debug("Safe offsets: {}", safe);
        return safe;
    }

    /** Submissions whose values the open units spilled to disk since they opened. */
    long spilledCount() {
        return units.values().stream().mapToLong(UnitPipeline::spilledCount).sum();
    }

    /** Where a unit instance started reading each of its assigned partitions. */
    private Map<TopicPartition, Long> startOffsets(UnitPipeline unit, int n) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : assigned) {
            if (tp.partition() == n) {
                unit.startOffset(new InputPartition(tp.topic(), n)).ifPresent(offset -> offsets.put(tp, offset));
            }
        }
        return offsets;
    }

    /**
     * Drops the units of revoked partitions: their uncommitted files are discarded and whoever owns
     * them next restores them from their checkpoints. Other units are untouched.
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
                    unit.startOffset(new InputPartition(kept.topic(), kept.partition()))
                            .ifPresent(offset -> rewinds.put(kept, offset));
                }
            }
            unit.close();
        }
        if (!rewinds.isEmpty()) {
            LOG.warn("Partitions {} were revoked while others of their join unit stay; re-reading {} from their "
                    + "last checkpoint. Assign partition N of every input topic to one task (range assignor).",
                    partitions, rewinds);
            task.rewind(rewinds);
        }
    }

    @Override
    public void close() {
        try {
            units.values().forEach(UnitPipeline::close);
        } finally {
            units.clear();
            assigned.clear();
            lanes.close();
        }
    }
}
