package io.trainset.connect.parquet;

import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parquet file whose footer {@link ParquetRowWriter#finish()} wrote: complete in its output, then uploaded ({@link
 * #upload()}, possibly on another thread than the writer's) or discarded ({@link #discard()}), not both at once.
 */
final class FinishedFile {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedFile.class);

    private final ObjectOutput output;
    private final String name;
    private final long rows;
    private final long size;
    private volatile boolean uploaded;

    FinishedFile(ObjectOutput output, String name, long rows, long size) {
        this.output = output;
        this.name = name;
        this.rows = rows;
        this.size = size;
    }

    /** The file's size in bytes. */
    long size() {
        return size;
    }

    /** Uploads the file; on failure the object is discarded and an exception thrown. */
    void upload() throws IOException {
        try {
            output.commit();
        } catch (IOException | RuntimeException e) {
            output.closeAfter(e);
            throw e;
        }
        uploaded = true;
        output.close();
        LOG.debug("Uploaded Parquet file {} ({} rows)", name, rows);
    }

    /** Discards the file unless it was uploaded: its bytes, temporary file or multipart upload go. Never throws. */
    void discard() {
        if (uploaded) {
            return;
        }
        try {
            output.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not discard the finished Parquet file {}: {}", name, e.getMessage(), e);
        }
    }
}
