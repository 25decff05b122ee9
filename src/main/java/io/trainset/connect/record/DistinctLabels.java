package io.trainset.connect.record;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds the distinct labels of a dataset (label.max.distinct): the labels the dataset card listed
 * when the task started ({@link #seen}) and those the task admitted since. A new label beyond the
 * bound is rejected ({@link TooManyLabels}) with a message naming the bound and the fix, so a label
 * field pointed at free text cannot make a directory and a file per row, nor a card that grows with
 * every row. {@link #check} counts nothing, so a record can be checked first and its label admitted
 * only once the whole record is accepted. Used on the task thread only; not thread-safe.
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
     * Throws {@link TooManyLabels} for a label not seen before when the dataset has {@code max} labels
     * already; counts nothing ({@link #admit} does, once the record is accepted). Null (no label) passes.
     */
    public void check(String label) {
        if (label != null && labels.size() >= max && !labels.contains(label)) {
            throw new TooManyLabels(label, labels.size(), max);
        }
    }

    /** The label, once {@link #check checked} and counted. */
    public String admit(String label) {
        check(label);
        if (label != null) {
            labels.add(label);
        }
        return label;
    }

    /** A new label past label.max.distinct. */
    public static final class TooManyLabels extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        TooManyLabels(String label, int count, int max) {
            super("its label '" + quoted(label) + "' would be a new label beyond the " + count + " the dataset has, "
                    + "past label.max.distinct=" + max + " (is label.field pointed at free text?); set label.allowed "
                    + "with label.unknown.policy=other, map labels with label.mapping, point label.field at the "
                    + "label, or raise label.max.distinct");
            this.detail = "'" + quoted(label) + "', beside the " + count + " labels the dataset has, "
                    + "label.max.distinct=" + max;
        }

        private static String quoted(String label) {
            return label.length() > QUOTED_CHARS ? label.substring(0, QUOTED_CHARS) + "…" : label;
        }

        /** The label (at most 64 characters of it) and the counts: record content. */
        public String detail() {
            return detail;
        }
    }
}
