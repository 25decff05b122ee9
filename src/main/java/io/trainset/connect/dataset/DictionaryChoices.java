package io.trainset.connect.dataset;

import io.trainset.connect.model.DatasetColumns;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns a task's data files are written without a dictionary: from the first file, the key (unique per row)
 * and the times in milliseconds ({@link #FROM_THE_START}: nearly unique per row, so parquet-java gives up their
 * dictionaries within a file's first page anyway); then every column a
 * finished file of any of the task's units showed that a dictionary does not pay for
 * ({@link FileWriter#columnsWithoutDictionary()}: parquet-java gave up on it, or the file's first rows were all
 * distinct in it so it never tried one). Each file decides the other columns from its own first rows. One object per task, in its {@link WriterContext}, so that one
 * unit's first finished file decides for every unit's next files, not only for its own. A choice changes how a
 * column is encoded, never its values. Thread-safe: learnt where files are finished, read where files are opened.
 */
public final class DictionaryChoices {

    private static final Logger LOG = LoggerFactory.getLogger(DictionaryChoices.class);

    /**
     * Written without a dictionary from a task's first file. Decided up front rather than learnt from the first
     * finished file, so that every file of a task writes these columns the same way: a long column switching
     * from a dictionary to plain values after the first file changed the class parquet-java's column writer
     * calls, and the JIT threw away and recompiled the row writer that had inlined it (docs/performance.md,
     * issue 14 session 6, "one encoding from the first file").
     */
    static final Set<String> FROM_THE_START = Set.of(
            DatasetColumns.KEY,
            DatasetColumns.SUBMITTED_AT,
            DatasetColumns.RESOLVED_AT,
            DatasetColumns.RESOLUTION_MS,
            DatasetColumns.LABEL_DEADLINE);

    /** Replaced, never changed: readers take it without a lock. */
    private volatile Set<String> plain = FROM_THE_START;

    /** The columns the next file opened writes without a dictionary (an immutable snapshot). */
    public Set<String> plainColumns() {
        return plain;
    }

    /** Adds the columns a finished file wrote without a dictionary; the next files opened write them so. */
    public void learn(Set<String> columns) {
        if (plain.containsAll(columns)) {
            return;
        }
        synchronized (this) {
            Set<String> next = new HashSet<>(plain);
            if (next.addAll(columns)) {
                plain = Set.copyOf(next);
                LOG.info(
                        "Writing columns {} of this task's next files without a dictionary: a finished file had too"
                                + " many distinct values in them for one to pay",
                        new TreeSet<>(next));
            }
        }
    }
}
