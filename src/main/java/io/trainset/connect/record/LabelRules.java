package io.trainset.connect.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a raw label becomes: normalised ({@code lower}: trimmed, inner whitespace collapsed, case
 * folded), then mapped ({@code Billing Dept=billing}; mapping sources are normalised the same way),
 * then checked against the allowed set, if any: an unknown label is kept, replaced by the
 * {@code other} value, or rejected (the record goes to the dead-letter queue).
 *
 * @param normalization how raw labels are normalised before mapping
 * @param mapping       normalised source label to target label
 * @param allowed       the known labels in order (empty: every label is known)
 * @param unknownPolicy what happens to a label outside {@code allowed}
 * @param otherValue    the label that replaces unknown ones under {@link UnknownLabelPolicy#OTHER}
 */
public record LabelRules(
        Normalization normalization,
        Map<String, String> mapping,
        List<String> allowed,
        UnknownLabelPolicy unknownPolicy,
        String otherValue) {

    /** How raw labels are normalised. */
    public enum Normalization {
        /** Labels are used as they are. */
        NONE,
        /** Trimmed, inner whitespace collapsed to one space, lower-cased (Unicode case folding, ROOT locale). */
        LOWER;

        public String apply(String label) {
            return this == NONE ? label : label.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to a label outside the allowed set. */
    public enum UnknownLabelPolicy {
        /** Write it as it is. */
        KEEP,
        /** Write the configured 'other' label instead. */
        OTHER,
        /** Reject the resolved record: it goes to the dead-letter queue, and its submission may time out. */
        DLQ;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Thrown for a label the rules reject; the message names the label and the fix. */
    public static final class UnknownLabelException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownLabelException(String message) {
            super(message);
        }
    }

    public LabelRules {
        mapping = Map.copyOf(mapping);
        allowed = List.copyOf(new LinkedHashSet<>(allowed));
    }

    /** Labels used as they come. */
    public static LabelRules none() {
        return new LabelRules(Normalization.NONE, Map.of(), List.of(), UnknownLabelPolicy.KEEP, "other");
    }

    /** Parses {@code source=target} entries (split at the last '=', so a source may hold '='), normalising sources. */
    public static Map<String, String> parseMapping(List<String> entries, Normalization normalization) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + entry + "' is not 'source=target', e.g. 'Billing Dept=billing'");
            }
            String source = normalization.apply(entry.substring(0, eq).trim());
            if (mapping.put(source, entry.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("the label '" + source + "' is mapped twice");
            }
        }
        return mapping;
    }

    /** The label to write for a raw label; throws {@link UnknownLabelException} under {@link UnknownLabelPolicy#DLQ}. */
    public String apply(String raw) {
        String normalised = normalization.apply(raw);
        String label = mapping.getOrDefault(normalised, normalised);
        if (allowed.isEmpty() || allowed.contains(label)) {
            return label;
        }
        return switch (unknownPolicy) {
            case KEEP -> label;
            case OTHER -> otherValue;
            case DLQ ->
                throw new UnknownLabelException(
                        "the label '" + label + "' (raw '" + raw + "') is not one of " + "label.allowed " + allowed);
        };
    }

    /**
     * The class names a Hugging Face {@code ClassLabel} gets, in index order: the allowed labels, plus
     * the 'other' label under {@link UnknownLabelPolicy#OTHER}; empty when no allowed set is configured
     * or unknown labels are kept (then the names are not known in advance).
     */
    public Optional<List<String>> classNames() {
        if (allowed.isEmpty() || unknownPolicy == UnknownLabelPolicy.KEEP) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>(allowed);
        if (unknownPolicy == UnknownLabelPolicy.OTHER) {
            names.add(otherValue);
        }
        return Optional.of(List.copyOf(new ArrayList<>(names)));
    }
}
