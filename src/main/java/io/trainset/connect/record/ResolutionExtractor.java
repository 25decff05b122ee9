package io.trainset.connect.record;

import io.trainset.connect.dataset.Features;
import io.trainset.connect.dataset.LabelPathBound;
import io.trainset.connect.dataset.LabelRules;
import io.trainset.connect.dataset.Resolution;
import java.util.Optional;

/**
 * What a resolved event contributes besides its key: the label after the label rules (normalised,
 * mapped, checked against the allowed set) and the configured extra columns of the resolved event.
 */
public final class ResolutionExtractor {

    private final LabelRules labels;
    private final Optional<FeatureExtractor> columns;
    private final LabelPathBound pathBound;

    public ResolutionExtractor(LabelRules labels, Optional<FeatureExtractor> columns) {
        this(labels, columns, LabelPathBound.none());
    }

    /** With the bound on labels that are a path level (checked by {@link EventExtractor}). */
    public ResolutionExtractor(LabelRules labels, Optional<FeatureExtractor> columns, LabelPathBound pathBound) {
        this.labels = labels;
        this.columns = columns;
        this.pathBound = pathBound;
    }

    /** How long a label may be as a path level. */
    LabelPathBound pathBound() {
        return pathBound;
    }

    /** Labels used as they come, no extra columns. */
    public static ResolutionExtractor plain() {
        return new ResolutionExtractor(LabelRules.none(), Optional.empty());
    }

    /**
     * The resolution of a resolved event with this raw label; throws {@link IllegalArgumentException}
     * (with the reason) for a label the rules reject or extra columns that cannot be read.
     */
    public Resolution resolve(String rawLabel, Object value) {
        String label = labels.apply(rawLabel);
        Features extra = columns.isPresent() ? columns.get().extract(value) : Features.EMPTY;
        return new Resolution(label, extra);
    }

    /**
     * {@link #resolve} with the extra columns' values as {@link FeatureExtractor#extractIncluded} takes
     * them (both null without extra columns).
     */
    Resolution resolveIncluded(String rawLabel, Object[] included, String group) {
        String label = labels.apply(rawLabel);
        Features extra = columns.isPresent() ? columns.get().extractIncluded(included, group) : Features.EMPTY;
        return new Resolution(label, extra);
    }

    /** The extractor of the extra columns, when resolved.fields lists some. */
    Optional<FeatureExtractor> columns() {
        return columns;
    }
}
