package io.trainset.connect.dataset;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds the distinct labels of a dataset (label.max.distinct): the labels the dataset card listed
 * when the task started ({@link #seen}) and those the task admitted since. A new label beyond the
 * bound is rejected with a message naming the bound and the fix, so a label field pointed at free
 * text cannot make a directory and a file per row, nor a card that grows with every row. Used on the
 * task thread only; not thread-safe.
 */
public final class DistinctLabels {

    /** The default of label.max.distinct. */
    public static final int DEFAULT_MAX_LABELS = 1000;
    /** How much of a rejected label its message quotes. */
    private static final int QUOTED_CHARS = 64;

    private final int max;
    private final Set<String> labels = new HashSet<>();

    public DistinctLabels(int max) {
        this.max = max;
    }

    /** No bound: the labels are bounded otherwise (label.allowed with 'other' or 'dlq'). */
    public static DistinctLabels unbounded() {
        return new DistinctLabels(Integer.MAX_VALUE);
    }

    /** Counts a label the dataset has, e.g. from the dataset card. */
    public void seen(String label) {
        labels.add(label);
    }

    /**
     * The label, once counted; throws {@link IllegalArgumentException} for a label not seen before when
     * the dataset has {@code max} labels already. Null (no label) passes.
     */
    public String admit(String label) {
        if (label == null || labels.contains(label)) {
            return label;
        }
        if (labels.size() >= max) {
            String quoted = label.length() > QUOTED_CHARS ? label.substring(0, QUOTED_CHARS) + "…" : label;
            throw new IllegalArgumentException("its label '" + quoted + "' would be a new label beyond the "
                    + labels.size() + " the dataset has, past label.max.distinct=" + max + " (is label.field "
                    + "pointed at free text?); set label.allowed with label.unknown.policy=other, map labels with "
                    + "label.mapping, point label.field at the label, or raise label.max.distinct");
        }
        labels.add(label);
        return label;
    }
}
