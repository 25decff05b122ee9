package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.FileUploads;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.record.EventExtractor;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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

    private final List<String> inputTopics;
    private final TaskPort task;
    private final Clock clock;
    private final PausedInputs pauses;
    private final OutcomeReports reports;
    private final TaskLanes lanes;
    private final DatasetOutput output;
    private final DueUnits due;

    private final AssignedUnits assigned;
    private final Map<Integer, UnitPipeline> units;
    private final PendingReports pendingReports = new PendingReports();
    private final RecordReader reader;
    private final BadRecordLog badRecords;
    private final TaskMetrics metrics;

    /**
     * Makes the writer of a new instance of a unit whose next commit is {@code commit} and whose finished files
     * are uploaded (to their staged keys) by {@code uploads}.
     */
    @FunctionalInterface
    public interface UnitWriters {
        DatasetWriter create(int unit, long commit, FileUploads uploads);
    }

    /**
     * @param outputs        the units' writers, checkpoints and the output that publishes their files
     * @param timing         when a unit commits with no file finished: after the commit interval (bounds what a
     *     restart re-reads) or once its rows stopped
     * @param lanes          where the units' files are written and uploaded and their commits made (closed with the
     *     pipeline)
     * @param badRecords     how bad records are logged (their content only when errors.log.include.messages=true)
     * @param metrics        where the task and its units record their metrics (its clock is {@code clock})
     */
    public SinkPipeline(
            EventExtractor extractor,
            List<String> inputTopics,
            JoinSettings joinSettings,
            JoinBuffer buffer,
            Outputs outputs,
            RecordErrors errors,
            TaskPort task,
            Clock clock,
            CommitTiming timing,
            TaskLanes lanes,
            BadRecordLog badRecords,
            TaskMetrics metrics) {
        this.badRecords = badRecords;
        this.metrics = metrics;
        this.inputTopics = List.copyOf(inputTopics);
        this.task = task;
        this.clock = clock;
        this.pauses = new PausedInputs(buffer, task, metrics);
        this.reports = new OutcomeReports(joinSettings, errors, pendingReports, badRecords, metrics);
        this.assigned = new AssignedUnits(
                new UnitRestorer(inputTopics, joinSettings, outputs, reports, task, clock, lanes, buffer, metrics),
                task);
        this.units = assigned.open();
        this.reader = new RecordReader(extractor, assigned, errors, pendingReports, badRecords, metrics);
        this.due = new DueUnits(units, timing, pauses, pendingReports, task);
        this.lanes = lanes;
        this.output = outputs.dataset();
    }

    /** Opens the units of the partitions: each continues from its newest checkpoint. */
    public void open(Collection<TopicPartition> partitions) {
        CoPartitioning.check(partitions, task.assignment(), inputTopics);
        pauses.opened(partitions);
        assigned.open(partitions);
        InputActivity.notReadingUntil(clock.millis(), units.values(), pauses);
    }

    public void put(Collection<SinkRecord> records) {
        if (pendingReports.failure() != null) {
            throw pendingReports.failure();
        }
        Set<TopicPartition> rewound = checkOutputs();
        long now = clock.millis();
        InputActivity.delivering(now, records, assigned, pauses);
        read(records, rewound, now);
        for (UnitPipeline unit : units.values()) {
            unit.tick(now);
        }
        due.commit(now);
        checkOutputs();
        pauses.enforce(units, now);
        for (UnitPipeline unit : units.values()) {
            unit.spilling(pauses.spilling());
            unit.recordGauges();
        }
        long end = clock.millis();
        units.values().forEach(unit -> unit.putEnded(now, end, due.timing()));
        due.scheduleWakeUp(now, end);
        InputActivity.putEnded(now, end, units.values(), pauses);
    }

    /**
     * Joins the records' events, record by record. The per-record loop is a method of its own, not {@code put}'s
     * body: the JIT compiles a method with a loop as soon as the loop is hot, with everything it calls inlined, and a
     * path first taken later in that compiled code (the first commit, the first check of a unit's failure, the first
     * batch with several partitions) throws all of it away. {@code put} itself runs once per batch, too seldom to be
     * compiled by C2 in a run of minutes, so its once-in-a-while paths no longer cost a recompilation of the
     * per-record code (docs/performance.md, "Issue 14, session 9").
     */
    private void read(Collection<SinkRecord> records, Set<TopicPartition> rewound, long now) {
        for (SinkRecord record : records) {
            if (!rewound.isEmpty() && rewound.contains(partitionOf(record))) {
                continue; // read at the fenced instance's positions: delivered again from the owner's checkpoint
            }
            Event event = reader.settled() ? reader.eventOf(record) : reader.firstEventOf(record);
            if (event == null) {
                continue;
            }
            metrics.increment(Metric.RECORDS_READ, MetricTags.side(event.side()));
            LOG.debug(
                    "Read {} {} key={}",
                    event.side(),
                    event.source(),
                    badRecords.includesContent() ? event.key() : "(left out)");
            assigned.unit(event.source().partition()).accept(event, record, now);
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
                rewound.addAll(assigned.reopen(n));
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

    /**
     * The offsets the units' last checkpoints cover; waits for reports.
     * When a report failed, nothing is committed and the next {@link #put} fails the task: throwing
     * here would make the worker re-deliver records into live join state and duplicate rows.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit() {
        if (pendingReports.awaitAll() != null) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> safe = assigned.committedOffsets();
        LOG.debug("Safe offsets: {}", safe);
        return safe;
    }

    /** Submissions whose values the open units spilled to disk since they opened. */
    long spilledCount() {
        return units.values().stream().mapToLong(UnitPipeline::spilledCount).sum();
    }

    /**
     * Drops the units of revoked partitions: their uncommitted files are discarded and whoever owns
     * them next restores them from their checkpoints. Other units are untouched.
     */
    public void close(Collection<TopicPartition> partitions) {
        pauses.forget(partitions);
        assigned.close(partitions);
    }

    @Override
    public void close() {
        try {
            assigned.closeAll();
        } finally {
            try {
                lanes.close();
            } finally {
                output.close();
            }
        }
    }
}
