package io.trainset.connect.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Where rows go: the configured path levels, e.g. {@code split=train/label=billing/}, then
 * {@code <split>-<unit>-<seq>-<token>.parquet}. File names start with the split name so that
 * Hugging Face {@code datasets} detects the splits in a local copy. The token is chosen per writer
 * instance so that a restarted task, or a unit reopened after a rebalance, never overwrites a file an
 * earlier instance committed.
 */
public record FileLayout(int unit, String token, LayoutSpec spec) {

    /** The walking skeleton's layout, for tests that only care about labels: {@code label=<l>/}. */
    public FileLayout(int unit, String token) {
        this(unit, token, new LayoutSpec(java.util.List.of(PathLevel.LABEL), java.time.ZoneOffset.UTC, false));
    }

    /** The directory (path levels) of a row in its split, relative to the output location; may be empty. */
    public String directoryOf(Row row, String split) {
        StringBuilder directory = new StringBuilder();
        for (PathLevel level : spec.levels()) {
            if (!directory.isEmpty()) {
                directory.append('/');
            }
            directory.append(HivePartitions.level(level.levelName(), valueOf(level, row, split)));
        }
        return directory.toString();
    }

    /** The value of a path level (or partition column) for a row in its split. */
    public String valueOf(PathLevel level, Row row, String split) {
        return switch (level) {
            case SPLIT -> split;
            case LABEL -> row.label();
            case DATE -> LocalDate.ofInstant(Instant.ofEpochMilli(row.submittedAtMs()), spec.zone()).toString();
        };
    }

    /** The key of the {@code sequence}-th file this writer opens, in {@code directory} for {@code split}. */
    public String fileKey(String directory, String split, long sequence) {
        String name = String.format(Locale.ROOT, "%s-%04d-%06d-%s.parquet", split, unit, sequence, token);
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
