package io.trainset.connect.record;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.Resolution;
import java.util.Optional;

/**
 * What a resolved event contributes besides its key: the label after the label rules (normalised,
 * mapped, checked against the allowed set and the bound on distinct labels) and the configured extra
 * columns of the resolved event. A rejected record leaves no trace: {@link #accept} counts the label
 * and establishes the extra columns of an accepted one.
 */
public final class ResolutionExtractor {

    private final LabelRules labels;
    private final Optional<FeatureExtractor> columns;
    private final DistinctLabels distinct;
    private final LabelPathBound pathBound;

    /**
     * With the distinct labels bounded by {@code distinct}, and the bound on labels that are a path level
     * (checked by {@link EventExtractor}).
     */
    public ResolutionExtractor(
            LabelRules labels, Optional<FeatureExtractor> columns, DistinctLabels distinct, LabelPathBound pathBound) {
        this.labels = labels;
        this.columns = columns;
        this.distinct = distinct;
        this.pathBound = pathBound;
    }

    /** How long a label may be as a path level. */
    LabelPathBound pathBound() {
        return pathBound;
    }

    /**
     * The resolution of a resolved event with this raw label; throws {@link IllegalArgumentException}
     * (with the reason) for a label the rules or bounds reject or extra columns that cannot be read; the
     * label is counted and the extra columns established.
     */
    public Resolution resolve(String rawLabel, Object value) {
        discardStaged();
        Resolution resolution = stage(rawLabel, value);
        accept(resolution);
        return resolution;
    }

    /**
     * {@link #resolve} changing nothing yet: the label is checked before the extra columns are read, and
     * counts among the distinct labels (as the extra columns are established) only once the record is
     * {@link #accept accepted}.
     */
    Resolution stage(String rawLabel, Object value) {
        String label = checked(labels.apply(rawLabel));
        Features extra = columns.isPresent() ? columns.get().stage(value) : Features.EMPTY;
        return new Resolution(label, extra);
    }

    /**
     * {@link #stage} with the extra columns' values as {@link FeatureExtractor#extractIncluded} takes
     * them (both null without extra columns).
     */
    Resolution stageIncluded(String rawLabel, Object[] included, String group) {
        String label = checked(labels.apply(rawLabel));
        Features extra = columns.isPresent() ? columns.get().stageIncluded(included, group) : Features.EMPTY;
        return new Resolution(label, extra);
    }

    /** Counts the label of an accepted record and establishes its extra columns. */
    void accept(Resolution resolution) {
        distinct.admit(resolution.label());
        columns.ifPresent(FeatureExtractor::establishStaged);
    }

    /** Forgets the extra columns staged by an earlier record that was not accepted. */
    void discardStaged() {
        columns.ifPresent(FeatureExtractor::discardStaged);
    }

    /**
     * The label once checked against the path-level bound, then against the bound on distinct labels
     * (in that order: a label too long for a path is reported as such), counting nothing.
     */
    private String checked(String label) {
        if (label != null && label.isEmpty() && pathBound.maxLevelBytes() > 0) {
            throw new EmptyLabelLevel();
        }
        pathBound.excess(label).ifPresent(bytes -> {
            throw new LabelTooLong(label, bytes);
        });
        distinct.check(label);
        return label;
    }

    /**
     * An empty label where the label is a path level: Hive layout writes it as the null partition, so readers
     * could not tell it from the null label of a timed-out row. {@link EventExtractor} reports it.
     */
    static final class EmptyLabelLevel extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        EmptyLabelLevel() {
            super("the label is empty");
        }
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
