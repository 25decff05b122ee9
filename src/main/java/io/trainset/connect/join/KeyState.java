package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.Side;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The join state of one key: its held submission versions and resolutions (each sorted by time,
 * then source). Decisions follow docs/join-semantics.md: a case is anchored at its earliest version;
 * it is decided when the unit's watermark passes the case's decision point, never before. The windows
 * of decided cases are the unit's ({@link DecidedWindows}), so a key that holds only those has no state.
 * The lists are created when first needed (most keys hold one submission and one resolution).
 */
final class KeyState {

    private final KeyRules rules;
    private List<Event> versions;
    private List<Event> resolutions;
    /**
     * The anchor time of the held case that had its provisional row (early-label mode), or NO_PROVISIONAL: tied to
     * that case, so that a late earlier version (join.late.policy=join) starts a case of its own without taking it.
     */
    private long provisionalAnchor = JoinSnapshot.KeySnapshot.NO_PROVISIONAL;
    /** The key's place in the unit's due queue ({@link DueKeys}), or -1 when it is not queued. */
    int duePosition = -1;
    /**
     * The earliest end of the key's open decided windows, or {@link Long#MAX_VALUE}: the key is due then too,
     * so that it is evaluated in the same order as when its windows were part of its state.
     */
    long windowEnd = Long.MAX_VALUE;
    /** Whether the unit lists this key as changed since its last checkpoint. */
    boolean changed;

    KeyState(KeyRules rules) {
        this.rules = rules;
    }

    /** The outcome of an exact redelivery of an event this state holds, or null. */
    JoinOutcome duplicate(Event event) {
        List<Event> held = event.side() == Side.SUBMITTED ? versions : resolutions;
        long t = event.timestampMs();
        if (held != null) {
            for (Event other : held) {
                if (other.timestampMs() == t && samePayload(other.payload(), event.payload())) {
                    return new JoinOutcome.Duplicate(event);
                }
            }
        }
        return null;
    }

    /** Holds a new event (neither a {@link #duplicate} nor inside a decided window). */
    void hold(Event event) {
        if (event.side() == Side.SUBMITTED) {
            versions = SortedEvents.insert(versions, event);
        } else {
            resolutions = SortedEvents.insert(resolutions, event);
        }
    }

    /**
     * Payloads are opaque, and one value may be held in two forms (in the heap, or moved to disk by
     * the task while the join buffer is over its bound): equal in either direction.
     */
    private static boolean samePayload(Object held, Object arrived) {
        return Objects.equals(held, arrived) || arrived != null && arrived.equals(held);
    }

    /**
     * Makes every decision the watermark allows, appending the outcomes, opening the windows of {@code key} and
     * releasing from {@code held} the events it lets go (each settled by the outcomes appended).
     */
    void evaluate(long watermark, List<JoinOutcome> out, DecidedWindows decided, String key, HeldEvents held) {
        while (versions != null
                && !versions.isEmpty()
                && watermark > versions.get(0).timestampMs()) {
            long anchor = versions.get(0).timestampMs();
            long end = Watermarks.plus(anchor, rules.afterMs());
            long start = Watermarks.plus(anchor, -rules.beforeMs());
            Event firstInWindow = SortedEvents.firstIn(resolutions, start, end);
            boolean flagged = holdsProvisional(anchor, end);
            boolean earlyNow = !flagged && provisionalIfDue(watermark, anchor, firstInWindow, out);
            if (watermark <= decisionPoint(anchor, end, firstInWindow)) {
                if (earlyNow) {
                    provisionalAnchor = anchor;
                }
                break;
            }
            List<Event> caseVersions = takeVersionsUpTo(end);
            List<Event> window = SortedEvents.takeIn(resolutions, start, end);
            CaseDecisions.RowVersion row = flagged
                    ? new CaseDecisions.RowVersion(2, provisionalAnchor, provisionalAnchor == anchor ? null : end)
                    : new CaseDecisions.RowVersion(earlyNow ? 2 : 1, anchor, null);
            rules.decisions().decide(caseVersions, window, anchor, row, out);
            held.release(caseVersions);
            held.release(window);
            if (flagged) {
                provisionalAnchor = JoinSnapshot.KeySnapshot.NO_PROVISIONAL;
            }
            if (!window.isEmpty() && rules.firstResolution()) {
                decided.add(key, anchor, start, end);
                windowEnd = Math.min(windowEnd, end);
            }
        }
        orphans(watermark, out, held);
        versions = nullIfEmpty(versions);
        resolutions = nullIfEmpty(resolutions);
    }

    /** Whether the case with versions in [anchor, end] holds the version whose case had its provisional row. */
    private boolean holdsProvisional(long anchor, long end) {
        return provisionalAnchor != JoinSnapshot.KeySnapshot.NO_PROVISIONAL
                && provisionalAnchor >= anchor
                && provisionalAnchor <= end;
    }

    /**
     * Early-label mode: the provisional row of the case anchored at {@code anchor} (one without it) when the
     * watermark passed its early point; whether it was written. A case that does not hold the flagged version
     * while another does is a late earlier one (join.late.policy=join): its window closed before the flagged
     * case's early point, so it is decided in the same pass and needs no flag of its own.
     */
    private boolean provisionalIfDue(long watermark, long anchor, Event firstInWindow, List<JoinOutcome> out) {
        if (rules.early().applies(anchor, firstInWindow)
                && watermark > rules.early().point(anchor)) {
            out.add(rules.early().provisional(versions));
            return true;
        }
        return false;
    }

    /** Emptied lists are let go. */
    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private long decisionPoint(long anchor, long end, Event firstInWindow) {
        if (rules.firstResolution() && firstInWindow != null) {
            return Math.max(anchor, firstInWindow.timestampMs());
        }
        return end;
    }

    private void orphans(long watermark, List<JoinOutcome> out, HeldEvents held) {
        if (resolutions == null) {
            return;
        }
        for (Iterator<Event> it = resolutions.iterator(); it.hasNext(); ) {
            Event resolution = it.next();
            if (watermark > Watermarks.plus(resolution.timestampMs(), rules.beforeMs()) && !inHeldCase(resolution)) {
                it.remove();
                out.add(new JoinOutcome.Orphaned(resolution, rules.settings().orphan()));
                held.release(resolution);
            }
        }
    }

    private boolean inHeldCase(Event resolution) {
        if (versions == null) {
            return false;
        }
        long t = resolution.timestampMs();
        for (Event version : versions) {
            long start = Watermarks.plus(version.timestampMs(), -rules.beforeMs());
            if (t >= start && t <= Watermarks.plus(version.timestampMs(), rules.afterMs())) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the versions up to {@code end}: a prefix, since they are sorted by time. */
    private List<Event> takeVersionsUpTo(long end) {
        int count = SortedEvents.countUpTo(versions, end);
        if (count == versions.size()) {
            List<Event> all = versions;
            versions = null;
            return all;
        }
        List<Event> taken = new ArrayList<>(versions.subList(0, count));
        versions.subList(0, count).clear();
        return taken;
    }

    /** The watermark past which this key may change (a decision, a provisional row, an orphan), or MAX_VALUE. */
    long nextDecision() {
        long next = Long.MAX_VALUE;
        if (versions != null && !versions.isEmpty()) {
            long anchor = versions.get(0).timestampMs();
            long end = Watermarks.plus(anchor, rules.afterMs());
            long start = Watermarks.plus(anchor, -rules.beforeMs());
            Event firstInWindow = SortedEvents.firstIn(resolutions, start, end);
            next = decisionPoint(anchor, end, firstInWindow);
            if (!holdsProvisional(anchor, end) && rules.early().applies(anchor, firstInWindow)) {
                next = Math.min(next, rules.early().point(anchor));
            }
        }
        if (resolutions != null) {
            for (Event resolution : resolutions) {
                if (!inHeldCase(resolution)) {
                    next = Math.min(next, Watermarks.plus(resolution.timestampMs(), rules.beforeMs()));
                }
            }
        }
        return next;
    }

    /**
     * Hands the key's held events, its provisional anchor and {@code decidedCount} open decided windows from {@code
     * decided} to {@code writer} (for a checkpoint; the lists are the state's own, lent for the call).
     */
    void write(String key, long[] decided, int decidedCount, JoinState.KeyWriter writer) {
        writer.key(key, orEmpty(versions), orEmpty(resolutions), provisionalAnchor, decided, decidedCount);
    }

    /** A key's held events as {@link #write} gave them (its decided windows go to {@link DecidedWindows}). */
    static KeyState restore(KeyRules rules, JoinSnapshot.KeySnapshot snapshot) {
        KeyState state = new KeyState(rules);
        state.versions = copyOrNull(snapshot.versions());
        state.resolutions = copyOrNull(snapshot.resolutions());
        state.provisionalAnchor = snapshot.provisionalAnchor();
        return state;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> List<T> copyOrNull(List<T> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    /** Events held, waiting for a decision. */
    int heldCount() {
        return orEmpty(versions).size() + orEmpty(resolutions).size();
    }

    boolean isEmpty() {
        return orEmpty(versions).isEmpty() && orEmpty(resolutions).isEmpty();
    }
}
