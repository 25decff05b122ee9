package io.trainset.connect.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Where rows go: the configured path levels, e.g. {@code split=train/label=billing/}, then
 * {@code <split>-<unit>-<commit>-<index>.parquet}: the {@code index}-th file of the unit's commit
 * {@code commit}. File names start with the split name so that Hugging Face {@code datasets} detects
 * the splits in a local copy. A name is a function of the unit, the commit sequence and the file's
 * place in the commit, so publishing a commit again (a roll-forward after a crash) overwrites rather
 * than duplicates (docs/guarantees.md).
 */
public record FileLayout(int unit, LayoutSpec spec) {

    /** The walking skeleton's layout, for tests that only care about labels: {@code label=<l>/}. */
    public FileLayout(int unit) {
        this(unit, new LayoutSpec(java.util.List.of(PathLevel.LABEL), java.time.ZoneOffset.UTC, false));
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

    /** The key of the {@code index}-th file of commit {@code commit}, in {@code directory} for {@code split}. */
    public String fileKey(String directory, String split, long commit, int index) {
        String name = String.format(Locale.ROOT, "%s-%04d-%08d-%d.parquet", split, unit, commit, index);
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
