package io.trainset.connect.it;

import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import java.util.List;
import java.util.Map;

/**
 * The output a chaos run's connector writes, as the test configures it and reads back what was published: Hive-layout
 * files under a prefix of the bucket ({@link PublishedRows}) or an Iceberg table ({@link IcebergTableRows}).
 */
sealed interface ChaosOutput extends AutoCloseable permits PublishedRows, IcebergTableRows {

    /** The connector's keys for this output, beside the environment's. */
    Map<String, String> overrides();

    /** Every row published so far, each as often as a reader reads it. */
    List<ReadRow> refresh();

    /** How many data files hold the rows of the last {@link #refresh()}. */
    int files();

    /**
     * Checks, once the connector is paused, that the output's commits agree with the units' checkpoints; returns a
     * line that says what was checked.
     */
    String checkCommits(CheckpointStore checkpoints, int units);

    @Override
    default void close() {}
}
