package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.asList;
import static io.trainset.connect.config.Validators.oneOf;
import static io.trainset.connect.config.Validators.parsing;

import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.Nesting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The columns and bounds of the Dataset group ({@link DatasetConfig} places them after the labels): how nested
 * values become columns, renames, resolved-event columns, type changes, and the bounds on open files, buffered
 * bytes, columns and labels. Their keys, definitions and the parsing of the renames.
 */
public final class ColumnConfig {

    public static final String FEATURES_NESTED = "features.nested";
    public static final String FEATURES_RENAME = "features.rename";
    public static final String RESOLVED_FIELDS = "resolved.fields";
    public static final String SCHEMA_TYPE_CHANGE_POLICY = "schema.type.change.policy";
    public static final String DATASET_MAX_OPEN_FILES = "dataset.max.open.files";
    public static final String DATASET_MAX_BUFFERED_BYTES = "dataset.max.buffered.bytes";
    public static final String DATASET_MAX_COLUMNS = "dataset.max.columns";
    public static final String LABEL_MAX_DISTINCT = "label.max.distinct";

    private ColumnConfig() {}

    static void define(GroupKeys keys) {
        keys.define(
                        FEATURES_NESTED,
                        Type.STRING,
                        Nesting.FLATTEN.configValue(),
                        oneOf(Nesting.class),
                        Importance.MEDIUM,
                        "How nested structs (Connect Structs, nested JSON objects) of the submitted "
                                + "event and of resolved.fields become columns. 'flatten': one column per leaf field, "
                                + "named by its path ('customer.tier' becomes 'customer_tier'); a new nested field "
                                + "becomes a new column. 'group': a nested struct stays one column, a Parquet group (a "
                                + "struct in pyarrow, DuckDB and Spark, a dict in Hugging Face) with its fields as "
                                + "children ('customer' with child 'tier'); a features.include path to a struct gives "
                                + "a group named after the path, a path to a leaf a flat column. A group keeps the "
                                + "children it was first written with: values lacking some are written with those "
                                + "null, a value with a new child or a child of another type is an incompatible type "
                                + "change (schema.type.change.policy). features.exclude and features.rename apply to "
                                + "top-level column names.",
                        Width.SHORT,
                        "Nested structs")
                .define(
                        FEATURES_RENAME,
                        Type.LIST,
                        "",
                        parsing("column=new_name entries", v -> renames(asList(v))),
                        Importance.LOW,
                        "Feature columns to rename, by column name (a flattened name, or a group's "
                                + "name with features.nested=group), e.g. 'customer_tier=tier'.",
                        Width.LONG,
                        "Feature renames")
                .define(
                        RESOLVED_FIELDS,
                        Type.LIST,
                        "",
                        null,
                        Importance.MEDIUM,
                        "Dotted paths of the resolved event's fields written as extra columns (shaped like features "
                                + "by features.nested: 'resolution.text' becomes 'resolution_text'); null in "
                                + "timed-out rows.",
                        Width.LONG,
                        "Resolved-event columns")
                .define(
                        SCHEMA_TYPE_CHANGE_POLICY,
                        Type.STRING,
                        ColumnTypeGuard.Policy.DLQ.configValue(),
                        oneOf(ColumnTypeGuard.Policy.class),
                        Importance.MEDIUM,
                        "A value whose type differs from its "
                                + "column's (e.g. 'priority' was a number, now text): 'dlq' sends the record to the "
                                + "dead-letter queue; 'new_column' writes it to a new column named after its type "
                                + "('priority__string'). New optional fields always become new nullable columns.",
                        Width.SHORT,
                        "Incompatible type changes");
        defineBounds(keys);
    }

    private static void defineBounds(GroupKeys keys) {
        keys.define(
                        DATASET_MAX_OPEN_FILES,
                        Type.INT,
                        64,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Open files per task (one per join unit, directory and split). Beyond it the least recently "
                                + "written file is committed early, so keep it at least the task's join units x "
                                + "splits x labels (plus one label for timed-out rows) with the default layout, or "
                                + "files get small. Each open file holds about parquet.page.bytes of heap besides its "
                                + "buffered rows, and with parquet.compression=snappy the array of its last compressed "
                                + "page (up to about 1.25 x parquet.page.bytes) until it compresses the next one.",
                        Width.SHORT,
                        "Open files per task")
                .define(
                        DATASET_MAX_BUFFERED_BYTES,
                        Type.LONG,
                        128L * 1024 * 1024,
                        ConfigDef.Range.atLeast(1024 * 1024),
                        Importance.LOW,
                        "Row-group bytes buffered in memory by "
                                + "all open files of a task. Beyond it the least recently written file is committed "
                                + "early.",
                        Width.SHORT,
                        "Buffered bytes per task")
                .define(
                        DATASET_MAX_COLUMNS,
                        Type.INT,
                        ColumnTypeGuard.DEFAULT_MAX_COLUMNS,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "The most feature and resolved columns the "
                                + "dataset may have (the columns of the dataset card when a task starts, plus those "
                                + "its records bring). A record that would add a column beyond it goes to the "
                                + "dead-letter queue with a message naming the new columns and the fix (a nested "
                                + "object whose keys vary per record, e.g. free-form attributes, would otherwise add "
                                + "a column and a file per record); records whose columns the dataset has flow on. "
                                + "Exclude such a field (features.exclude), list the fields to keep "
                                + "(features.include), or raise this.",
                        Width.SHORT,
                        "Columns per dataset")
                .define(
                        LABEL_MAX_DISTINCT,
                        Type.INT,
                        DistinctLabels.DEFAULT_MAX_LABELS,
                        ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM,
                        "The most distinct labels the dataset may have, when they are not bounded "
                                + "by label.allowed with label.unknown.policy 'other' or 'dlq' (the labels of the "
                                + "dataset card when a task starts, plus those its records bring). A resolved record "
                                + "with a new label beyond it goes to the dead-letter queue (its submission then "
                                + "times out), so a label.field pointed at free text cannot make a directory and a "
                                + "file per row. Raise it, or set label.allowed.",
                        Width.SHORT,
                        "Distinct labels");
    }

    /** Parses {@code column=new_name} entries; both sides must be column names every reader accepts. */
    static Map<String, String> renames(List<String> entries) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2 || !isColumnName(parts[0].trim()) || !isColumnName(parts[1].trim())) {
                throw new IllegalArgumentException("'" + entry + "' is not 'column=new_name' with names of letters, "
                        + "digits and '_' (flattened names, e.g. 'customer_tier=tier')");
            }
            if (renames.put(parts[0].trim(), parts[1].trim()) != null) {
                throw new IllegalArgumentException("the column '" + parts[0].trim() + "' is renamed twice");
            }
        }
        return renames;
    }

    private static boolean isColumnName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
