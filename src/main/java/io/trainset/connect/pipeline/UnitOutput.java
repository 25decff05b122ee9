package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.CommittedFile;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.Row;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinSnapshot;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.state.EncodedJoin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output side of one join unit: its files and its commits, run on the task's {@link WriterLane}.
 * The task thread hands over rows (in batches) and commit requests; the lane writes the rows,
 * uploads the files, creates the checkpoint and publishes the files, in the order handed over.
 * What the task thread learns back: the offsets the newest checkpoint covers, whether a file
 * waits for a commit, whether a commit is in flight, and the failure that stopped the unit (after
 * which the unit's later jobs are skipped: nothing is checkpointed past a failure).
 */
final class UnitOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOutput.class);
    /** Rows handed to the lane at once: one hand-over per batch instead of per row. */
    private static final int BATCH = 256;

    /**
     * What the task thread asks the lane to commit; the lane adds the files. The join state comes
     * encoded ({@link #encodeJoin}), by the task thread, which has time to spare while the lane
     * writes: inline, or in chunks the lane uploaded before. The snapshot it was encoded from is not
     * kept while the commit waits (a full one holds an object per key): only its key count, for the log.
     */
    record Request(long sequence, long base, Map<InputPartition, Long> nextOffsets, int keys,
                   EncodedJoin encodedJoin, String state) {}


    private static final JoinSnapshot NO_KEYS = new JoinSnapshot(Long.MIN_VALUE, Map.of(), List.of());

    private final int unit;
    private final DatasetWriter writer;
    private final CheckpointStore checkpoints;
    private final WriterLane lane;
    private final UnitCounts counts;
    private final String token;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile Map<InputPartition, Long> committed;
    private volatile boolean fileStaged;
    private volatile boolean commitInFlight;
    private volatile boolean closed;
    /** Task thread only. */
    private List<Consumer<DatasetWriter>> batch = new ArrayList<>(BATCH);

    UnitOutput(int unit, DatasetWriter writer, CheckpointStore checkpoints, WriterLane lane, UnitCounts counts,
               Map<InputPartition, Long> committed) {
        this.unit = unit;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.lane = lane;
        this.counts = counts;
        this.token = writer.token();
        this.committed = Map.copyOf(committed);
    }

    /** The offsets the unit's newest checkpoint covers. */
    Map<InputPartition, Long> committed() {
        return committed;
    }

    /** What stopped the unit, if anything: the task thread rethrows it (or reopens a fenced unit). */
    RuntimeException failure() {
        return failure.get();
    }

    /** Whether a file was uploaded and waits for a commit. */
    boolean fileStaged() {
        return fileStaged;
    }

    boolean commitInFlight() {
        return commitInFlight;
    }

    void write(Row row) {
        batch.add(w -> w.write(row));
        if (batch.size() >= BATCH) {
            handOver();
        }
    }

    void noteDropped(CardStats.Dropped kind) {
        batch.add(w -> w.noteDropped(kind));
    }

    /** Hands over the rows so far and rotates the files that were open for the rotation interval. */
    void rotateDue() {
        batch.add(DatasetWriter::rotateDue);
        handOver();
    }

    private void handOver() {
        List<Consumer<DatasetWriter>> jobs = batch;
        batch = new ArrayList<>(BATCH);
        run(() -> {
            jobs.forEach(job -> job.accept(writer));
            fileStaged = !writer.staged().isEmpty();
        });
    }

    /**
     * Encodes the join state of commit {@code sequence} on the calling (task) thread, each payload as
     * {@code storedForm} gives it: inline when it fits in a chunk, else in chunks handed to the lane
     * as they fill (so at most the lane's capacity of chunks waits in memory) and uploaded in order,
     * before the commit that names them.
     */
    EncodedJoin encodeJoin(long sequence, JoinSnapshot state, UnaryOperator<Object> storedForm) {
        return checkpoints.encodeJoin(unit, sequence, token, state, storedForm,
                (key, bytes) -> run(() -> uploadChunk(sequence, key, bytes)));
    }

    private void uploadChunk(long sequence, String key, byte[] bytes) {
        try {
            checkpoints.writeChunk(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit unit " + unit + " (checkpoint " + sequence + "): cannot "
                    + "upload " + key + " of its join state: " + e.getMessage() + ". The task fails; after a restart "
                    + "the unit continues from its last checkpoint, losing and duplicating nothing.", e);
        }
    }

    /** Commits (after the rows handed over so far): uploads the open files, creates the checkpoint, publishes. */
    void commit(Request request) {
        handOver();
        commitInFlight = true;
        run(() -> {
            try {
                commitNow(request);
            } finally {
                commitInFlight = false;
            }
        });
    }

    private void commitNow(Request request) {
        writer.stageAll();
        List<CommittedFile> files = writer.staged();
        if (writer.commit() != request.sequence()) {
            throw new IllegalStateException("Unit " + unit + " prepared commit " + writer.commit() + " but was asked "
                    + "to commit " + request.sequence());
        }
        // The checkpoint's join state is the encoded one: its snapshot here holds no keys.
        Checkpoint checkpoint = new Checkpoint(unit, request.sequence(), request.base(), request.nextOffsets(),
                NO_KEYS, files.stream().map(f -> new Checkpoint.File(f.key(), f.staged(), f.rows())).toList());
        try {
            if (!checkpoints.create(checkpoint, request.encodedJoin())) {
                throw new UnitFencedException(unit, checkpoint.sequence());
            }
            checkpoints.publish(checkpoint);
            writer.published();
            fileStaged = false;
            checkpoints.cleanUpTo(unit, checkpoint.sequence(), checkpoint.base());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit unit " + unit + " (checkpoint " + checkpoint.sequence()
                    + ", " + files.size() + " files): " + e.getMessage() + ". The task fails; after a restart the "
                    + "unit continues from its last checkpoint, losing and duplicating nothing.", e);
        }
        committed = checkpoint.nextOffsets();
        counts.committed(files.size(), checkpoint.rows());
        LOG.info("Unit {}: commit {} with {} files and {} rows, checkpoint {} {} keys in {} chunks; {} offsets={} {}",
                unit, checkpoint.sequence(), files.size(), checkpoint.rows(), checkpoint.isFull() ? "full,"
                        : "delta on " + checkpoint.base() + ",", request.keys(),
                request.encodedJoin().chunkCount(), request.state(), committed, counts);
    }

    /**
     * Runs a job of this unit on the lane, unless the unit failed or closed. A failure stops the unit and
     * (but for a fenced commit, which concerns this unit only) the lane, so no unit of the task commits
     * after it: a job of this unit may have failed on another unit's file (the open-file budget commits
     * the least recently written file of the task).
     */
    private void run(Runnable job) {
        lane.submit(() -> {
            if (failure.get() != null || closed) {
                return;
            }
            try {
                job.run();
            } catch (UnitFencedException e) {
                failure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                throw e;
            } catch (Error e) {
                failure.compareAndSet(null, new IllegalStateException("Unit " + unit + " failed: " + e, e));
                throw e;
            }
        });
    }

    /**
     * Discards open and uploaded-but-uncommitted files: jobs not started yet are skipped, a running one
     * is waited for. Returns the rows discarded.
     */
    @Override
    public void close() {
        closed = true;
        batch.clear();
        long discarded = lane.call(() -> {
            long rows = writer.uncommittedRows();
            writer.close();
            return rows;
        });
        LOG.info("Unit {} output closed: discarded {} uncommitted rows; {}", unit, discarded, counts);
    }
}
