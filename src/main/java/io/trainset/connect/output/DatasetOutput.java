package io.trainset.connect.output;

import io.trainset.connect.dataset.Staging;
import io.trainset.connect.state.Checkpoint;
import java.io.IOException;
import java.util.Optional;

/**
 * The output seam: what a join unit's files become and how its commit becomes visible to readers
 * (docs/architecture.md, "The output seam"). A unit's commit runs these steps, in this order, on the
 * task's uploads thread:
 *
 * <ol>
 *   <li><b>stage</b> ({@link #staging}): each finished file is uploaded to a key where no reader looks;</li>
 *   <li><b>checkpoint</b> (not here: {@code state/CheckpointStore.create}, a conditional create): the
 *       commit point, naming the staged files with the unit's offsets and join state; a fenced writer
 *       stops here;</li>
 *   <li><b>publish</b> ({@link #publish}): the files the created checkpoint names become visible, and the
 *       dataset card counts them.</li>
 * </ol>
 *
 * At restore, before the unit reads again, {@link #recover} finishes publishing its newest checkpoint (a
 * crash between checkpoint and publish) and removes what can never be published. Every step is idempotent:
 * a commit is published again after a crash without duplicating a row. Implementations: {@link HiveOutput}
 * (Hive-layout Parquet files and the dataset card) and {@link io.trainset.connect.output.iceberg.IcebergOutput} (an
 * Iceberg table: publish = one table append whose snapshot summary records the checkpoint's unit and sequence;
 * recover = look the sequence up in the table's history and append only when it is missing).
 */
public interface DatasetOutput extends AutoCloseable {

    /** Stage: where the writer instance {@code token} of {@code unit} uploads its finished files before their commit. */
    Staging staging(int unit, String token);

    /**
     * Publish: makes the files that the created {@code checkpoint} names visible to readers, then runs
     * {@code countInCard} exactly once, only after the files are visible (the dataset card counts the commit:
     * {@code DatasetWriter.published}); then removes the staged copies it leaves behind (old checkpoints and
     * their chunks are the caller's: {@code CheckpointStore.cleanUpTo}). Idempotent. Throws when the store fails after its retries: the task fails
     * and {@link #recover} publishes the checkpoint at the restart.
     */
    void publish(Checkpoint checkpoint, Runnable countInCard) throws IOException;

    /**
     * Recover: at restore, {@code newest} being the unit's newest checkpoint (if any), publishes its files
     * if a crash interrupted that, and removes staged files of its and earlier commits, which can never be
     * published. Staged files of later commits may belong to a live zombie and are left alone.
     */
    void recover(int unit, Optional<Checkpoint> newest) throws IOException;

    /**
     * Releases what the output holds open (a catalog's connections, its FileIO) when the task's pipeline closes,
     * after its lanes finished: no step runs after it. Failures are logged, not thrown. Nothing by default.
     */
    @Override
    default void close() {}
}
