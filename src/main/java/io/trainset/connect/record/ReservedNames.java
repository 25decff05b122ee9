package io.trainset.connect.record;

import io.trainset.connect.model.DatasetColumns;
import java.util.HashSet;
import java.util.Set;

/**
 * The names a feature column may not be written under (the columns Trainset writes itself, path
 * levels, resolved-event columns) and the one rule that moves a feature off them: a name that is
 * reserved, or is {@link #PREFIX} repeated before a reserved name, gets one more {@code PREFIX}
 * ({@code submitted_at} → {@code feature_submitted_at}, {@code feature_submitted_at} →
 * {@code feature_feature_submitted_at}). The written name depends on the name alone, never on the
 * record's other fields, so a column keeps its name across records and restarts; and two names never
 * meet (a renamed name is always one the rule moves, an unmoved one never is), nor does a moved name
 * meet a reserved one unless a reserved name itself starts with {@code PREFIX}.
 */
final class ReservedNames {

    /** What a reserved feature name is prefixed with. */
    static final String PREFIX = "feature_";

    private final Set<String> reserved;

    /** Trainset's own columns ({@link DatasetColumns#RESERVED}) and {@code more}. */
    ReservedNames(Set<String> more) {
        Set<String> all = new HashSet<>(DatasetColumns.RESERVED);
        all.addAll(more);
        this.reserved = Set.copyOf(all);
    }

    /** The name a feature column named {@code name} is written under. */
    String written(String name) {
        return isMoved(name) ? PREFIX + name : name;
    }

    /** Whether {@code name} is a reserved name with {@link #PREFIX} before it zero or more times. */
    private boolean isMoved(String name) {
        String rest = name;
        while (!reserved.contains(rest)) {
            if (!rest.startsWith(PREFIX)) {
                return false;
            }
            rest = rest.substring(PREFIX.length());
        }
        return true;
    }
}
