package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.PreparedCommit;
import io.trainset.connect.dataset.StagedFile;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads lane's half of a unit's commit (docs/guarantees.md): the checkpoint (the commit point, with the join
 * state's chunks uploaded before it), then the files made visible by the {@link DatasetOutput} and counted in the
 * card, then what the commit left cleaned up. A failure names the unit, the checkpoint and the fix.
 */
final class CommitPoint {

    /** The commit's INFO line keeps its documented logger (docs/metrics.md: operators and the benchmark read it). */
    private static final Logger LOG = LoggerFactory.getLogger(UnitOutput.class);
    /** What a failed commit's message tells the operator: the consequence and the fix. */
    static final String RESTART_FIX = "The task fails. Fix: make the output location reachable and writable again "
            + "(docs/production.md: Timeouts and retries, IAM policy), then restart the task (POST "
            + "/connectors/<name>/tasks/<n>/restart): the unit continues from its last checkpoint, losing and "
            + "duplicating nothing.";

    private static final JoinSnapshot NO_KEYS = new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of());

    private final int unit;
    private final DatasetWriter writer;
    private final CheckpointStore checkpoints;
    private final DatasetOutput output;
    private final UnitJobs jobs;
    private final UnitCounts counts;
    private final UnitMeters meters;

    CommitPoint(int unit, DatasetWriter writer, Outputs outputs, UnitJobs jobs, UnitCounts counts, UnitMeters meters) {
        this.unit = unit;
        this.writer = writer;
        this.checkpoints = outputs.checkpoints();
        this.output = outputs.dataset();
        this.jobs = jobs;
        this.counts = counts;
        this.meters = meters;
    }

    /** Uploads chunk {@code key} of commit {@code sequence}'s join state (uploads lane, before the commit). */
    void uploadChunk(long sequence, String key, byte[] bytes) {
        try {
            checkpoints.writeChunk(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot commit unit " + unit + " (checkpoint " + sequence + "): cannot upload " + key
                            + " of its join state: " + e.getMessage() + ". " + RESTART_FIX,
                    e);
        }
    }

    /**
     * Creates {@code request}'s checkpoint with the {@code prepared} files, publishes them and cleans up; returns the
     * offsets the checkpoint covers. A checkpoint another instance of the unit created first fences this one.
     */
    Map<InputPartition, Long> make(CommitRequest request, PreparedCommit prepared) {
        List<StagedFile> files = prepared.files();
        // The checkpoint's join state is the encoded one: its snapshot here holds no keys.
        Checkpoint checkpoint = new Checkpoint(
                unit,
                request.sequence(),
                request.base(),
                request.nextOffsets(),
                NO_KEYS,
                files.stream()
                        .map(f -> new Checkpoint.File(f.key(), f.staged(), f.rows()))
                        .toList());
        try {
            if (!checkpoints.create(checkpoint, request.encodedJoin())) {
                throw new UnitFencedException(unit, checkpoint.sequence());
            }
            meters.task().committedSince(request.takenAtMs());
            meters.unit().markNow(Metric.CHECKPOINT_AGE);
            output.publish(checkpoint, () -> writer.published(prepared, request.progress(unit), jobs.uploadsWaiting()));
            checkpoints.cleanUpTo(unit, checkpoint.sequence(), checkpoint.base());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot commit unit " + unit + " (checkpoint " + checkpoint.sequence() + ", " + files.size()
                            + " files): " + e.getMessage() + ". " + RESTART_FIX,
                    e);
        }
        counts.committed(files.size(), checkpoint.rows());
        logged(request, checkpoint, files.size());
        return checkpoint.nextOffsets();
    }

    private void logged(CommitRequest request, Checkpoint checkpoint, int files) {
        LOG.info(
                "Unit {}: commit {} with {} files and {} rows in {} ms, checkpoint {} {} keys in {} chunks; {} "
                        + "offsets={} {}",
                unit,
                checkpoint.sequence(),
                files,
                checkpoint.rows(),
                meters.clock().millis() - request.takenAtMs(),
                checkpoint.isFull() ? "full," : "delta on " + checkpoint.base() + ",",
                request.keys(),
                request.encodedJoin().chunkCount(),
                request.state(),
                checkpoint.nextOffsets(),
                counts);
    }
}
