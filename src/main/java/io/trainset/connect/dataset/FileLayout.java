package io.trainset.connect.dataset;

import java.util.Locale;

/**
 * Where rows go: {@code label=<value>/part-<unit>-<seq>-<token>.parquet} under the output location.
 * The token is chosen per writer instance so that a restarted task never overwrites a file an
 * earlier instance committed.
 */
public record FileLayout(int unit, String token) {

    /** The directory (path levels) of a row, relative to the output location. */
    public static String directoryOf(Row row) {
        return HivePartitions.level(DatasetColumns.LABEL, row.label());
    }

    /** The key of the {@code sequence}-th file this writer opens in {@code directory}. */
    public String fileKey(String directory, long sequence) {
        return directory + "/" + String.format(Locale.ROOT, "part-%04d-%06d-%s.parquet", unit, sequence, token);
    }
}
