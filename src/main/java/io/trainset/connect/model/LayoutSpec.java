package io.trainset.connect.model;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where rows go and what their files hold besides the row's own columns.
 *
 * @param levels                  the Hive path levels, outermost first (e.g. split, label)
 * @param zone                    the time zone of the {@code dt=} level
 * @param partitionColumnsInFiles also write each path level as a column inside the files (off by default)
 */
public record LayoutSpec(List<PathLevel> levels, ZoneId zone, boolean partitionColumnsInFiles) {

    /**
     * The default levels: {@code split=<s>/} only. The label is a string column in the files, so every reader reads
     * it back as the exact string: readers infer a path level's type from its values ({@code 007} became 7).
     */
    public static final String DEFAULT_LEVELS = "split";

    /** The default before the label became a column by default: {@code split=<s>/label=<l>/}. */
    public static final String LABEL_DIRECTORY_LEVELS = "split,label";

    public LayoutSpec {
        levels = List.copyOf(levels);
        if (new java.util.HashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("a path level is named twice in " + levels);
        }
    }

    /** The default: the split as the one level, UTC, the label a column in the files. */
    public static LayoutSpec defaults() {
        return of(PathLevel.SPLIT);
    }

    /** These levels, outermost first, in UTC, with only the levels missing from the path as columns. */
    public static LayoutSpec of(PathLevel... levels) {
        return new LayoutSpec(List.of(levels), ZoneId.of("UTC"), false);
    }

    /** Whether the label is a path level ({@code label=…} directories) rather than only a column. */
    public boolean labelIsLevel() {
        return levels.contains(PathLevel.LABEL);
    }

    /** The levels' names, outermost first, e.g. {@code [split]}. */
    public List<String> levelNames() {
        return levels.stream().map(PathLevel::levelName).toList();
    }

    /**
     * The levels that are also columns in the files: every level when {@link #partitionColumnsInFiles},
     * else the split and the label when they are not in the path (a reader must find them somewhere;
     * the date is always in {@code submitted_at}).
     */
    public Set<PathLevel> columnsInFiles() {
        Set<PathLevel> columns = EnumSet.noneOf(PathLevel.class);
        for (PathLevel level : PathLevel.values()) {
            if (partitionColumnsInFiles
                    ? levels.contains(level) || level != PathLevel.DATE
                    : !levels.contains(level) && level != PathLevel.DATE) {
                columns.add(level);
            }
        }
        return columns;
    }
}
