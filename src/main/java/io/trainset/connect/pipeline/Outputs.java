package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.WriterContext;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.state.CheckpointStore;
import java.util.function.Supplier;

/**
 * Where the units' commits go: their writers (which finish and stage the files), the checkpoints (the
 * commit point) and the output that publishes a checkpoint's files ({@link DatasetOutput}).
 *
 * @param writers     makes a unit instance's writer, its files staged as {@code dataset} says
 * @param checkpoints the units' checkpoints
 * @param dataset     stages, publishes and recovers the units' files
 */
public record Outputs(SinkPipeline.UnitWriters writers, CheckpointStore checkpoints, DatasetOutput dataset) {

    /**
     * Writers of {@code context} whose files {@code dataset} stages, each writer instance under a token of
     * {@code tokens}: its dataset card part and staged files must not collide with an earlier instance's.
     */
    public static Outputs of(
            WriterContext context, CheckpointStore checkpoints, DatasetOutput dataset, Supplier<String> tokens) {
        SinkPipeline.UnitWriters writers = (unit, commit, uploads) -> {
            String token = tokens.get();
            return new DatasetWriter(context, unit, token, commit, dataset.staging(unit, token), uploads);
        };
        return new Outputs(writers, checkpoints, dataset);
    }
}
