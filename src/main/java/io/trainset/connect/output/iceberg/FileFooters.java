package io.trainset.connect.output.iceberg;

import java.io.IOException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingSeekableInputStream;

/** Reads a data file's Parquet footer through the table's FileIO: its schema and the statistics of its metrics. */
final class FileFooters {

    private FileFooters() {}

    static ParquetMetadata read(InputFile file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new ParquetInput(file))) {
            return reader.getFooter();
        }
    }

    /** An Iceberg {@link InputFile} as Parquet's. */
    private record ParquetInput(InputFile file) implements org.apache.parquet.io.InputFile {

        @Override
        public long getLength() {
            return file.getLength();
        }

        @Override
        public org.apache.parquet.io.SeekableInputStream newStream() {
            SeekableInputStream stream = file.newStream();
            return new DelegatingSeekableInputStream(stream) {
                @Override
                public long getPos() throws IOException {
                    return stream.getPos();
                }

                @Override
                public void seek(long position) throws IOException {
                    stream.seek(position);
                }
            };
        }
    }
}
