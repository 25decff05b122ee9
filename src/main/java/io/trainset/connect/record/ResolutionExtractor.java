package io.trainset.connect.record;

import io.trainset.connect.dataset.DistinctLabels;
import io.trainset.connect.dataset.Features;
import io.trainset.connect.dataset.LabelPathBound;
import io.trainset.connect.dataset.LabelRules;
import io.trainset.connect.dataset.Resolution;
import java.util.Optional;

/**
 * What a resolved event contributes besides its key: the label after the label rules (normalised,
 * mapped, checked against the allowed set, counted against the bound on distinct labels) and the
 * configured extra columns of the resolved event.
 */
public final class ResolutionExtractor {

    private final LabelRules labels;
    private final Optional<FeatureExtractor> columns;
    private final DistinctLabels distinct;
    private final LabelPathBound pathBound;

    public ResolutionExtractor(LabelRules labels, Optional<FeatureExtractor> columns) {
        this(labels, columns, DistinctLabels.unbounded(), LabelPathBound.none());
    }

    /**
     * With the distinct labels bounded by {@code distinct}, and the bound on labels that are a path level
     * (checked by {@link EventExtractor}).
     */
    public ResolutionExtractor(LabelRules labels, Optional<FeatureExtractor> columns, DistinctLabels distinct,
                               LabelPathBound pathBound) {
        this.labels = labels;
        this.columns = columns;
        this.distinct = distinct;
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
        return new Resolution(admitted(label), extra);
    }

    /**
     * {@link #resolve} with the extra columns' values as {@link FeatureExtractor#extractIncluded} takes
     * them (both null without extra columns).
     */
    Resolution resolveIncluded(String rawLabel, Object[] included, String group) {
        String label = labels.apply(rawLabel);
        Features extra = columns.isPresent() ? columns.get().extractIncluded(included, group) : Features.EMPTY;
        return new Resolution(admitted(label), extra);
    }

    /**
     * The label once it passed the path-level bound and was counted against the bound on distinct labels
     * (in that order: a label too long for a path never takes a place among the distinct labels).
     */
    private String admitted(String label) {
        pathBound.excess(label).ifPresent(bytes -> {
            throw new LabelTooLong(label, bytes);
        });
        return distinct.admit(label);
    }

    /** A label longer than a path level may be: {@link EventExtractor} reports it with the bound and the fix. */
    static final class LabelTooLong extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient String label;
        private final int bytes;

        LabelTooLong(String label, int bytes) {
            super("the label is " + bytes + " bytes as a path level");
            this.label = label;
            this.bytes = bytes;
        }

        String label() {
            return label;
        }

        int bytes() {
            return bytes;
        }
    }

    /** The extractor of the extra columns, when resolved.fields lists some. */
    Optional<FeatureExtractor> columns() {
        return columns;
    }
}
