package io.trainset.connect.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns of a data file: the key, the feature columns, then the columns Trainset adds. The label is a string
 * column unless it is a path level ({@code label=…}); {@code label_deadline} is in every file.
 */
public final class DatasetColumns {

    public static final String KEY = "key";
    public static final String SUBMITTED_AT = "submitted_at";
    public static final String RESOLVED_AT = "resolved_at";
    public static final String RESOLUTION_MS = "resolution_ms";
    public static final String JOIN_STATUS = "join_status";
    public static final String RESOLUTION_COUNT = "resolution_count";
    public static final String LABEL = "label";
    /** The class index of the label, written when the label names are known (Hugging Face ClassLabel). */
    public static final String LABEL_ID = "label_id";

    /**
     * The end of the window a row was judged by (its case's start + {@code join.window.after.ms}, UTC; for a provisional
     * row its early point): a joined row's resolution came by then; a timed-out row ({@code join_status = timed_out})
     * is censored at it.
     */
    public static final String LABEL_DEADLINE = "label_deadline";

    public static final String SPLIT = "split";

    /**
     * Early-label mode only: the row's version within its case, 1 for a provisional row and for a final row without
     * one before it, 2 for the final row after a provisional one.
     */
    public static final String LABEL_VERSION = "label_version";

    /** Early-label mode only: false for a provisional row, true for its case's final row(s). */
    public static final String LABEL_FINAL = "label_final";

    /**
     * Early-label mode only: the anchor time of the row's case (UTC), which its provisional and final rows share:
     * with the key it identifies the case, also when a key is submitted again after its case was decided.
     */
    public static final String CASE_STARTED_AT = "case_started_at";

    /** The columns the early-label mode adds to every file, in file order (after {@code label_deadline}). */
    public static final List<Column> EARLY_LABEL_FILE_COLUMNS = List.of(
            new Column(LABEL_VERSION, ColumnType.INT),
            new Column(LABEL_FINAL, ColumnType.BOOLEAN),
            new Column(CASE_STARTED_AT, ColumnType.TIMESTAMP_MILLIS));

    /** The columns of the early-label mode, reserved (a feature named so is moved) only while the mode is on. */
    public static final Set<String> EARLY_LABEL_COLUMNS = Set.of(LABEL_VERSION, LABEL_FINAL, CASE_STARTED_AT);

    /** Names a feature column may not take. */
    public static final Set<String> RESERVED = Set.of(
            KEY,
            SUBMITTED_AT,
            RESOLVED_AT,
            RESOLUTION_MS,
            JOIN_STATUS,
            RESOLUTION_COUNT,
            LABEL,
            LABEL_ID,
            LABEL_DEADLINE,
            SPLIT);

    private DatasetColumns() {}

    /** The file columns for rows with these data columns (features, resolved columns, extras), in file order. */
    public static List<Column> forFeatures(List<Column> features) {
        List<Column> columns = new ArrayList<>(features.size() + 6);
        columns.add(new Column(KEY, ColumnType.STRING));
        columns.addAll(features);
        columns.add(new Column(SUBMITTED_AT, ColumnType.TIMESTAMP_MILLIS));
        columns.add(new Column(RESOLVED_AT, ColumnType.TIMESTAMP_MILLIS));
        columns.add(new Column(RESOLUTION_MS, ColumnType.LONG));
        columns.add(new Column(JOIN_STATUS, ColumnType.STRING));
        columns.add(new Column(RESOLUTION_COUNT, ColumnType.INT));
        return columns;
    }
}
