package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.*;

import io.trainset.connect.record.DistinctLabels;
import io.trainset.connect.record.LabelRules;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.Nesting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The Dataset group of {@link TrainsetSinkConfig#CONFIG_DEF}: splits, layout, labels, features, schema, memory. */
final class ConfigDefinitionDataset {

    private ConfigDefinitionDataset() {}

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SPLIT_RATIOS, Type.LIST, SplitSpec.DEFAULT_RATIOS, ConfigDefinition.named(
                        "name=share entries summing to 1", (name, value) -> check(name, value, v ->
                                new SplitSpec(SplitSpec.parseRatios(asList(v)), "", java.util.Optional.empty()))),
                Importance.HIGH, "The splits and their shares of the keys (or groups), in order, e.g. '"
                        + SplitSpec.DEFAULT_RATIOS + "'. A row's split is a pure function of a stable hash of its "
                        + "join key (or split.group.field) and split.seed: a key never appears in two splits, a re-run "
                        + "gives the same splits, and adding data or partitions never moves a row. Written as the "
                        + "split= path level and as the start of every file name (train-0003-000042-….parquet).",
                GROUP_DATASET, ++order, Width.LONG, "Split ratios");
        def.define(SPLIT_SEED, Type.STRING, "", null, Importance.LOW,
                "Mixed into the split hash; changing it reshuffles every key. Empty is a valid seed.",
                GROUP_DATASET, ++order, Width.SHORT, "Split seed");
        def.define(SPLIT_GROUP_FIELD, Type.STRING, "", ConfigDefinition.fieldPath(true), Importance.MEDIUM,
                "Dotted path of a submitted event's field whose value decides the split instead of the join key "
                        + "(e.g. 'customer.id', so one customer's issues never straddle train and test). A row "
                        + "whose event lacks the field is split by its join key.",
                GROUP_DATASET, ++order, Width.MEDIUM, "Split group field");
        def.define(SPLIT_HOLDOUT_AFTER, Type.STRING, "", ConfigDefinition.named("empty or an ISO-8601 instant",
                        (name, value) -> check(name, value, v -> {
                            if (!v.toString().isBlank()) {
                                Instant.parse(v.toString().trim());
                            }
                        })), Importance.MEDIUM,
                "Time holdout: rows submitted after this instant (e.g. '2026-10-01T00:00:00Z') go to 'test' "
                        + "whatever their hash, so the test split lies in the future of the others. Empty: none.",
                GROUP_DATASET, ++order, Width.MEDIUM, "Time holdout after");
        def.define(LAYOUT_PARTITIONS, Type.LIST, LayoutSpec.DEFAULT_LEVELS, ConfigDefinition.named(
                        "ordered subset of split, label, dt", (name, value) -> check(name, value, v ->
                                new LayoutSpec(asList(v).stream().map(PathLevel::parse).toList(), ZoneId.of("UTC"),
                                        false))), Importance.MEDIUM,
                "Hive path levels, outermost first, from 'split', 'label' and 'dt' (the submitted event's date, "
                        + "dt=YYYY-MM-DD). Values are percent-encoded as Hive, Spark and pyarrow decode them; a null "
                        + "or empty label is __HIVE_DEFAULT_PARTITION__. A split or label that is not a level is "
                        + "written as a column instead.",
                GROUP_DATASET, ++order, Width.MEDIUM, "Path levels");
        def.define(LAYOUT_DATE_TIMEZONE, Type.STRING, "UTC", ConfigDefinition.named("a time zone id",
                        (name, value) -> check(name, value, v -> ZoneId.of(v.toString().trim()))), Importance.LOW,
                "Time zone of the dt= level, e.g. 'UTC' or 'Europe/Berlin'.",
                GROUP_DATASET, ++order, Width.SHORT, "Date level time zone");
        def.define(LAYOUT_PARTITION_COLUMNS_IN_FILES, Type.BOOLEAN, false, null, Importance.LOW,
                "Also write every path level as a string column inside the files (for readers that ignore paths). "
                        + "Off by default: Spark and DataFusion reject a column that is both in the path and in the file.",
                GROUP_DATASET, ++order, Width.SHORT, "Path levels also as columns");
        defineLabels(def, order);
    }

    private static void defineLabels(ConfigDef def, int start) {
        int order = start;
        def.define(LABEL_NORMALIZE, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "lower"),
                Importance.MEDIUM, "'lower': trim, collapse inner whitespace and lower-case every label before "
                        + "mapping ('  Billing  Dept' becomes 'billing dept'). 'none': labels are used as they come.",
                GROUP_DATASET, ++order, Width.SHORT, "Label normalisation");
        def.define(LABEL_MAPPING, Type.LIST, "", ConfigDefinition.named("source=target entries", (name, value) ->
                        check(name, value, v -> LabelRules.parseMapping(asList(v), LabelRules.Normalization.NONE))),
                Importance.MEDIUM, "Label renames applied after normalisation, e.g. 'billing dept=billing,tech "
                        + "support=technical' (sources are normalised too; split at the last '=').",
                GROUP_DATASET, ++order, Width.LONG, "Label mapping");
        def.define(LABEL_ALLOWED, Type.LIST, "", null, Importance.MEDIUM,
                "The known labels, in class-index order (e.g. 'billing,technical,accounts,shipping'). When set with "
                        + "label.unknown.policy 'other' or 'dlq', files get an int64 'label_id' column that Hugging "
                        + "Face reads as a ClassLabel with these names. Empty: every label is known.",
                GROUP_DATASET, ++order, Width.LONG, "Allowed labels");
        def.define(LABEL_UNKNOWN_POLICY, Type.STRING, LabelRules.UnknownLabelPolicy.KEEP.configValue(),
                ConfigDefinition.oneOf(LabelRules.UnknownLabelPolicy.class), Importance.MEDIUM,
                "A label outside label.allowed: 'keep' writes it, 'other' writes label.other.value instead, 'dlq' "
                        + "sends the resolved record to the dead-letter queue (its submission then times out).",
                GROUP_DATASET, ++order, Width.SHORT, "Unknown labels");
        def.define(LABEL_OTHER_VALUE, Type.STRING, "other", ConfigDefinition.named("a non-empty label",
                        (name, value) -> check(name, value, v -> {
                            if (v.toString().isBlank()) {
                                throw new IllegalArgumentException("give a non-empty label, e.g. 'other'");
                            }
                        })), Importance.LOW, "The label unknown labels become under label.unknown.policy=other.",
                GROUP_DATASET, ++order, Width.SHORT, "Other label");
        defineColumns(def, order);
    }

    private static void defineColumns(ConfigDef def, int start) {
        int order = start;
        def.define(FEATURES_NESTED, Type.STRING, Nesting.FLATTEN.configValue(), ConfigDefinition.oneOf(Nesting.class),
                Importance.MEDIUM, "How nested structs (Connect Structs, nested JSON objects) of the submitted event "
                        + "and of resolved.fields become columns. 'flatten': one column per leaf field, named by its "
                        + "path ('customer.tier' becomes 'customer_tier'); a new nested field becomes a new column. "
                        + "'group': a nested struct stays one column, a Parquet group (a struct in pyarrow, DuckDB "
                        + "and Spark, a dict in Hugging Face) with its fields as children ('customer' with child "
                        + "'tier'); a features.include path to a struct gives a group named after the path, a path "
                        + "to a leaf a flat column. A group keeps the children it was first written with: values "
                        + "lacking some are written with those null, a value with a new child or a child of another "
                        + "type is an incompatible type change (schema.type.change.policy). features.exclude and "
                        + "features.rename apply to top-level column names.",
                GROUP_DATASET, ++order, Width.SHORT, "Nested structs");
        def.define(FEATURES_RENAME, Type.LIST, "", ConfigDefinition.named("column=new_name entries",
                        (name, value) -> check(name, value, v -> DatasetSettings.parseRenames(asList(v)))),
                Importance.LOW, "Feature columns to rename, by column name (a flattened name, or a group's name with "
                        + "features.nested=group), e.g. 'customer_tier=tier'.",
                GROUP_DATASET, ++order, Width.LONG, "Feature renames");
        def.define(RESOLVED_FIELDS, Type.LIST, "", null, Importance.MEDIUM,
                "Dotted paths of the resolved event's fields written as extra columns (shaped like features by "
                        + "features.nested: 'resolution.text' becomes 'resolution_text'); null in timed-out rows.",
                GROUP_DATASET, ++order, Width.LONG, "Resolved-event columns");
        def.define(SCHEMA_TYPE_CHANGE_POLICY, Type.STRING, ColumnTypeGuard.Policy.DLQ.configValue(),
                ConfigDefinition.oneOf(ColumnTypeGuard.Policy.class), Importance.MEDIUM,
                "A value whose type differs from its column's (e.g. 'priority' was a number, now text): 'dlq' sends "
                        + "the record to the dead-letter queue; 'new_column' writes it to a new column named after "
                        + "its type ('priority__string'). New optional fields always become new nullable columns.",
                GROUP_DATASET, ++order, Width.SHORT, "Incompatible type changes");
        def.define(DATASET_MAX_OPEN_FILES, Type.INT, 64, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Open files per task (one per join unit, directory and split). Beyond it the least recently "
                        + "written file is committed early, so keep it at least the task's join units x splits x "
                        + "labels (plus one label for timed-out rows) with the default layout, or files get small. "
                        + "Each open file holds about parquet.page.bytes of heap besides its buffered rows.",
                GROUP_DATASET, ++order, Width.SHORT, "Open files per task");
        def.define(DATASET_MAX_BUFFERED_BYTES, Type.LONG, 128L * 1024 * 1024, ConfigDef.Range.atLeast(1024 * 1024),
                Importance.LOW, "Row-group bytes buffered in memory by all open files of a task. Beyond it the least "
                        + "recently written file is committed early.",
                GROUP_DATASET, ++order, Width.SHORT, "Buffered bytes per task");
        defineBounds(def, order);
    }

    private static void defineBounds(ConfigDef def, int start) {
        int order = start;
        def.define(DATASET_MAX_COLUMNS, Type.INT, ColumnTypeGuard.DEFAULT_MAX_COLUMNS, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "The most feature and resolved columns the dataset may have (the columns of the dataset card when "
                        + "a task starts, plus those its records bring). A record that would add a column beyond it "
                        + "goes to the dead-letter queue with a message naming the new columns and the fix (a nested "
                        + "object whose keys vary per record, e.g. free-form attributes, would otherwise add a column "
                        + "and a file per record); records whose columns the dataset has flow on. Exclude such a "
                        + "field (features.exclude), list the fields to keep (features.include), or raise this.",
                GROUP_DATASET, ++order, Width.SHORT, "Columns per dataset");
        def.define(LABEL_MAX_DISTINCT, Type.INT, DistinctLabels.DEFAULT_MAX_LABELS, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "The most distinct labels the dataset may have, when they are not bounded by label.allowed with "
                        + "label.unknown.policy 'other' or 'dlq' (the labels of the dataset card when a task starts, "
                        + "plus those its records bring). A resolved record with a new label beyond it goes to the "
                        + "dead-letter queue (its submission then times out), so a label.field pointed at free text "
                        + "cannot make a directory and a file per row. Raise it, or set label.allowed.",
                GROUP_DATASET, ++order, Width.SHORT, "Distinct labels");
    }

    private static List<String> asList(Object value) {
        return value instanceof List<?> list ? list.stream().map(Object::toString).toList()
                : List.of(String.valueOf(value).split(","));
    }

    private static void check(String name, Object value, Consumer<Object> parse) {
        try {
            parse.accept(value == null ? "" : value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ConfigException(name, value, capitalise(e.getMessage()) + ".");
        }
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
