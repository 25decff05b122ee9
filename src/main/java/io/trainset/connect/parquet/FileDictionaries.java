package io.trainset.connect.parquet;

import java.util.HashSet;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which columns of one Parquet file go without a dictionary: the configured plain columns and those its first rows
 * found all distinct ({@link FirstRows#uniqueColumns}), decided when its writer opens; and, once it is finished,
 * which columns Parquet itself gave up the dictionary for (what later files may learn from). Not thread-safe.
 */
final class FileDictionaries {

    private static final Logger LOG = LoggerFactory.getLogger(FileDictionaries.class);

    /** Non-null values a column chunk needs before its lack of a dictionary says anything. */
    static final int EVIDENCE_VALUES = 100;

    private final Set<String> plainColumns;
    /** The columns the first rows decided against a dictionary (beyond {@link #plainColumns}). */
    private final Set<String> decidedByFirstRows = new HashSet<>();

    FileDictionaries(Set<String> plainColumns) {
        this.plainColumns = Set.copyOf(plainColumns);
    }

    /** The columns the writer of file {@code name} opens without a dictionary: the plain ones and the first rows'. */
    Set<String> withoutDictionary(FirstRows first, String name) {
        Set<String> unique = first.uniqueColumns(EVIDENCE_VALUES);
        LOG.debug("Parquet file {}: columns {} have no dictionary (all distinct in its first rows)", name, unique);
        unique.stream().filter(column -> !plainColumns.contains(column)).forEach(decidedByFirstRows::add);
        Set<String> plain = new HashSet<>(plainColumns);
        plain.addAll(unique);
        return plain;
    }

    /**
     * The columns of the finished file ({@code footer}) that Parquet tried a dictionary on and gave up, with at least
     * {@value #EVIDENCE_VALUES} values; not those the first rows decided against (no dictionary was tried on them).
     */
    Set<String> gaveUp(ParquetMetadata footer) {
        Set<String> gaveUp = new HashSet<>(ParquetWriters.columnsWithoutDictionary(footer, EVIDENCE_VALUES));
        gaveUp.removeAll(decidedByFirstRows);
        return gaveUp;
    }
}
