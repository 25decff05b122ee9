package io.trainset.connect.output.iceberg;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The commits of the join units in a table's history: each append's snapshot summary records its unit, sequence and
 * writer token ({@link #UNIT}, {@link #SEQUENCE}, {@link #TOKEN}). A unit's sequences grow along the history, so a
 * walk back from the current snapshot stops at the unit's first commit older than the one looked for: the walk is as
 * long as the commits of other units since then, not as the table's history.
 */
final class UnitCommits {

    static final String UNIT = "trainset.unit";
    static final String SEQUENCE = "trainset.sequence";
    static final String TOKEN = "trainset.token";
    static final String CONNECTOR = "trainset.connector";

    private UnitCommits() {}

    /** True when the history up to the table's current snapshot holds commit {@code sequence} of {@code unit}. */
    static boolean published(Table table, int unit, long sequence) {
        Snapshot current = table.currentSnapshot();
        return current != null
                && inAncestry(SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot), unit, sequence);
    }

    /**
     * Refuses an append of commit {@code sequence} of {@code unit} when the history it would be added to holds it
     * already: checked again on every retry of the commit, against the snapshot it is retried on, so two writers
     * publishing one commit at the same time append it once.
     */
    static SnapshotAncestryValidator notYetIn(int unit, long sequence) {
        return new SnapshotAncestryValidator() {
            @Override
            public boolean validate(Iterable<Snapshot> ancestry) {
                return !inAncestry(ancestry, unit, sequence);
            }

            @Override
            public String errorMessage() {
                return alreadyMessage(unit, sequence);
            }
        };
    }

    static String alreadyMessage(int unit, long sequence) {
        return "Commit " + sequence + " of unit " + unit + " is in the table already";
    }

    /**
     * The writer tokens of the unit's commits from the newest back to the first older than {@code oldest}, by
     * sequence; {@code complete} tells whether the walk reached such an older commit (so a sequence from
     * {@code oldest} on that is not in the map was never published), rather than the start of the history.
     */
    static Published tokens(Table table, int unit, long oldest) {
        Map<Long, String> tokens = new HashMap<>();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return new Published(tokens, false);
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            Optional<Long> sequence = sequenceOf(snapshot, unit);
            if (sequence.isEmpty()) {
                continue;
            }
            if (sequence.get() < oldest) {
                return new Published(tokens, true);
            }
            tokens.put(sequence.get(), snapshot.summary().getOrDefault(TOKEN, ""));
        }
        return new Published(tokens, false);
    }

    record Published(Map<Long, String> tokens, boolean complete) {}

    private static boolean inAncestry(Iterable<Snapshot> ancestry, int unit, long sequence) {
        for (Snapshot snapshot : ancestry) {
            Optional<Long> found = sequenceOf(snapshot, unit);
            if (found.isPresent() && found.get() <= sequence) {
                return found.get() == sequence;
            }
        }
        return false;
    }

    private static Optional<Long> sequenceOf(Snapshot snapshot, int unit) {
        Map<String, String> summary = snapshot.summary();
        if (summary == null || !String.valueOf(unit).equals(summary.get(UNIT)) || !summary.containsKey(SEQUENCE)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(summary.get(SEQUENCE)));
    }
}
