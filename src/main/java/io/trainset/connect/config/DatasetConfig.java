package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.asList;
import static io.trainset.connect.config.Validators.oneOf;
import static io.trainset.connect.config.Validators.parsing;

import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.Nesting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Dataset group: splits, layout, labels, feature columns, schema rules and memory bounds. Its keys, their
 * definitions, their parsing into {@link DatasetSettings} and the rules across its keys.
 */
public final class DatasetConfig {

    public static final String GROUP = "Dataset";

    public static final String SPLIT_RATIOS = "split.ratios";
    public static final String SPLIT_SEED = "split.seed";
    public static final String SPLIT_GROUP_FIELD = "split.group.field";
    public static final String SPLIT_HOLDOUT_AFTER = "split.holdout.after";
    public static final String LAYOUT_PARTITIONS = "layout.partitions";
    public static final String LAYOUT_DATE_TIMEZONE = "layout.date.timezone";
    public static final String LAYOUT_PARTITION_COLUMNS_IN_FILES = "layout.partition.columns.in.files";
    public static final String FEATURES_NESTED = "features.nested";
    public static final String FEATURES_RENAME = "features.rename";
    public static final String RESOLVED_FIELDS = "resolved.fields";
    public static final String SCHEMA_TYPE_CHANGE_POLICY = "schema.type.change.policy";
    public static final String DATASET_MAX_OPEN_FILES = "dataset.max.open.files";
    public static final String DATASET_MAX_BUFFERED_BYTES = "dataset.max.buffered.bytes";
    public static final String DATASET_MAX_COLUMNS = "dataset.max.columns";
    public static final String LABEL_MAX_DISTINCT = "label.max.distinct";

    private DatasetConfig() {}

    static void define(ConfigDef def) {
        GroupKeys keys = new GroupKeys(def, GROUP);
        defineSplits(keys);
        LabelConfig.define(keys);
        defineColumns(keys);
    }

    private static void defineSplits(GroupKeys keys) {
        keys.define(
                        SPLIT_RATIOS,
                        Type.LIST,
                        SplitSpec.DEFAULT_RATIOS,
                        parsing(
                                "name=share entries summing to 1",
                                v -> new SplitSpec(SplitSpec.parseRatios(asList(v)), "", Optional.empty())),
                        Importance.HIGH,
                        "The splits and their shares of the keys (or groups), in order, e.g. '"
                                + SplitSpec.DEFAULT_RATIOS + "'. A row's split is a pure function of a stable hash of "
                                + "its join key (or split.group.field) and split.seed: a key never appears in two "
                                + "splits, a re-run gives the same splits, and adding data or partitions never moves "
                                + "a row. Written as the split= path level and as the start of every file name "
                                + "(train-0003-000042-….parquet).",
                        Width.LONG,
                        "Split ratios")
                .define(
                        SPLIT_SEED,
                        Type.STRING,
                        "",
                        null,
                        Importance.LOW,
                        "Mixed into the split hash; changing it reshuffles every key. Empty is a valid seed.",
                        Width.SHORT,
                        "Split seed")
                .define(
                        SPLIT_GROUP_FIELD,
                        Type.STRING,
                        "",
                        Validators.fieldPath(true),
                        Importance.MEDIUM,
                        "Dotted path of a submitted event's field whose value decides the split instead of the join "
                                + "key (e.g. 'customer.id', so one customer's issues never straddle train and test). "
                                + "A row whose event lacks the field is split by its join key.",
                        Width.MEDIUM,
                        "Split group field")
                .define(
                        SPLIT_HOLDOUT_AFTER,
                        Type.STRING,
                        "",
                        parsing("empty or an ISO-8601 instant", DatasetConfig::holdout),
                        Importance.MEDIUM,
                        "Time holdout: rows submitted after this instant (e.g. '2026-10-01T00:00:00Z') go to 'test' "
                                + "whatever their hash, so the test split lies in the future of the others. Empty: "
                                + "none.",
                        Width.MEDIUM,
                        "Time holdout after")
                .define(
                        LAYOUT_PARTITIONS,
                        Type.LIST,
                        LayoutSpec.DEFAULT_LEVELS,
                        parsing(
                                "ordered subset of split, label, dt",
                                v -> new LayoutSpec(levels(v), ZoneId.of("UTC"), false)),
                        Importance.MEDIUM,
                        "Hive path levels, outermost first, from 'split', 'label' and 'dt' (the submitted event's "
                                + "date, dt=YYYY-MM-DD). Values are percent-encoded as Hive, Spark and pyarrow decode "
                                + "them. A split or label that is not a level is a string column in the files. The "
                                + "default keeps the label a column: readers infer a path level's type from its values "
                                + "(labels 1, 2, 10 read as numbers, '007' as 7) and read an empty label as null. "
                                + "With 'label' as a level, read it as a string (DuckDB hive_types={'label': "
                                + "'VARCHAR'}, Spark spark.sql.sources.partitionColumnTypeInference.enabled=false, "
                                + "Polars hive_schema) and note that an empty label is a bad record. A dataset keeps "
                                + "the levels its card records: a task whose levels differ fails at start.",
                        Width.MEDIUM,
                        "Path levels")
                .define(
                        LAYOUT_DATE_TIMEZONE,
                        Type.STRING,
                        "UTC",
                        parsing("a time zone id", v -> ZoneId.of(v.toString().trim())),
                        Importance.LOW,
                        "Time zone of the dt= level, e.g. 'UTC' or 'Europe/Berlin'.",
                        Width.SHORT,
                        "Date level time zone")
                .define(
                        LAYOUT_PARTITION_COLUMNS_IN_FILES,
                        Type.BOOLEAN,
                        false,
                        null,
                        Importance.LOW,
                        "Also write every path level as a string column inside the files (for readers that ignore "
                                + "paths). Off by default: DataFusion rejects a column that is both in the path and in "
                                + "the file (apache/datafusion#17420), as older Spark did (SPARK-21144); Spark 3.5.8 "
                                + "and 4.0.1 read such a dataset but take the path's value and inferred type.",
                        Width.SHORT,
                        "Path levels also as columns");
    }

    private static void defineColumns(GroupKeys keys) {
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
                                + "buffered rows.",
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

    static DatasetSettings parse(AbstractConfig config) {
        SplitSpec splits = new SplitSpec(
                SplitSpec.parseRatios(config.getList(SPLIT_RATIOS)),
                config.getString(SPLIT_SEED),
                holdout(config.getString(SPLIT_HOLDOUT_AFTER)));
        String group = config.getString(SPLIT_GROUP_FIELD).trim();
        LayoutSpec layout = new LayoutSpec(
                levels(config.getList(LAYOUT_PARTITIONS)),
                ZoneId.of(config.getString(LAYOUT_DATE_TIMEZONE).trim()),
                config.getBoolean(LAYOUT_PARTITION_COLUMNS_IN_FILES));
        return new DatasetSettings(
                splits,
                group.isEmpty() ? Optional.empty() : Optional.of(FieldPath.parse(group)),
                layout,
                LabelConfig.parse(config),
                renames(config.getList(FEATURES_RENAME)),
                Policies.parse(Nesting.class, config.getString(FEATURES_NESTED)),
                config.getList(RESOLVED_FIELDS).stream().map(FieldPath::parse).toList(),
                ColumnTypeGuard.Policy.valueOf(upper(config.getString(SCHEMA_TYPE_CHANGE_POLICY))),
                config.getInt(DATASET_MAX_OPEN_FILES),
                config.getLong(DATASET_MAX_BUFFERED_BYTES),
                config.getInt(DATASET_MAX_COLUMNS),
                config.getInt(LABEL_MAX_DISTINCT));
    }

    private static Optional<Instant> holdout(Object value) {
        String holdout = value.toString().trim();
        return holdout.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(holdout));
    }

    /** The path levels of a layout.partitions value, outermost first. */
    static List<PathLevel> levels(Object value) {
        return asList(value).stream().map(PathLevel::parse).toList();
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

    static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }

    /** A time holdout needs a 'test' split; and the rules of the labels. */
    static void validate(Violations violations) {
        Object ratios = violations.parsedOrDefault(SPLIT_RATIOS);
        Object holdout = violations.parsedOrDefault(SPLIT_HOLDOUT_AFTER);
        if (ratios instanceof List<?> list
                && holdout instanceof String h
                && !h.isBlank()
                && list.stream().noneMatch(r -> r.toString().trim().startsWith("test="))) {
            violations.report(
                    "A time holdout (split.holdout.after) sends later rows to the split 'test', which "
                            + "split.ratios does not name. Add it, e.g. 'train=0.8,validation=0.1,test=0.1', or clear "
                            + "split.holdout.after.",
                    SPLIT_RATIOS,
                    SPLIT_HOLDOUT_AFTER);
        }
        LabelConfig.validate(violations);
    }
}
