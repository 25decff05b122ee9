package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The repair of a snapshot whose watermarks were raised by event times far ahead of the clock: taken
 * before such times were refused (docs/join-semantics.md, "Event times ahead of the clock"), or under a
 * larger {@code join.time.max.ahead.ms}. Against the bound {@code plausibleUntil} (the clock plus
 * the setting, at restore): held events beyond it are taken out, to be reported as
 * {@link JoinOutcome.AheadOfClock}; an input's highest event time beyond it is lowered to the latest
 * time of the events of that input still held, or forgotten when none is (the input's next event sets
 * it again); a unit watermark beyond it is forgotten, to be computed again from the inputs. The same
 * snapshot and bound always give the same repair.
 *
 * @param snapshot the repaired snapshot (the original when nothing was beyond the bound)
 * @param evicted the held events beyond the bound, in key order
 * @param changedKeys the keys whose state the repair changed
 * @param unitWatermarkBefore the unit's watermark before the repair
 * @param inputsBefore the highest event time of each input that was lowered, before the repair
 */
record FutureTimeRepair(
        JoinSnapshot snapshot,
        List<Event> evicted,
        List<String> changedKeys,
        long unitWatermarkBefore,
        Map<InputPartition, Long> inputsBefore) {

    /** Whether anything was beyond the bound. */
    boolean repaired() {
        return !evicted.isEmpty() || !inputsBefore.isEmpty() || snapshot.unitWatermarkMs() != unitWatermarkBefore;
    }

    static FutureTimeRepair of(JoinSnapshot snapshot, long plausibleUntil) {
        List<Event> evicted = new ArrayList<>();
        List<String> changedKeys = new ArrayList<>();
        List<JoinSnapshot.KeySnapshot> keys = new ArrayList<>(snapshot.keys().size());
        Map<InputPartition, Long> latestHeld = new HashMap<>();
        for (JoinSnapshot.KeySnapshot key : snapshot.keys()) {
            JoinSnapshot.KeySnapshot sane = withoutFuture(key, plausibleUntil, evicted);
            if (sane != key) {
                changedKeys.add(key.key());
            }
            if (!sane.isEmpty()) {
                keys.add(sane);
            }
            sane.versions().forEach(e -> latestHeld.merge(InputPartition.of(e.source()), e.timestampMs(), Math::max));
            sane.resolutions()
                    .forEach(e -> latestHeld.merge(InputPartition.of(e.source()), e.timestampMs(), Math::max));
        }
        Map<InputPartition, Long> maxima = new HashMap<>();
        Map<InputPartition, Long> before = new HashMap<>();
        snapshot.inputMaxMs().forEach((input, maxMs) -> {
            if (maxMs <= plausibleUntil) {
                maxima.put(input, maxMs);
            } else {
                before.put(input, maxMs);
                Long held = latestHeld.get(input);
                if (held != null) {
                    maxima.put(input, held);
                }
            }
        });
        long unit = snapshot.unitWatermarkMs() > plausibleUntil ? Watermarks.NONE : snapshot.unitWatermarkMs();
        JoinSnapshot repaired = evicted.isEmpty() && before.isEmpty() && unit == snapshot.unitWatermarkMs()
                ? snapshot
                : new JoinSnapshot(unit, maxima, keys);
        return new FutureTimeRepair(
                repaired,
                List.copyOf(evicted),
                List.copyOf(changedKeys),
                snapshot.unitWatermarkMs(),
                Map.copyOf(before));
    }

    /** The key without its events and decided windows beyond the bound (the same object when it has none). */
    private static JoinSnapshot.KeySnapshot withoutFuture(
            JoinSnapshot.KeySnapshot key, long plausibleUntil, List<Event> evicted) {
        boolean any = key.decided().stream().anyMatch(d -> d.start() > plausibleUntil)
                || key.versions().stream().anyMatch(e -> e.timestampMs() > plausibleUntil)
                || key.resolutions().stream().anyMatch(e -> e.timestampMs() > plausibleUntil);
        if (!any) {
            return key;
        }
        List<Event> versions = plausible(key.versions(), plausibleUntil, evicted);
        return new JoinSnapshot.KeySnapshot(
                key.key(),
                versions,
                plausible(key.resolutions(), plausibleUntil, evicted),
                key.decided().stream().filter(d -> d.start() <= plausibleUntil).toList(),
                provisionalKept(key, plausibleUntil));
    }

    /** The flagged case's anchor while its version stays (it was not evicted), else none. */
    private static long provisionalKept(JoinSnapshot.KeySnapshot key, long plausibleUntil) {
        return key.provisionalAnchor() <= plausibleUntil
                ? key.provisionalAnchor()
                : JoinSnapshot.KeySnapshot.NO_PROVISIONAL;
    }

    private static List<Event> plausible(List<Event> events, long plausibleUntil, List<Event> evicted) {
        List<Event> kept = new ArrayList<>(events.size());
        for (Event event : events) {
            (event.timestampMs() > plausibleUntil ? evicted : kept).add(event);
        }
        return kept;
    }
}
