package io.trainset.connect.output.iceberg;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The commits of the join units in a table: each append's snapshot summary records its unit, sequence and writer
 * token ({@link #UNIT}, {@link #SEQUENCE}, {@link #TOKEN}), and the same transaction raises the unit's high-water mark,
 * a table property ({@link #highWater}) that outlives snapshot expiry. A unit publishes its commits in sequence order,
 * so a commit is in the table when the unit's high-water mark or its newest commit in the history is at or past it:
 * a walk back from the current snapshot stops at the unit's newest commit.
 */
final class UnitCommits {

    static final String UNIT = "trainset.unit";
    static final String SEQUENCE = "trainset.sequence";
    static final String TOKEN = "trainset.token";
    static final String CONNECTOR = "trainset.connector";

    private static final String HIGH_WATER_PREFIX = "trainset.unit.";
    private static final String HIGH_WATER_SUFFIX = ".sequence";

    private UnitCommits() {}

    /** True when the table holds commit {@code sequence} of {@code unit}: its high-water mark or history say so. */
    static boolean published(Table table, int unit, long sequence) {
        String highWater = table.properties().get(highWater(unit));
        if (highWater != null && Long.parseLong(highWater) >= sequence) {
            return true;
        }
        Snapshot current = table.currentSnapshot();
        return current != null
                && inAncestry(SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot), unit, sequence);
    }

    /** The table property holding the newest sequence of {@code unit} appended, set with each append. */
    static String highWater(int unit) {
        return HIGH_WATER_PREFIX + unit + HIGH_WATER_SUFFIX;
    }

    /**
     * Refuses an append of commit {@code sequence} of {@code unit} when the history it would be added to holds it or a
     * later commit of the unit already: checked again on every retry of the commit, against the snapshot it is retried
     * on, so two writers publishing one commit at the same time append it once, and a paused zombie's old commit is
     * refused once a newer one is in.
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

    /** True when the unit's newest commit in {@code ancestry} (newest snapshot first) is at or past {@code sequence}. */
    private static boolean inAncestry(Iterable<Snapshot> ancestry, int unit, long sequence) {
        for (Snapshot snapshot : ancestry) {
            Optional<Long> found = sequenceOf(snapshot, unit);
            if (found.isPresent()) {
                return found.get() >= sequence;
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
