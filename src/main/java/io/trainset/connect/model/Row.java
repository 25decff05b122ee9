package io.trainset.connect.model;

import java.util.List;
import java.util.Objects;

/**
 * One training example.
 *
 * @param key the join key
 * @param features the submitted event's feature columns
 * @param label the label, or null when the row timed out
 * @param submittedAtMs the submitted event's time, epoch ms
 * @param resolvedAtMs the resolved event's time, epoch ms, or null
 * @param status how the row came about
 * @param resolutionCount how many resolutions of the key the join saw for this row (0 when timed out)
 * @param sources the input records the row was made from
 * @param resolved the resolved event's extra columns (empty when unresolved)
 * @param version the row's place in its case (early-label mode); {@link Version#FINAL_V1} without the mode
 */
public record Row(
        String key,
        Features features,
        String label,
        long submittedAtMs,
        Long resolvedAtMs,
        JoinStatus status,
        int resolutionCount,
        List<SourcePosition> sources,
        Features resolved,
        Version version) {

    public Row {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(version, "version");
        sources = List.copyOf(sources);
        if (status == JoinStatus.PROVISIONAL && version.number() != 1) {
            throw new IllegalArgumentException(
                    "label version " + version.number() + " of a " + status.value() + " row");
        }
        version = version.anchoredAt(submittedAtMs);
    }

    /** A row of version 1 without resolved columns, a case anchored at its submitted time (no early-label mode). */
    public Row(
            String key,
            Features features,
            String label,
            long submittedAtMs,
            Long resolvedAtMs,
            JoinStatus status,
            int resolutionCount,
            List<SourcePosition> sources) {
        this(
                key,
                features,
                label,
                submittedAtMs,
                resolvedAtMs,
                status,
                resolutionCount,
                sources,
                Features.EMPTY,
                Version.FINAL_V1);
    }

    /**
     * The early-label fields of a row (docs/join-semantics.md, "Early labels").
     *
     * @param number the row's version within its case: 1 for a provisional row and for the final row of a case
     *     without one, 2 for the final row of a case that had a provisional row
     * @param caseStartedAtMs the anchor time of the row's case (provisional and final rows of one case share it),
     *     epoch ms; null when it is the row's submitted time
     * @param labelDeadlineMs the end of the window the row was judged by when it is not the dataset's default
     *     (its case's start + {@code join.window.after.ms}): a provisional row's early point, or the end of the window of
     *     a case that a late earlier version joined after its provisional row; else null
     */
    public record Version(int number, Long caseStartedAtMs, Long labelDeadlineMs) {

        /** Every row without the early-label mode: version 1, its case anchored at its submitted time. */
        public static final Version FINAL_V1 = new Version(1, null, null);

        public Version {
            if (number < 1 || number > 2) {
                throw new IllegalArgumentException("label version " + number + ": 1 or 2");
            }
        }

        /** Version {@code number} of the case anchored at {@code caseStartedAtMs}, judged by the default deadline. */
        public static Version of(int number, long caseStartedAtMs) {
            return new Version(number, caseStartedAtMs, null);
        }

        /**
         * The same version with a case start equal to {@code submittedAtMs} left implicit (one form per meaning):
         * {@link #FINAL_V1} itself when it equals it, so that rows without the mode allocate none.
         */
        Version anchoredAt(long submittedAtMs) {
            if (caseStartedAtMs == null || caseStartedAtMs != submittedAtMs) {
                return this;
            }
            return number == 1 && labelDeadlineMs == null ? FINAL_V1 : new Version(number, null, labelDeadlineMs);
        }
    }

    /** The row's version within its case (early-label mode): see {@link Version#number()}. */
    public int labelVersion() {
        return version.number();
    }

    /** The anchor time of the row's case, epoch ms: its submitted time unless the version says otherwise. */
    public long caseStartedAtMs() {
        return version.caseStartedAtMs() != null ? version.caseStartedAtMs() : submittedAtMs;
    }

    /** The end of the window the row was judged by when it is not the dataset's default, else null. */
    public Long labelDeadlineMs() {
        return version.labelDeadlineMs();
    }

    /** Whether this is its case's final row: every row but a provisional one. */
    public boolean labelFinal() {
        return status != JoinStatus.PROVISIONAL;
    }

    /** Time from submission to resolution in ms, or null when unresolved. */
    public Long resolutionMs() {
        return resolvedAtMs == null ? null : resolvedAtMs - submittedAtMs;
    }

    /** What the split is a function of: the configured group's value, or the join key when there is none. */
    public String splitKey() {
        return features.group() != null ? features.group() : key;
    }
}
