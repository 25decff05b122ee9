package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a data file is encoded: opens a {@link FileWriter} of a file's columns (today: {@link ParquetFormat}). */
@FunctionalInterface
public interface FileFormat {

    /**
     * Starts a file in {@code output}; on failure the output is closed, nothing uploaded.
     *
     * @param fileColumns  every column of the file, in file order
     * @param metadata     footer key-value metadata (the Hugging Face features)
     * @param plainColumns columns to write without a dictionary (values unique per row)
     */
    FileWriter open(
            ObjectOutput output, List<Column> fileColumns, Map<String, String> metadata, Set<String> plainColumns)
            throws IOException;
}
