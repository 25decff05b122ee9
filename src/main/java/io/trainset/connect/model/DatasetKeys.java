package io.trainset.connect.model;

/**
 * Where Trainset's own objects live in the output location, beside the data: everything under
 * {@link #METADATA} (card, checkpoints, staged files, ownership), a directory that Spark, Hive,
 * pyarrow and DuckDB's Hive globbing skip because its name starts with an underscore.
 */
public final class DatasetKeys {

    /** The directory of everything that is not a data file. */
    public static final String METADATA = "_trainset/";

    private DatasetKeys() {}
}
