package io.trainset.connect.config;

import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.SplitSpec;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.LabelRules;
import io.trainset.connect.record.Nesting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed values of the configuration's Dataset group ({@link DatasetConfig}).
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
public record DatasetSettings(
        SplitSpec splits,
        Optional<FieldPath> groupField,
        LayoutSpec layout,
        LabelRules labels,
        Map<String, String> featureRenames,
        Nesting nesting,
        List<FieldPath> resolvedFields,
        ColumnTypeGuard.Policy typeChangePolicy,
        int maxOpenFiles,
        long maxBufferedBytes,
        int maxColumns,
        int maxLabels) {}
