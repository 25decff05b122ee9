package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SplitSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task-wide shape of the dataset: which split a row belongs to, the path levels, and the
 * columns a file holds besides the row's own (label, {@code label_id}, split, dt, and the
 * {@code label_deadline} every row carries, and in the early-label mode {@code label_version}, {@code
 * label_final} and {@code case_started_at}), all decided once from the configuration. Not thread-safe
 * (one task thread).
 */
public final class DatasetShape {

    private final SplitAssigner splits;
    private final SplitSpec splitSpec;
    private final LayoutSpec layout;
    private final Optional<List<String>> classNames;
    private final List<PathLevel> levelColumns;
    private final List<Column> extraColumns;
    private final long labelWindowMs;
    private final boolean earlyLabels;

    /**
     * @param labelWindow the labelling horizon ({@code join.window.after.ms}): a row's label deadline is its
     *                    case's start plus this, the end of the window its resolution had to fall in
     * @param earlyLabels whether the early-label mode is on: files then hold {@code label_version} and
     *                    {@code label_final} and {@code case_started_at} after {@code label_deadline}
     */
    public DatasetShape(
            SplitSpec splitSpec,
            LayoutSpec layout,
            Optional<List<String>> classNames,
            Duration labelWindow,
            boolean earlyLabels) {
        this.labelWindowMs = labelWindow.toMillis();
        this.earlyLabels = earlyLabels;
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
        extras.add(new Column(DatasetColumns.LABEL_DEADLINE, ColumnType.TIMESTAMP_MILLIS));
        if (earlyLabels) {
            extras.addAll(DatasetColumns.EARLY_LABEL_FILE_COLUMNS);
        }
        this.extraColumns = List.copyOf(extras);
    }

    /** The default of {@code join.window.after.ms}, for shapes built without the join's settings (tests, benches). */
    public static final Duration DEFAULT_LABEL_WINDOW = Duration.ofDays(7);

    /**
     * The default shape: default splits, the {@code split=} level, no class names, a 7-day label window, no early
     * labels.
     */
    public static DatasetShape defaults() {
        return new DatasetShape(
                new SplitSpec(
                        SplitSpec.parseRatios(List.of(SplitSpec.DEFAULT_RATIOS.split(","))), "", Optional.empty()),
                LayoutSpec.defaults(),
                Optional.empty(),
                DEFAULT_LABEL_WINDOW,
                false);
    }

    public LayoutSpec layout() {
        return layout;
    }

    public SplitSpec splitSpec() {
        return splitSpec;
    }

    /** Whether the early-label mode is on ({@code label_version}, {@code label_final}, {@code case_started_at}). */
    public boolean earlyLabels() {
        return earlyLabels;
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

    /**
     * The end of the window the row was judged by: its case's start plus the labelling horizon (a provisional row:
     * its early point, which the row carries). The case starts at its first version, which is the row's submitted
     * time unless {@code join.submission.versions=latest} chose a later version. A joined row's resolution came at or
     * before it; a timed-out row is censored there (no resolution by then).
     */
    public long labelDeadlineMs(Row row) {
        return row.labelDeadlineMs() != null ? row.labelDeadlineMs() : row.caseStartedAtMs() + labelWindowMs;
    }

    /** The values of {@link #extraColumns()} for a row in its split. */
    public Features extras(Row row, String split, FileLayout files) {
        List<Object> values = new ArrayList<>(extraColumns.size());
        levelColumns.forEach(level -> values.add(files.valueOf(level, row, split)));
        classNames.ifPresent(names -> {
            int index = row.label() == null ? -1 : names.indexOf(row.label());
            values.add(index < 0 ? null : (long) index);
        });
        values.add(labelDeadlineMs(row));
        if (earlyLabels) {
            values.add(row.labelVersion());
            values.add(row.labelFinal());
            values.add(row.caseStartedAtMs());
        }
        return new Features(extraColumns, values);
    }
}
