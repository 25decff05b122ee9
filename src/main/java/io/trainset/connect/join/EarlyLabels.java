package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import java.util.List;

/**
 * The early-label mode's rule (docs/join-semantics.md, "Early labels"): a case anchored at {@code A} whose window
 * holds no resolution at or before its early point {@code A + early} gets one provisional row once the unit's
 * watermark passes that point, with the features of the version a timeout at the early point would use (the first
 * version, or with {@code join.submission.versions=latest} the latest one at or before the point). The rule reads
 * event times only, so it is as deterministic as every other decision. Off when {@code early} is zero.
 *
 * @param earlyMs the early-label window in milliseconds, 0 when off
 * @param versions which submission version gives the features
 */
record EarlyLabels(long earlyMs, Policies.Versions versions) {

    static EarlyLabels of(JoinSettings settings) {
        return new EarlyLabels(settings.early().toMillis(), settings.versions());
    }

    boolean on() {
        return earlyMs > 0;
    }

    /** The early point of a case anchored at {@code anchor}. */
    long point(long anchor) {
        return Watermarks.plus(anchor, earlyMs);
    }

    /**
     * Whether the case anchored at {@code anchor}, whose earliest resolution in the window is {@code firstInWindow}
     * (or null), gets a provisional row: the mode is on and no resolution in its window is at or before the point.
     */
    boolean applies(long anchor, Event firstInWindow) {
        return on() && (firstInWindow == null || firstInWindow.timestampMs() > point(anchor));
    }

    /** The provisional outcome of a case whose held versions (sorted, the anchor first) are {@code caseVersions}. */
    JoinOutcome.Provisional provisional(List<Event> caseVersions) {
        long anchor = caseVersions.get(0).timestampMs();
        long point = point(anchor);
        Event chosen = caseVersions.get(0);
        if (versions == Policies.Versions.LATEST) {
            for (Event version : caseVersions) {
                if (version.timestampMs() <= point) {
                    chosen = version;
                }
            }
        }
        return new JoinOutcome.Provisional(chosen, point, anchor);
    }
}
