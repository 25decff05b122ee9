package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SplitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task-wide shape of the dataset: which split a row belongs to, the path levels, and the
 * columns a file holds besides the row's own (label, {@code label_id}, split, dt), all decided once
 * from the configuration. Not thread-safe (one task thread).
 */
public final class DatasetShape {

    private final SplitAssigner splits;
    private final SplitSpec splitSpec;
    private final LayoutSpec layout;
    private final Optional<List<String>> classNames;
    private final List<PathLevel> levelColumns;
    private final List<Column> extraColumns;

    public DatasetShape(SplitSpec splitSpec, LayoutSpec layout, Optional<List<String>> classNames) {
        this.splitSpec = splitSpec;
        this.splits = new SplitAssigner(splitSpec);
        this.layout = layout;
        this.classNames = classNames.map(List::copyOf);
        Set<PathLevel> inFiles = layout.columnsInFiles();
        this.levelColumns =
                List.of(PathLevel.values()).stream().filter(inFiles::contains).toList();
        List<Column> extras = new ArrayList<>();
        levelColumns.forEach(level -> extras.add(new Column(level.levelName(), ColumnType.STRING)));
        classNames.ifPresent(names -> extras.add(new Column(DatasetColumns.LABEL_ID, ColumnType.LONG)));
        this.extraColumns = List.copyOf(extras);
    }

    /** The default shape: default splits, {@code split=/label=} levels, no class names. */
    public static DatasetShape defaults() {
        return new DatasetShape(
                new SplitSpec(
                        SplitSpec.parseRatios(List.of(SplitSpec.DEFAULT_RATIOS.split(","))), "", Optional.empty()),
                LayoutSpec.defaults(),
                Optional.empty());
    }

    public LayoutSpec layout() {
        return layout;
    }

    public SplitSpec splitSpec() {
        return splitSpec;
    }

    public Optional<List<String>> classNames() {
        return classNames;
    }

    /** The split of a row. */
    public String splitOf(Row row) {
        return splits.splitOf(row.splitKey(), row.submittedAtMs());
    }

    /** The columns every file holds besides the row's own; the same list instance every time. */
    public List<Column> extraColumns() {
        return extraColumns;
    }

    /** The values of {@link #extraColumns()} for a row in its split. */
    public Features extras(Row row, String split, FileLayout files) {
        if (extraColumns.isEmpty()) {
            return Features.EMPTY;
        }
        List<Object> values = new ArrayList<>(extraColumns.size());
        levelColumns.forEach(level -> values.add(files.valueOf(level, row, split)));
        classNames.ifPresent(names -> {
            int index = row.label() == null ? -1 : names.indexOf(row.label());
            values.add(index < 0 ? null : (long) index);
        });
        return new Features(extraColumns, values);
    }
}
