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
 * @param partitionColumnsInFiles also write each path level as a column inside the files (Spark and
 *                                DataFusion reject a column that is in both; off by default)
 */
public record LayoutSpec(List<PathLevel> levels, ZoneId zone, boolean partitionColumnsInFiles) {

    /** The default levels: {@code split=<s>/label=<l>/}. */
    public static final String DEFAULT_LEVELS = "split,label";

    public LayoutSpec {
        levels = List.copyOf(levels);
        if (new java.util.HashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("a path level is named twice in " + levels);
        }
    }

    /** The default: split then label, UTC, partition values only in the path. */
    public static LayoutSpec defaults() {
        return new LayoutSpec(List.of(PathLevel.SPLIT, PathLevel.LABEL), ZoneId.of("UTC"), false);
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
