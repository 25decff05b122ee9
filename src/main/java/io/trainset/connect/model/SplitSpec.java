package io.trainset.connect.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How rows are split: named ratios in order (e.g. {@code train=0.8,validation=0.1,test=0.1}), a seed
 * that reshuffles every key when changed, and an optional time holdout after which every row goes to
 * {@code test}.
 *
 * @param ratios    the splits and their shares, summing to 1
 * @param seed      mixed into the hash; the same seed always gives the same splits
 * @param holdoutAfter rows submitted strictly after this instant go to {@link #HOLDOUT_SPLIT}
 */
public record SplitSpec(List<Ratio> ratios, String seed, Optional<Instant> holdoutAfter) {

    /** The split that a time holdout fills. */
    public static final String HOLDOUT_SPLIT = "test";
    /** The default ratios. */
    public static final String DEFAULT_RATIOS = "train=0.8,validation=0.1,test=0.1";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final double TOLERANCE = 1e-9;

    /** One split and its share of the keys or groups. */
    public record Ratio(String name, double share) {}

    public SplitSpec {
        ratios = List.copyOf(ratios);
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("name at least one split, e.g. '" + DEFAULT_RATIOS + "'");
        }
        double sum = ratios.stream().mapToDouble(Ratio::share).sum();
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(
                    "the split ratios add up to " + sum + ", not 1; e.g. '" + DEFAULT_RATIOS + "'");
        }
        if (holdoutAfter.isPresent() && ratios.stream().noneMatch(r -> r.name().equals(HOLDOUT_SPLIT))) {
            throw new IllegalArgumentException("a time holdout fills the split '" + HOLDOUT_SPLIT
                    + "', which the ratios do not name; add e.g. 'test=0.1'");
        }
    }

    /** The split names in order. */
    public List<String> names() {
        return ratios.stream().map(Ratio::name).toList();
    }

    /**
     * Parses {@code name=share} entries; names are lower-case identifiers (so Hugging Face detects
     * {@code train}, {@code validation}, {@code test} from file names), shares in (0, 1] summing to 1.
     */
    public static List<Ratio> parseRatios(List<String> entries) {
        List<Ratio> ratios = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : entries) {
            String entry = raw.trim();
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq).trim();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not 'name=share' with a lower-case name "
                        + "such as train, validation or test; e.g. '" + DEFAULT_RATIOS + "'");
            }
            double share;
            try {
                share = Double.parseDouble(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the share of '" + name + "' is not a number: '" + entry + "'");
            }
            if (!(share > 0 && share <= 1 + TOLERANCE)) {
                throw new IllegalArgumentException("the share of '" + name + "' must be in (0, 1], got " + share);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the split '" + name + "' is named twice");
            }
            ratios.add(new Ratio(name, share));
        }
        return ratios;
    }
}
