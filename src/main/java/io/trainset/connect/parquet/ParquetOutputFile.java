package io.trainset.connect.parquet;

import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.Objects;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over one {@link ObjectOutput}, so Parquet writes straight to an
 * {@link io.trainset.connect.storage.ObjectStore} with no Hadoop file system in between.
 *
 * <p>The stream handed to Parquet never commits nor discards the object: closing it (which the
 * Parquet writer does after the footer) only flushes. Whoever owns the {@link ObjectOutput}
 * decides, after the writer is closed, whether to upload it (ObjectOutput.commit) or close it, nothing uploaded.
 */
public final class ParquetOutputFile implements OutputFile {

    private final ObjectOutput output;
    private final String name;

    /**
     * @param output where the bytes go
     * @param name   the object's key, for Parquet's messages
     */
    public ParquetOutputFile(ObjectOutput output, String name) {
        this.output = Objects.requireNonNull(output, "output");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new Stream(output);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return new Stream(output);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Delegates writes and positions; close flushes but leaves the output open. */
    private static final class Stream extends PositionOutputStream {
        private final ObjectOutput output;

        Stream(ObjectOutput output) {
            this.output = output;
        }

        @Override
        public long getPos() {
            return output.position();
        }

        @Override
        public void write(int b) throws IOException {
            output.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            output.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            output.flush();
        }

        @Override
        public void close() throws IOException {
            output.flush();
        }
    }
}
