package io.trainset.connect.record;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.Resolution;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the JSON reader ({@link ValueReader#readFields}) puts every field an {@link EventExtractor}
 * reads: the key, label, time and type fields, and the included features and resolved columns with
 * their split group. Resolved once per configuration, so a record is read into slots and its rows'
 * values taken from them, with no map in between.
 */
final class FieldSlots {

    /** One feature extractor's includes and split group field, as slots. */
    private record Included(FeatureExtractor extractor, ValueReader.FieldSlot[] includes, ValueReader.FieldSlot group) {

        static Included of(FeatureExtractor extractor, ValueReader values) {
            List<FieldPath> paths = extractor.includes();
            ValueReader.FieldSlot[] includes = new ValueReader.FieldSlot[paths.size()];
            for (int i = 0; i < includes.length; i++) {
                includes[i] = values.slot(paths.get(i));
            }
            return new Included(
                    extractor,
                    includes,
                    extractor.groupField().map(values::slot).orElse(null));
        }

        /** The values at the includes, in {@code into} (reused: extractIncluded does not keep it). */
        Object[] values(Object[] slots, Object[] into) {
            Object[] included = into;
            for (int i = 0; i < included.length; i++) {
                included[i] = includes[i].get(slots);
            }
            return included;
        }

        String group(Object[] slots) {
            return group == null ? null : ColumnValues.asText(group.get(slots));
        }
    }

    private final Map<FieldPath, ValueReader.FieldSlot> fields = new IdentityHashMap<>();
    private final Included features;
    private final Optional<Included> resolved;
    private final Object[] featureValues;
    private final Object[] resolvedValues;

    private FieldSlots(ValueReader values, List<FieldPath> paths, Included features, Optional<Included> resolved) {
        paths.forEach(path -> fields.put(path, values.slot(path)));
        this.features = features;
        this.resolved = resolved;
        this.featureValues = new Object[features.includes().length];
        this.resolvedValues = new Object[resolved.map(r -> r.includes().length).orElse(0)];
    }

    /**
     * The slots of {@code paths} (the extractor's own fields) and of the extractors' includes, or
     * empty when the values are not read into slots: not JSON text, or every field is wanted (no
     * includes), which the map path handles.
     */
    static Optional<FieldSlots> of(
            ValueReader values, List<FieldPath> paths, FeatureExtractor features, ResolutionExtractor resolutions) {
        boolean everyField = features.includes().isEmpty()
                || resolutions.columns().map(c -> c.includes().isEmpty()).orElse(false);
        if (!values.readsFields() || everyField) {
            return Optional.empty();
        }
        return Optional.of(new FieldSlots(
                values,
                paths,
                Included.of(features, values),
                resolutions.columns().map(c -> Included.of(c, values))));
    }

    /** The value of one of the extractor's own fields (one of the paths given at creation). */
    Object get(FieldPath path, Object[] slots) {
        return fields.get(path).get(slots);
    }

    Features features(Object[] slots) {
        return features.extractor().stageIncluded(features.values(slots, featureValues), features.group(slots));
    }

    Resolution resolution(ResolutionExtractor resolutions, String rawLabel, Object[] slots) {
        return resolved.isEmpty()
                ? resolutions.stageIncluded(rawLabel, null, null)
                : resolutions.stageIncluded(
                        rawLabel,
                        resolved.get().values(slots, resolvedValues),
                        resolved.get().group(slots));
    }
}
