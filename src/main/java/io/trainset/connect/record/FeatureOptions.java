package io.trainset.connect.record;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link FeatureExtractor} shapes columns besides includes and excludes.
 *
 * @param renames          column name (flattened, or a group's) to the name written (applied after excludes)
 * @param reservedNames    names no column may take besides Trainset's own (path levels, resolved columns)
 * @param groupField       the field whose value is the row's split group (submitted events only)
 * @param missingIncludesAreNull a listed field that a Struct schema lacks is left out instead of failing
 * @param guard            keeps each column at one type across the task
 * @param nesting          whether nested structs are flattened to columns or kept as groups
 * @param renameReserved   a column named like a reserved one is written under a moved name
 *                         ({@code feature_submitted_at}); false: the value is rejected (resolved.fields, which
 *                         the configuration names explicitly)
 */
public record FeatureOptions(
        Map<String, String> renames,
        Set<String> reservedNames,
        Optional<FieldPath> groupField,
        boolean missingIncludesAreNull,
        ColumnTypeGuard guard,
        Nesting nesting,
        boolean renameReserved) {

    public FeatureOptions {
        renames = Map.copyOf(renames);
        reservedNames = Set.copyOf(reservedNames);
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(nesting, "nesting");
    }

    /** Options that rename reserved names ({@code renameReserved}). */
    public FeatureOptions(
            Map<String, String> renames,
            Set<String> reservedNames,
            Optional<FieldPath> groupField,
            boolean missingIncludesAreNull,
            ColumnTypeGuard guard,
            Nesting nesting) {
        this(renames, reservedNames, groupField, missingIncludesAreNull, guard, nesting, true);
    }

    /** The walking skeleton's behaviour: no renames, no split group field, types guarded by DLQ, nested structs flattened, reserved names renamed. */
    public static FeatureOptions defaults() {
        return new FeatureOptions(
                Map.of(),
                Set.of(),
                Optional.empty(),
                false,
                new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ),
                Nesting.FLATTEN);
    }

    /** These options with nested structs shaped by {@code nesting}. */
    public FeatureOptions with(Nesting nesting) {
        return new FeatureOptions(
                renames, reservedNames, groupField, missingIncludesAreNull, guard, nesting, renameReserved);
    }
}
