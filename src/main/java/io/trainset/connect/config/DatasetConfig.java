package io.trainset.connect.config;

import static io.trainset.connect.config.ColumnConfig.*;
import static io.trainset.connect.config.Validators.asList;
import static io.trainset.connect.config.Validators.parsing;

import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.Nesting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Dataset group: splits, layout, labels ({@link LabelConfig}), feature columns, schema rules and memory bounds
 * ({@link ColumnConfig}). The split and layout keys, their definitions, the parsing of the whole group into
 * {@link DatasetSettings} and the rules across its keys.
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

    private DatasetConfig() {}

    static void define(ConfigDef def) {
        GroupKeys keys = new GroupKeys(def, GROUP);
        defineSplits(keys);
        LabelConfig.define(keys);
        ColumnConfig.define(keys);
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
                ColumnConfig.renames(config.getList(FEATURES_RENAME)),
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
