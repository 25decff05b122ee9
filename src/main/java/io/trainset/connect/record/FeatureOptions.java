package io.trainset.connect.record;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link FeatureExtractor} shapes columns besides includes and excludes.
 *
 * @param renames          flattened column name to the name written (applied after excludes)
 * @param reservedNames    names no column may take besides Trainset's own (path levels, resolved columns)
 * @param groupField       the field whose value is the row's split group (submitted events only)
 * @param missingIncludesAreNull a listed field that a Struct schema lacks is left out instead of failing
 * @param guard            keeps each column at one type across the task
 */
public record FeatureOptions(Map<String, String> renames, Set<String> reservedNames, Optional<FieldPath> groupField,
                             boolean missingIncludesAreNull, ColumnTypeGuard guard) {

    public FeatureOptions {
        renames = Map.copyOf(renames);
        reservedNames = Set.copyOf(reservedNames);
    }

    /** The walking skeleton's behaviour: no renames, no group, types guarded by DLQ. */
    public static FeatureOptions defaults() {
        return new FeatureOptions(Map.of(), Set.of(), Optional.empty(), false,
                new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ));
    }
}
