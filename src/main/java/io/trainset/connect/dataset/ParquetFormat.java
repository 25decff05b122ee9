package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import io.trainset.connect.parquet.ParquetRowWriter;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Data files as Parquet ({@link ParquetRowWriter}), encoded with {@code settings}: the one class here that knows. */
public record ParquetFormat(ParquetSettings settings) implements FileFormat {

    @Override
    public FileWriter open(
            ObjectOutput output, List<Column> fileColumns, Map<String, String> metadata, Set<String> plainColumns)
            throws IOException {
        return new ParquetFile(ParquetRowWriter.open(output, fileColumns, settings, metadata, plainColumns));
    }

    /** A {@link FileWriter} that is a {@link ParquetRowWriter}. */
    private record ParquetFile(ParquetRowWriter parquet) implements FileWriter {

        @Override
        public void write(Row row, Features extras) throws IOException {
            parquet.write(row, extras);
        }

        @Override
        public long rowCount() {
            return parquet.rowCount();
        }

        @Override
        public long bufferedBytes() {
            return parquet.bufferedBytes();
        }

        @Override
        public long bytesWritten() {
            return parquet.bytesWritten();
        }

        @Override
        public void finish() throws IOException {
            parquet.finish();
        }

        @Override
        public void upload() throws IOException {
            parquet.upload();
        }

        @Override
        public void abort() {
            parquet.abort();
        }

        @Override
        public void discard() {
            parquet.discard();
        }

        @Override
        public Set<String> columnsWithoutDictionary() {
            return parquet.columnsWithoutDictionary();
        }
    }
}
