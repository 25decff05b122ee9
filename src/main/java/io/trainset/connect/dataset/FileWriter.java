package io.trainset.connect.dataset;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import java.io.IOException;
import java.util.Set;

/**
 * What a {@link DatasetWriter} needs of one data file: rows written, then the file finished (its footer
 * written) and uploaded to its key, or discarded. Made by a {@link FileFormat}. Written and finished on the
 * writer's thread; {@link #upload} may run on another once {@link #finish} returned.
 */
public interface FileWriter {

    /** Appends a row with its extra column values; after a failure the file is unusable: {@link #abort()} it. */
    void write(Row row, Features extras) throws IOException;

    /** Rows written so far. */
    long rowCount();

    /** Bytes held in memory for rows not yet in the output (what the open-file budget bounds). */
    long bufferedBytes();

    /** Bytes written to the output so far; once finished, the file's size. */
    long bytesWritten();

    /** Writes the footer: the file is complete, not yet uploaded. On failure the file is discarded and this throws. */
    void finish() throws IOException;

    /** Uploads the finished file to its key; on failure the object is discarded and this throws. */
    void upload() throws IOException;

    /** Discards the open file: nothing becomes visible. Never throws. */
    void abort();

    /** Discards a finished file whose upload never ran: its bytes, temporary file or multipart upload go. Never throws. */
    void discard();

    /**
     * Encoding feedback for the next files: columns whose values proved unique enough in this finished file
     * that a dictionary only costs ({@link FileFormat#open}'s {@code plainColumns}); empty before finishing.
     */
    Set<String> columnsWithoutDictionary();
}
