package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.state.OwnershipException;
import io.trainset.connect.state.PayloadSpill;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a join unit where its newest checkpoint left it (docs/guarantees.md): the output recovers
 * (finishes publishing that checkpoint's files, removes staged files that can never be published), the
 * chunks no checkpoint names are deleted, it restores the join
 * state and seeks the unit's inputs to the checkpoint's offsets. Without a checkpoint the unit
 * starts empty at the consumer's positions.
 */
final class UnitRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(UnitRestorer.class);

    private final List<String> inputTopics;
    private final JoinSettings joinSettings;
    private final Outputs outputs;
    private final OutcomeReports reports;
    private final CheckpointStore checkpoints;
    private final TaskPort task;
    private final Clock clock;
    private final TaskLanes lanes;
    private final JoinBuffer buffer;
    private final TaskMetrics metrics;

    UnitRestorer(
            List<String> inputTopics,
            JoinSettings joinSettings,
            Outputs outputs,
            OutcomeReports reports,
            TaskPort task,
            Clock clock,
            TaskLanes lanes,
            JoinBuffer buffer,
            TaskMetrics metrics) {
        this.metrics = metrics;
        this.inputTopics = List.copyOf(inputTopics);
        this.joinSettings = joinSettings;
        this.outputs = outputs;
        this.reports = reports;
        this.checkpoints = outputs.checkpoints();
        this.task = task;
        this.clock = clock;
        this.lanes = lanes;
        this.buffer = buffer;
    }

    /**
     * Unit {@code n}, its inputs among {@code assigned} rewound to its checkpoint; the values of restored
     * submissions go to the unit's spill once the task's join buffer ({@code heldElsewhere} held by its
     * other units, plus what this restore read) passes its bound.
     */
    UnitPipeline open(int n, Set<TopicPartition> assigned, long heldElsewhere) {
        PayloadSpill spill = new PayloadSpill(buffer.spillDirectory(), n, PayloadSpill.DEFAULT_SEGMENT_BYTES);
        try {
            return UnitLogContext.around(n, () -> open(n, assigned, spill, heldElsewhere));
        } catch (RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    private UnitPipeline open(int n, Set<TopicPartition> assigned, PayloadSpill spill, long heldElsewhere) {
        long now = clock.millis();
        Optional<Checkpoint> newest = newest(n, () -> spillingPastTheBound(spill, heldElsewhere));
        JoinUnit join = newest.map(c -> JoinUnit.restore(joinSettings, inputsOf(n), c.join(), now, this::heldSize))
                .orElseGet(() -> new JoinUnit(joinSettings, inputsOf(n), now, this::heldSize));
        long commit = newest.map(c -> c.sequence() + 1).orElse(1L);
        Map<TopicPartition, Long> rewinds = new HashMap<>();
        newest.ifPresent(c -> c.nextOffsets()
                .forEach((input, offset) -> rewinds.put(new TopicPartition(input.topic(), input.partition()), offset)));
        warnOfOtherInputs(n, newest);
        rewinds.keySet().retainAll(assigned);
        if (!rewinds.isEmpty()) {
            task.rewind(rewinds);
        }
        LOG.info(
                "Unit {}: {}; next commit {}, waiting={}, reading from {}",
                n,
                newest.map(c -> "restored checkpoint " + c.sequence()).orElse("no checkpoint, starting empty"),
                commit,
                join.waitingCount(),
                rewinds);
        // Made on the files lane, like everything else that touches the task's writers and open-file budget.
        UnitJobs jobs = new UnitJobs(n, lanes);
        DatasetWriter writer = lanes.files().call(() -> outputs.writers().create(n, commit, jobs::onUploads));
        UnitPipeline unit = new UnitPipeline(
                n,
                join,
                writer,
                reports,
                outputs,
                jobs,
                spill,
                newest,
                now,
                new UnitMeters(metrics, metrics.openUnit(n), clock));
        unit.recordGauges();
        return unit;
    }

    /**
     * Keeps restored features in the heap until the task's estimated join buffer passes its bound, then spills them;
     * one per attempt of the restore, counting from what the task's other units hold.
     */
    private UnaryOperator<Object> spillingPastTheBound(PayloadSpill spill, long heldElsewhere) {
        long[] held = {heldElsewhere};
        return payload -> {
            if (!(payload instanceof Features features)) {
                return payload;
            }
            if (held[0] > buffer.maxBytes()) {
                metrics.increment(Metric.SPILLED_VALUES);
                return spill.spill(features);
            }
            held[0] += EventSizes.EVENT_OVERHEAD + EventSizes.payload(features);
            return features;
        };
    }

    private Optional<Checkpoint> newest(int n, Supplier<UnaryOperator<Object>> onReadPerAttempt) {
        try {
            Optional<Checkpoint> newest = checkpoints.newest(n, onReadPerAttempt);
            outputs.dataset().recover(n, newest);
            if (newest.isPresent()) {
                checkpoints.cleanChunksUpTo(n, newest.get().sequence());
            }
            return newest;
        } catch (IOException e) {
            throw new ConnectException(
                    "Cannot restore join unit " + n + " from its checkpoints: " + e.getMessage()
                            + ". Check that the output location is reachable; the task retries when restarted.",
                    e);
        } catch (OwnershipException e) {
            throw new ConnectException("Cannot restore join unit " + n + ": " + e.getMessage(), e);
        }
    }

    /**
     * A checkpoint adopted from a connector of other inputs (a location handed over with its topics changed)
     * holds offsets of topics this one does not read: they are left, and said once per unit.
     */
    private void warnOfOtherInputs(int n, Optional<Checkpoint> newest) {
        Set<String> others = new TreeSet<>();
        newest.ifPresent(c -> c.nextOffsets().keySet().forEach(input -> others.add(input.topic())));
        others.removeAll(inputTopics);
        if (!others.isEmpty()) {
            LOG.warn(
                    "Unit {}: its checkpoint {} holds the offsets of topics {}, which this connector does not read "
                            + "(its topics changed when the output location was handed over): they are ignored",
                    n,
                    newest.get().sequence(),
                    others);
        }
    }

    /** An event's estimated heap while held, doubled when its original record is kept for the DLQ. */
    long heldSize(Event event) {
        long size = EventSizes.estimate(event);
        return reports.mayReportLater(event) ? 2 * size : size;
    }

    private Set<InputPartition> inputsOf(int unit) {
        Set<InputPartition> inputs = new HashSet<>();
        inputTopics.forEach(topic -> inputs.add(new InputPartition(topic, unit)));
        return inputs;
    }
}
