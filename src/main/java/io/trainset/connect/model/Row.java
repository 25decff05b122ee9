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
 * @param labelVersion the row's version within its case (early-label mode): 1 for a provisional row and for the
 *     final row of a case without one, 2 for the final row of a case that had a provisional row
 * @param caseStartedAtMs the anchor time of the row's case (early-label mode: provisional and final rows of one case
 *     share it), epoch ms
 * @param labelDeadlineMs the end of the window the row was judged by when it is not the dataset's default
 *     (submitted time + {@code join.window.after.ms}): a provisional row's early point; else null
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
        int labelVersion,
        long caseStartedAtMs,
        Long labelDeadlineMs) {

    public Row {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resolved, "resolved");
        sources = List.copyOf(sources);
        if (labelVersion < 1 || labelVersion > 2 || status == JoinStatus.PROVISIONAL && labelVersion != 1) {
            throw new IllegalArgumentException("label version " + labelVersion + " of a " + status.value() + " row");
        }
    }

    /** A row of a case anchored at its submitted time, judged by the dataset's default deadline. */
    public Row(
            String key,
            Features features,
            String label,
            long submittedAtMs,
            Long resolvedAtMs,
            JoinStatus status,
            int resolutionCount,
            List<SourcePosition> sources,
            Features resolved,
            int labelVersion) {
        this(
                key,
                features,
                label,
                submittedAtMs,
                resolvedAtMs,
                status,
                resolutionCount,
                sources,
                resolved,
                labelVersion,
                submittedAtMs,
                null);
    }

    /** A row of version 1 (every row without the early-label mode). */
    public Row(
            String key,
            Features features,
            String label,
            long submittedAtMs,
            Long resolvedAtMs,
            JoinStatus status,
            int resolutionCount,
            List<SourcePosition> sources,
            Features resolved) {
        this(key, features, label, submittedAtMs, resolvedAtMs, status, resolutionCount, sources, resolved, 1);
    }

    public Row(
            String key,
            Features features,
            String label,
            long submittedAtMs,
            Long resolvedAtMs,
            JoinStatus status,
            int resolutionCount,
            List<SourcePosition> sources) {
        this(key, features, label, submittedAtMs, resolvedAtMs, status, resolutionCount, sources, Features.EMPTY);
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
