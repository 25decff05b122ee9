package io.trainset.connect.model;

import java.util.Arrays;
import java.util.Locale;

/** A Hive path level a dataset can be partitioned by; its name is both the config value and the level name. */
public enum PathLevel {
    /** {@code split=train}: the row's split. */
    SPLIT("split"),
    /** {@code label=billing}: the row's label, {@code __HIVE_DEFAULT_PARTITION__} when null. */
    LABEL("label"),
    /** {@code dt=2026-11-03}: the submitted event's date in the configured time zone. */
    DATE("dt");

    private final String levelName;

    PathLevel(String levelName) {
        this.levelName = levelName;
    }

    /** The name of the level in paths, the config and (when written) the file column. */
    public String levelName() {
        return levelName;
    }

    public static PathLevel parse(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(l -> l.levelName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + value.trim() + "' is not a path level; use "
                        + "any of "
                        + Arrays.stream(values()).map(PathLevel::levelName).toList() + " in order, e.g. "
                        + "'split,label'"));
    }
}
