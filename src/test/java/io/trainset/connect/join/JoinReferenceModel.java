package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A brute-force reference of the join semantics (docs: join spec), computed over the whole input at
 * once: lateness per partition from that partition's order, then de-duplication, then the cases of
 * each key by sorting, then the policies. Deliberately independent of {@link JoinUnit}: no
 * watermarks, no incremental state. Valid with idle timeout zero and a late policy other than JOIN
 * (JOIN is best effort and depends on the interleaving).
 */
final class JoinReferenceModel {

    /** The spec's order of the events of one side of one key. */
    static final Comparator<Event> ORDER = Comparator.comparingLong(Event::timestampMs)
            .thenComparing(e -> e.source().topic())
            .thenComparingInt(e -> e.source().partition())
            .thenComparingLong(e -> e.source().offset());

    /** The content of a row-producing outcome, without source positions. */
    record Row(
            String status,
            String key,
            Object submittedPayload,
            long submittedT,
            Object resolvedPayload,
            Long resolvedT,
            int resolutionCount,
            int labelVersion) {
        /** This row as the mode off writes it: version 1 (a provisional row has no counterpart there). */
        Row withoutEarlyLabels() {
            return new Row(status, key, submittedPayload, submittedT, resolvedPayload, resolvedT, resolutionCount, 1);
        }
    }

    /** The content of a reported, non-row outcome (orphan, non-emitted time-out, late event). */
    record Tag(String kind, String key, long t, String policy) {}

    /** One case of one key: its versions (the first is the anchor) and the resolutions it owns. */
    record Case(List<Event> versions, List<Event> resolutions) {
        long anchor() {
            return versions.get(0).timestampMs();
        }
    }

    private JoinReferenceModel() {}

    /** Every outcome the spec demands for these per-partition sequences (each in its partition's order). */
    static List<JoinOutcome> outcomes(JoinSettings settings, Map<InputPartition, List<Event>> partitions) {
        if (settings.late() == Policies.Late.JOIN || !settings.idleTimeout().isZero()) {
            throw new IllegalArgumentException("the model is exact only without late JOIN and idle timeout");
        }
        List<JoinOutcome> out = new ArrayList<>();
        List<Event> kept = keptEvents(settings, partitions.values(), out);
        long before = settings.before().toMillis();
        long after = settings.after().toMillis();
        for (Map.Entry<String, List<Event>> key : byKey(kept).entrySet()) {
            List<Event> subs = key.getValue().stream()
                    .filter(e -> e.side() == Side.SUBMITTED)
                    .toList();
            List<Event> ress = key.getValue().stream()
                    .filter(e -> e.side() == Side.RESOLVED)
                    .toList();
            List<Case> cases = chain(subs, after);
            for (Event r : ress) {
                Case owner = cases.stream()
                        .filter(c -> c.anchor() - before <= r.timestampMs() && r.timestampMs() <= c.anchor() + after)
                        .findFirst()
                        .orElse(null);
                if (owner == null) {
                    out.add(new JoinOutcome.Orphaned(r, settings.orphan()));
                } else {
                    owner.resolutions().add(r);
                }
            }
            cases.forEach(c -> decide(settings, c, out));
        }
        return out;
    }

    /** The cases of every key, for checks that need the anchors (earliest versions). */
    static Map<String, List<Case>> cases(JoinSettings settings, Map<InputPartition, List<Event>> partitions) {
        Map<String, List<Case>> result = new TreeMap<>();
        for (Map.Entry<String, List<Event>> key : byKey(keptEvents(settings, partitions.values(), new ArrayList<>()))
                .entrySet()) {
            result.put(
                    key.getKey(),
                    chain(
                            key.getValue().stream()
                                    .filter(e -> e.side() == Side.SUBMITTED)
                                    .toList(),
                            settings.after().toMillis()));
        }
        return result;
    }

    /** Non-late, de-duplicated events in the spec's order; Late and Duplicate outcomes go to {@code out}. */
    private static List<Event> keptEvents(
            JoinSettings settings, Collection<List<Event>> partitions, List<JoinOutcome> out) {
        long grace = settings.grace().toMillis();
        List<Event> accepted = new ArrayList<>();
        for (List<Event> sequence : partitions) {
            Long max = null;
            for (Event e : sequence) {
                if (max != null && e.timestampMs() < max - grace) {
                    out.add(new JoinOutcome.Late(e, settings.late(), max - grace));
                } else {
                    accepted.add(e);
                }
                max = max == null ? e.timestampMs() : Math.max(max, e.timestampMs());
            }
        }
        accepted.sort(ORDER);
        Set<List<Object>> seen = new HashSet<>();
        List<Event> kept = new ArrayList<>();
        for (Event e : accepted) {
            if (seen.add(Arrays.asList(e.side(), e.key(), e.timestampMs(), e.payload()))) {
                kept.add(e);
            } else {
                out.add(new JoinOutcome.Duplicate(e));
            }
        }
        return kept;
    }

    private static Map<String, List<Event>> byKey(List<Event> sorted) {
        Map<String, List<Event>> byKey = new TreeMap<>();
        sorted.forEach(
                e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
        return byKey;
    }

    /** Greedy chaining of sorted submissions into cases. */
    private static List<Case> chain(List<Event> sortedSubmissions, long after) {
        List<Case> cases = new ArrayList<>();
        for (Event s : sortedSubmissions) {
            Case last = cases.isEmpty() ? null : cases.get(cases.size() - 1);
            if (last == null || s.timestampMs() > last.anchor() + after) {
                cases.add(new Case(new ArrayList<>(List.of(s)), new ArrayList<>()));
            } else {
                last.versions().add(s);
            }
        }
        return cases;
    }

    private static void decide(JoinSettings settings, Case c, List<JoinOutcome> out) {
        List<Event> versions = c.versions();
        List<Event> ress = c.resolutions();
        boolean latest = settings.versions() == Policies.Versions.LATEST;
        int labelVersion = provisional(settings, c, latest, out) ? 2 : 1;
        Set<Event> used = new HashSet<>();
        if (ress.isEmpty()) {
            Event v = latest ? versions.get(versions.size() - 1) : versions.get(0);
            out.add(new JoinOutcome.TimedOut(v, settings.timedOut(), labelVersion, c.anchor(), null));
            used.add(v);
        } else {
            List<Event> chosen = switch (settings.resolutions()) {
                case FIRST -> List.of(ress.get(0));
                case LAST -> List.of(ress.get(ress.size() - 1));
                case ALL -> ress;
            };
            long deadline = Math.max(c.anchor(), ress.get(0).timestampMs());
            int count = settings.resolutions() == Policies.Resolutions.FIRST
                    ? (int) ress.stream()
                            .filter(r -> r.timestampMs() <= deadline)
                            .count()
                    : ress.size();
            for (Event r : chosen) {
                Event v = versionFor(versions, r, latest);
                out.add(new JoinOutcome.Matched(v, r, count, labelVersion, c.anchor(), null));
                used.add(v);
                used.add(r);
            }
        }
        for (Event e : versions) {
            if (!used.contains(e)) {
                out.add(new JoinOutcome.Ignored(e, "version not used"));
            }
        }
        for (Event e : ress) {
            if (!used.contains(e)) {
                out.add(new JoinOutcome.Ignored(e, "resolution not chosen"));
            }
        }
    }

    /**
     * Early labels: a case none of whose resolutions is at or before anchor + early gets a provisional outcome, with
     * the version a timeout at that point would take (FIRST: the earliest; LATEST: the latest at or before it).
     */
    private static boolean provisional(JoinSettings settings, Case c, boolean latest, List<JoinOutcome> out) {
        if (!settings.earlyLabels()) {
            return false;
        }
        long point = c.anchor() + settings.early().toMillis();
        if (c.resolutions().stream().anyMatch(r -> r.timestampMs() <= point)) {
            return false;
        }
        Event v = c.versions().get(0);
        for (Event candidate : c.versions()) {
            if (latest && candidate.timestampMs() <= point) {
                v = candidate;
            }
        }
        out.add(new JoinOutcome.Provisional(v, point, c.anchor()));
        return true;
    }

    /** FIRST: the earliest version; LATEST: the latest with t <= r.t, else the earliest. */
    private static Event versionFor(List<Event> versions, Event r, boolean latest) {
        Event v = versions.get(0);
        if (latest) {
            for (Event candidate : versions) {
                if (candidate.timestampMs() <= r.timestampMs()) {
                    v = candidate;
                }
            }
        }
        return v;
    }

    /** The row contents (Matched, and TimedOut with EMIT) of some outcomes. */
    static List<Row> rows(List<JoinOutcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        for (JoinOutcome o : outcomes) {
            if (o instanceof JoinOutcome.Matched m) {
                rows.add(new Row(
                        "matched",
                        m.submitted().key(),
                        m.submitted().payload(),
                        m.submitted().timestampMs(),
                        m.resolved().payload(),
                        m.resolved().timestampMs(),
                        m.resolutionCount(),
                        m.labelVersion()));
            } else if (o instanceof JoinOutcome.TimedOut t && t.policy() == Policies.TimedOut.EMIT) {
                rows.add(unlabelled("timed_out", t.submitted(), t.labelVersion()));
            } else if (o instanceof JoinOutcome.Provisional p) {
                rows.add(unlabelled("provisional", p.submitted(), 1));
            }
        }
        return rows;
    }

    private static Row unlabelled(String status, Event submitted, int labelVersion) {
        return new Row(
                status, submitted.key(), submitted.payload(), submitted.timestampMs(), null, null, 0, labelVersion);
    }

    /** The (kind, key, t, policy) of Orphaned, non-emitted TimedOut and Late outcomes. */
    static List<Tag> tags(List<JoinOutcome> outcomes) {
        List<Tag> tags = new ArrayList<>();
        for (JoinOutcome o : outcomes) {
            if (o instanceof JoinOutcome.TimedOut t && t.policy() != Policies.TimedOut.EMIT) {
                tags.add(tag("timed_out", t.submitted(), t.policy()));
            } else if (o instanceof JoinOutcome.Orphaned r) {
                tags.add(tag("orphaned", r.resolved(), r.policy()));
            } else if (o instanceof JoinOutcome.Late l) {
                tags.add(tag("late", l.event(), l.policy()));
            }
        }
        return tags;
    }

    private static Tag tag(String kind, Event e, Enum<?> policy) {
        return new Tag(kind, e.key(), e.timestampMs(), policy.name());
    }
}
