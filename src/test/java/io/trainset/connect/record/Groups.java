package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fixtures of the features.nested=group tests: extractors that keep groups, columns, ordered maps. */
final class Groups {

    private Groups() {}

    /** An extractor with features.nested=group. */
    static FeatureExtractor grouping(
            List<String> includes, List<String> excludes, Map<String, String> renames, ColumnTypeGuard.Policy policy) {
        return new FeatureExtractor(
                includes.stream().map(FieldPath::parse).toList(),
                excludes,
                new FeatureOptions(
                        renames, Set.of(), Optional.empty(), false, new ColumnTypeGuard(policy), Nesting.GROUP));
    }

    /** Every top-level field, groups kept, type changes rejected. */
    static FeatureExtractor everything() {
        return grouping(List.of(), List.of(), Map.of(), ColumnTypeGuard.Policy.DLQ);
    }

    static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    /** A map in the order given, values may be null. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
