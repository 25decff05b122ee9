package io.trainset.connect.parquet;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A new file's first rows, held before its Parquet writer opens, so that the writer starts with each column's
 * dictionary decided ({@link #uniqueColumns}): parquet-java's public API fixes a column's encoding when the writer
 * opens, and a column it has to try a dictionary on costs hashing of every value until it gives up. Each row is
 * written through a {@link RowWriteSupport} into a {@link ColumnSample} when held, so a value the file cannot hold
 * fails that row's write, as it would without holding. Held until {@value #ROWS} rows or {@value #MAX_BYTES} bytes
 * (plain-encoded), whichever comes first. Not thread-safe.
 */
final class FirstRows {

    /** Rows held at most: enough for {@link FileDictionaries#EVIDENCE_VALUES} values of every column. */
    static final int ROWS = 128;
    /** Plain-encoded bytes held at most: rows of large values decide on fewer rows (or not at all). */
    static final long MAX_BYTES = 1L << 20;
    /**
     * The average plain-encoded bytes of a column's values below which its first rows do not decide against a
     * dictionary: {@value #ROWS} distinct values cannot tell a few hundred values that come in turn (ids, cities,
     * counts: a dictionary pays) from a few million, and for short values trying one costs little. Long values
     * (titles, texts) all distinct in the first rows are what a dictionary is tried on in vain at most cost.
     */
    static final int MIN_AVERAGE_BYTES = 32;

    private final RowWriteSupport sampler;
    private final ColumnSample sample = new ColumnSample();
    private final List<Row> rows = new ArrayList<>(ROWS);
    private final List<Features> extras = new ArrayList<>(ROWS);

    /** Rows held through {@code sampler}, a write support of the file's schema that is not the file's own. */
    FirstRows(RowWriteSupport sampler) {
        this.sampler = sampler;
        sampler.prepareForWrite(sample);
    }

    /** Holds a row; throws as writing it to the file would (then it is not held). */
    void hold(Row row, Features rowExtras) {
        sampler.nextExtras(rowExtras);
        sampler.write(row);
        rows.add(row);
        extras.add(rowExtras);
    }

    /** Whether enough rows are held to decide. */
    boolean full() {
        return rows.size() >= ROWS || sample.bytes() >= MAX_BYTES;
    }

    /** The held rows' values, plain-encoded: what the open-file budget counts for them. */
    long bytes() {
        return sample.bytes();
    }

    /**
     * Leaf column paths with at least {@code minValues} values in the held rows, every one distinct, of at least
     * {@value #MIN_AVERAGE_BYTES} bytes on average.
     */
    Set<String> uniqueColumns(int minValues) {
        return sample.uniqueColumns(minValues, MIN_AVERAGE_BYTES);
    }

    /** Writes the held rows, in order, to the file's writer. */
    void writeTo(RowSink sink) throws IOException {
        for (int i = 0; i < rows.size(); i++) {
            sink.write(rows.get(i), extras.get(i));
        }
    }

    /** Where held rows go once the file's writer is open. */
    @FunctionalInterface
    interface RowSink {
        void write(Row row, Features extras) throws IOException;
    }
}
