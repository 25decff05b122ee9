package io.trainset.connect.record;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column a feature path becomes: named by {@link ColumnNames}, left out when excluded, renamed as
 * configured, then moved off a reserved name ({@link ReservedNames}) when the options say so.
 */
final class FeatureNames {

    private final Set<String> excludes;
    private final Map<String, String> renames;
    /** Moves feature columns off reserved names ({@link FeatureOptions#renameReserved}), else null. */
    private final ReservedNames reserved;

    FeatureNames(List<String> excludes, FeatureOptions options) {
        this.excludes = Set.copyOf(excludes);
        this.renames = options.renames();
        this.reserved = options.renameReserved() ? new ReservedNames(options.reservedNames()) : null;
    }

    /** The column of {@code path} with values of {@code type}; null when it is excluded or the type is unknown. */
    Column column(FieldPath path, ColumnType type) {
        String name = ColumnNames.of(path);
        if (type == null || excludes.contains(name)) {
            return null;
        }
        String renamed = renames.getOrDefault(name, name);
        return new Column(reserved == null ? renamed : reserved.written(renamed), type);
    }
}
