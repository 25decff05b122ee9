package io.trainset.connect.join;

import io.trainset.connect.join.JoinSnapshot.Decided;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The join state of one key: its held submission versions and resolutions (each sorted by time,
 * then source), and the windows of cases already decided. Decisions follow docs/join-semantics.md:
 * a case is anchored at its earliest version; it is decided when the unit's watermark passes the
 * case's decision point, never before.
 */
final class KeyState {

    static final Comparator<Event> ORDER = Comparator.comparingLong(Event::timestampMs)
            .thenComparing(e -> e.source().topic())
            .thenComparingInt(e -> e.source().partition())
            .thenComparingLong(e -> e.source().offset());

    private final JoinSettings settings;
    private final long beforeMs;
    private final long afterMs;
    private final List<Event> versions = new ArrayList<>();
    private final List<Event> resolutions = new ArrayList<>();
    private final List<Decided> decided = new ArrayList<>();
    private final CaseDecisions decisions;
    long stamp;

    KeyState(JoinSettings settings) {
        this.settings = settings;
        this.beforeMs = settings.before().toMillis();
        this.afterMs = settings.after().toMillis();
        this.decisions = new CaseDecisions(settings);
    }

    /**
     * Takes a new event: returns the outcome that settles it at once (a duplicate, or an event
     * inside a decided case), or null when the state now holds it.
     */
    JoinOutcome admit(Event event) {
        List<Event> held = event.side() == Side.SUBMITTED ? versions : resolutions;
        for (Event other : held) {
            if (other.timestampMs() == event.timestampMs() && Objects.equals(other.payload(), event.payload())) {
                return new JoinOutcome.Duplicate(event);
            }
        }
        long t = event.timestampMs();
        for (Decided d : decided) {
            if (event.side() == Side.SUBMITTED && t >= d.anchor() && t <= d.end()) {
                return new JoinOutcome.Ignored(event, "a submission version that came after its row was decided");
            }
            if (event.side() == Side.RESOLVED && t >= d.start() && t <= d.end()) {
                return new JoinOutcome.Ignored(event, "a resolution of a case whose row was already decided");
            }
        }
        int at = 0;
        while (at < held.size() && ORDER.compare(held.get(at), event) <= 0) {
            at++;
        }
        held.add(at, event);
        return null;
    }

    /** Makes every decision the watermark allows, appending the outcomes. */
    void evaluate(long watermark, List<JoinOutcome> out) {
        decided.removeIf(d -> watermark > d.end());
        while (!versions.isEmpty() && watermark > versions.get(0).timestampMs()) {
            long anchor = versions.get(0).timestampMs();
            long end = Watermarks.saturatedAdd(anchor, afterMs);
            List<Event> caseVersions = versionsUpTo(end);
            List<Event> window = inWindow(Watermarks.saturatedAdd(anchor, -beforeMs), end);
            long point = decisionPoint(anchor, end, window);
            if (watermark <= point) {
                break;
            }
            versions.removeAll(caseVersions);
            resolutions.removeAll(window);
            decisions.decide(caseVersions, window, anchor, out);
            if (!window.isEmpty() && settings.resolutions() == Policies.Resolutions.FIRST) {
                decided.add(new Decided(anchor, Watermarks.saturatedAdd(anchor, -beforeMs), end));
            }
        }
        orphans(watermark, out);
    }

    private long decisionPoint(long anchor, long end, List<Event> window) {
        if (settings.resolutions() == Policies.Resolutions.FIRST && !window.isEmpty()) {
            return Math.max(anchor, window.get(0).timestampMs());
        }
        return end;
    }

    private void orphans(long watermark, List<JoinOutcome> out) {
        for (Iterator<Event> it = resolutions.iterator(); it.hasNext(); ) {
            Event resolution = it.next();
            if (watermark > Watermarks.saturatedAdd(resolution.timestampMs(), beforeMs) && !inHeldCase(resolution)) {
                it.remove();
                out.add(new JoinOutcome.Orphaned(resolution, settings.orphan()));
            }
        }
    }

    private boolean inHeldCase(Event resolution) {
        long t = resolution.timestampMs();
        for (Event version : versions) {
            long start = Watermarks.saturatedAdd(version.timestampMs(), -beforeMs);
            if (t >= start && t <= Watermarks.saturatedAdd(version.timestampMs(), afterMs)) {
                return true;
            }
        }
        return false;
    }

    private List<Event> inWindow(long start, long end) {
        List<Event> window = new ArrayList<>();
        for (Event resolution : resolutions) {
            if (resolution.timestampMs() >= start && resolution.timestampMs() <= end) {
                window.add(resolution);
            }
        }
        return window;
    }

    private List<Event> versionsUpTo(long end) {
        List<Event> taken = new ArrayList<>();
        for (Event version : versions) {
            if (version.timestampMs() > end) {
                break;
            }
            taken.add(version);
        }
        return taken;
    }

    /** The watermark past which this key may change (a decision, an orphan, a closed window), or MAX_VALUE. */
    long nextDecision() {
        long next = Long.MAX_VALUE;
        if (!versions.isEmpty()) {
            long anchor = versions.get(0).timestampMs();
            long end = Watermarks.saturatedAdd(anchor, afterMs);
            next = decisionPoint(anchor, end, inWindow(Watermarks.saturatedAdd(anchor, -beforeMs), end));
        }
        for (Event resolution : resolutions) {
            if (!inHeldCase(resolution)) {
                next = Math.min(next, Watermarks.saturatedAdd(resolution.timestampMs(), beforeMs));
            }
        }
        for (Decided d : decided) {
            next = Math.min(next, d.end());
        }
        return next;
    }

    /** The key's state as a value, for a checkpoint. */
    JoinSnapshot.KeySnapshot snapshot(String key) {
        return new JoinSnapshot.KeySnapshot(key, versions, resolutions, decided);
    }

    /** A key's state as {@link #snapshot} gave it. */
    static KeyState restore(JoinSettings settings, JoinSnapshot.KeySnapshot snapshot) {
        KeyState state = new KeyState(settings);
        state.versions.addAll(snapshot.versions());
        state.resolutions.addAll(snapshot.resolutions());
        state.decided.addAll(snapshot.decided());
        return state;
    }

    /** Events held, waiting for a decision. */
    int heldCount() {
        return versions.size() + resolutions.size();
    }

    boolean isEmpty() {
        return versions.isEmpty() && resolutions.isEmpty() && decided.isEmpty();
    }
}
