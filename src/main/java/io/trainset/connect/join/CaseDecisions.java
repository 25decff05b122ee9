package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns one decided case (its versions and the resolutions in its window) into outcomes, by policy. */
final class CaseDecisions {

    private final JoinSettings settings;

    CaseDecisions(JoinSettings settings) {
        this.settings = settings;
    }

    /**
     * Appends the outcomes of a case; {@code versions} and {@code window} are sorted and not empty/any; its rows are
     * of {@code row}: their label version (2 after a provisional row, else 1) and case start.
     */
    void decide(List<Event> versions, List<Event> window, long anchor, RowVersion row, List<JoinOutcome> out) {
        if (window.isEmpty()) {
            Event version = settings.versions() == Policies.Versions.FIRST
                    ? versions.get(0)
                    : versions.get(versions.size() - 1);
            out.add(new JoinOutcome.TimedOut(
                    version, settings.timedOut(), row.labelVersion(), row.caseStartMs(), row.windowEndMs()));
            ignoreAllBut(versions, version, out);
            return;
        }
        switch (settings.resolutions()) {
            case FIRST ->
                one(
                        versions,
                        window,
                        window.get(0),
                        countUpTo(window, Math.max(anchor, window.get(0).timestampMs())),
                        row,
                        out);
            case LAST -> one(versions, window, window.get(window.size() - 1), window.size(), row, out);
            case ALL -> all(versions, window, row, out);
        }
    }

    private void one(
            List<Event> versions,
            List<Event> window,
            Event resolution,
            int count,
            RowVersion row,
            List<JoinOutcome> out) {
        Event version = versionFor(resolution, versions);
        out.add(new JoinOutcome.Matched(
                version, resolution, count, row.labelVersion(), row.caseStartMs(), row.windowEndMs()));
        ignoreAllBut(versions, version, out);
        for (Event other : window) {
            if (other != resolution) {
                out.add(new JoinOutcome.Ignored(
                        other,
                        "a resolution of a case that is labelled by another one ("
                                + settings.resolutions().name().toLowerCase(java.util.Locale.ROOT) + ")"));
            }
        }
    }

    private void all(List<Event> versions, List<Event> window, RowVersion row, List<JoinOutcome> out) {
        Set<Event> used = new HashSet<>();
        for (Event resolution : window) {
            Event version = versionFor(resolution, versions);
            used.add(version);
            out.add(new JoinOutcome.Matched(
                    version, resolution, window.size(), row.labelVersion(), row.caseStartMs(), row.windowEndMs()));
        }
        ignoreUnused(versions, used, out);
    }

    /**
     * What a case's final rows carry besides their outcome: {@code labelVersion} 2 after a provisional row, else 1;
     * {@code caseStartMs} the case's anchor (that of its provisional row when it had one); {@code windowEndMs} the end
     * of the window the case was judged by when it is not {@code caseStartMs} + the window's after, else null.
     */
    record RowVersion(int labelVersion, long caseStartMs, Long windowEndMs) {}

    private static void ignoreAllBut(List<Event> versions, Event used, List<JoinOutcome> out) {
        for (Event version : versions) {
            if (version != used && !version.equals(used)) {
                out.add(new JoinOutcome.Ignored(version, "a submission version that no row uses"));
            }
        }
    }

    private static void ignoreUnused(List<Event> versions, Set<Event> used, List<JoinOutcome> out) {
        for (Event version : versions) {
            if (!used.contains(version)) {
                out.add(new JoinOutcome.Ignored(version, "a submission version that no row uses"));
            }
        }
    }

    private static int countUpTo(List<Event> window, long point) {
        int count = 0;
        for (Event resolution : window) {
            if (resolution.timestampMs() <= point) {
                count++;
            }
        }
        return count;
    }

    /** The version that gives the features: never one from after the resolution under LATEST. */
    private Event versionFor(Event resolution, List<Event> versions) {
        if (settings.versions() == Policies.Versions.FIRST) {
            return versions.get(0);
        }
        Event chosen = versions.get(0);
        for (Event version : versions) {
            if (version.timestampMs() <= resolution.timestampMs()) {
                chosen = version;
            }
        }
        return chosen;
    }
}
