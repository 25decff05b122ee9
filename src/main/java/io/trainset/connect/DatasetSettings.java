package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.*;

import io.trainset.connect.record.LabelRules;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.model.Policies;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.Nesting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The typed values of the configuration's Dataset group.
 *
 * @param splits           split ratios, seed and time holdout
 * @param groupField       the submitted event's field whose value the split is a function of; empty: the join key
 * @param layout           path levels, date time zone, whether path levels are also file columns
 * @param labels           label normalisation, mapping, allowed set and unknown-label policy
 * @param featureRenames   feature column name (flattened, or a group's) to the name written
 * @param nesting          whether nested structs are flattened to columns or kept as groups
 * @param resolvedFields   fields of the resolved event written as extra columns
 * @param typeChangePolicy what a value of another type than its column's does
 * @param maxOpenFiles     open files per task before the least recently written is committed
 * @param maxBufferedBytes row-group bytes buffered per task before the least recently written file is committed
 * @param maxColumns       the most feature and resolved columns of the dataset
 * @param maxLabels        the most distinct labels of the dataset, when label.allowed does not bound them
 */
public record DatasetSettings(SplitSpec splits, Optional<FieldPath> groupField, LayoutSpec layout, LabelRules labels,
                              Map<String, String> featureRenames, Nesting nesting, List<FieldPath> resolvedFields,
                              ColumnTypeGuard.Policy typeChangePolicy, int maxOpenFiles, long maxBufferedBytes,
                              int maxColumns, int maxLabels) {

    static DatasetSettings parse(TrainsetSinkConfig config) {
        String holdout = config.getString(SPLIT_HOLDOUT_AFTER).trim();
        SplitSpec splits = new SplitSpec(SplitSpec.parseRatios(config.getList(SPLIT_RATIOS)),
                config.getString(SPLIT_SEED), holdout.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(holdout)));
        String group = config.getString(SPLIT_GROUP_FIELD).trim();
        LayoutSpec layout = new LayoutSpec(config.getList(LAYOUT_PARTITIONS).stream().map(PathLevel::parse).toList(),
                ZoneId.of(config.getString(LAYOUT_DATE_TIMEZONE).trim()),
                config.getBoolean(LAYOUT_PARTITION_COLUMNS_IN_FILES));
        LabelRules.Normalization normalization = LabelRules.Normalization.valueOf(upper(config.getString(LABEL_NORMALIZE)));
        LabelRules labels = new LabelRules(normalization,
                LabelRules.parseMapping(config.getList(LABEL_MAPPING), normalization),
                config.getList(LABEL_ALLOWED).stream().map(String::trim).toList(),
                LabelRules.UnknownLabelPolicy.valueOf(upper(config.getString(LABEL_UNKNOWN_POLICY))),
                config.getString(LABEL_OTHER_VALUE).trim());
        return new DatasetSettings(splits, group.isEmpty() ? Optional.empty() : Optional.of(FieldPath.parse(group)),
                layout, labels, parseRenames(config.getList(FEATURES_RENAME)),
                Policies.parse(Nesting.class, config.getString(FEATURES_NESTED)),
                config.getList(RESOLVED_FIELDS).stream().map(FieldPath::parse).toList(),
                ColumnTypeGuard.Policy.valueOf(upper(config.getString(SCHEMA_TYPE_CHANGE_POLICY))),
                config.getInt(DATASET_MAX_OPEN_FILES), config.getLong(DATASET_MAX_BUFFERED_BYTES),
                config.getInt(DATASET_MAX_COLUMNS), config.getInt(LABEL_MAX_DISTINCT));
    }

    /** Parses {@code column=new_name} entries; both sides must be column names every reader accepts. */
    static Map<String, String> parseRenames(List<String> entries) {
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

    private static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
