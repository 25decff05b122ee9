package io.trainset.connect.dataset;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.HivePartitions;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

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
            case DATE ->
                LocalDate.ofInstant(Instant.ofEpochMilli(row.submittedAtMs()), spec.zone())
                        .toString();
        };
    }

    /** The key of the {@code index}-th file of commit {@code commit}, in {@code directory} for {@code split}. */
    public String fileKey(String directory, String split, long commit, int index) {
        String name = DatasetKeys.dataFileName(split, unit, commit, index);
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    /** The longest date of a time in range (years 0001-9999) has 10 characters; 16 hold any epoch millisecond. */
    private static final String LONGEST_DATE = "+292278994-08-17";

    /**
     * The bytes of a row's key (relative to the output location) besides its label level, at most:
     * the other levels (the longest split name, the longest date), the separators and the file name
     * ({@link FileLayout}: split, unit, commit and index at their widest).
     */
    public static int restOfKeyBytes(LayoutSpec layout, List<String> splitNames) {
        String split = splitNames.stream()
                .max(Comparator.comparingInt(n -> n.getBytes(StandardCharsets.UTF_8).length))
                .orElse("");
        int bytes = 0;
        for (PathLevel level : layout.levels()) {
            bytes += 1
                    + switch (level) {
                        case SPLIT ->
                            HivePartitions.level(level.levelName(), split).getBytes(StandardCharsets.UTF_8).length;
                        case DATE ->
                            HivePartitions.level(level.levelName(), LONGEST_DATE)
                                    .length();
                        case LABEL -> 0;
                    };
        }
        String file = new FileLayout(Integer.MAX_VALUE, layout).fileKey("", split, Long.MAX_VALUE, Integer.MAX_VALUE);
        return bytes + file.getBytes(StandardCharsets.UTF_8).length;
    }
}
