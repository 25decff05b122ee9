package io.trainset.connect.output;

import io.trainset.connect.dataset.Staging;
import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.StagedFiles;
import java.io.IOException;
import java.util.Optional;

/**
 * Today's output: Hive-layout Parquet files beside a dataset card. A file is staged under
 * {@code _trainset/pending/} ({@link DatasetKeys#stagedKey}) and published by copying it to its key in
 * the Hive layout ({@code dataset/FileLayout}), which readers glob; the copy is atomic per file, and a file's
 * key is a function of (unit, commit, index), so publishing again overwrites instead of duplicating.
 */
public final class HiveOutput implements DatasetOutput {

    private final StagedFiles staged;

    public HiveOutput(StagedFiles staged) {
        this.staged = staged;
    }

    @Override
    public Staging staging(int unit, String token) {
        return (fileKey, commit) -> DatasetKeys.stagedKey(unit, commit, token, fileKey);
    }

    @Override
    public void publish(Checkpoint checkpoint, Runnable countInCard) throws IOException {
        staged.copyToKeys(checkpoint);
        countInCard.run();
        staged.deleteUpTo(checkpoint.unit(), checkpoint.sequence());
    }

    @Override
    public void recover(int unit, Optional<Checkpoint> newest) throws IOException {
        if (newest.isPresent()) {
            staged.copyToKeys(newest.get());
            staged.deleteUpTo(unit, newest.get().sequence());
        }
    }

    /** Stops the threads that publish a checkpoint's files. */
    @Override
    public void close() {
        staged.close();
    }
}
