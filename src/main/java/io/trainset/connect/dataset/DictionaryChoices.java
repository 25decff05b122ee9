package io.trainset.connect.dataset;

import io.trainset.connect.model.DatasetColumns;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns a task's data files are written without a dictionary: the key (unique per row) and every column a
 * finished file of any of the task's units showed that a dictionary does not pay for
 * ({@link FileWriter#columnsWithoutDictionary()}: parquet-java gave up on it, or the file's first rows were all
 * distinct in it so it never tried one). Each file decides the other columns from its own first rows. One object per task, in its {@link WriterContext}, so that one
 * unit's first finished file decides for every unit's next files, not only for its own. A choice changes how a
 * column is encoded, never its values. Thread-safe: learnt where files are finished, read where files are opened.
 */
public final class DictionaryChoices {

    private static final Logger LOG = LoggerFactory.getLogger(DictionaryChoices.class);

    /** Replaced, never changed: readers take it without a lock. */
    private volatile Set<String> plain = Set.of(DatasetColumns.KEY);

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
