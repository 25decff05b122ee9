package io.trainset.connect.join;

import static io.trainset.connect.join.JoinReferenceModel.rows;
import static io.trainset.connect.join.JoinReferenceModel.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinSnapshot.Decided;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.SeededCases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unit's compact structures at a scale the property tests' few keys never reach (tables that grow,
 * collide and shift back, heaps thousands deep): {@link KeyIndex} and {@link DecidedWindows} against plain
 * maps, and a unit holding thousands of decided keys against {@link JoinReferenceModel}, through checkpoints.
 */
class CompactJoinStateTest {

    @Test
    void keyIndexAgreesWithAMapUnderCollisions() {
        SeededCases.check(10, gen -> gen, gen -> {
            KeyIndex index = new KeyIndex();
            Map<String, Integer> model = new HashMap<>();
            Map<String, KeyState> states = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                String key = collidingKey(gen.between(0, 2_000));
                int place = index.find(key);
                assertThat(place >= 0).isEqualTo(model.containsKey(key));
                if (gen.chance(1, 3)) {
                    if (place >= 0) {
                        index.removeAt(place);
                    }
                    model.remove(key);
                    states.remove(key);
                } else {
                    int value = gen.between(-1, 1_000_000);
                    KeyState state = gen.chance(1, 2) ? new KeyState(null) : null;
                    if (place >= 0) {
                        index.replaceAt(place, value);
                        index.putState(place, state);
                    } else {
                        index.addAt(place, key, value, state);
                    }
                    model.put(key, value);
                    states.put(key, state);
                }
                String probe = collidingKey(gen.between(0, 2_000));
                assertThat(index.head(probe)).isEqualTo(model.getOrDefault(probe, -1));
                assertThat(index.stateAt(index.find(probe))).isSameAs(states.get(probe));
            }
            assertThat(index.size()).isEqualTo(model.size());
            model.forEach((key, value) -> assertThat(index.head(key)).isEqualTo(value));
            states.forEach(
                    (key, state) -> assertThat(index.stateAt(index.find(key))).isSameAs(state));
            assertThat(index.keys()).containsExactlyInAnyOrderElementsOf(model.keySet());
            assertThat(index.countWithValue())
                    .isEqualTo(
                            model.values().stream().filter(value -> value != -1).count());
        });
    }

    /** Keys of 6 blocks of "Aa" or "BB" (64 keys of one hash code), or a plain key: long probe runs. */
    private static String collidingKey(int n) {
        if (n % 2 == 0) {
            return "key-" + n;
        }
        StringBuilder key = new StringBuilder();
        for (int bit = 1; bit <= 6; bit++) {
            key.append((n >> bit & 1) == 0 ? "Aa" : "BB");
        }
        return key.toString();
    }

    @Test
    void decidedWindowsAgreeWithAListPerKey() {
        SeededCases.check(10, gen -> gen, gen -> {
            DecidedWindows windows = new DecidedWindows(new KeyIndex());
            Map<String, List<Decided>> model = new LinkedHashMap<>();
            long watermark = 0;
            for (int i = 0; i < 10_000; i++) {
                String key = "k" + gen.between(0, 2_000);
                long anchor = watermark + gen.between(0, 50);
                Decided d = new Decided(anchor, anchor - gen.between(0, 5), anchor + gen.between(0, 400));
                windows.add(key, d.anchor(), d.start(), d.end());
                model.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
                if (gen.chance(1, 10)) {
                    String own = "k" + gen.between(0, 2_000);
                    long before = watermark + gen.between(0, 100);
                    int first = windows.closeBefore(own, before);
                    assertThat(first).isEqualTo(windows.find(own));
                    closeBefore(model, own, before);
                }
                watermark += gen.between(0, 3);
                List<String> closed = new ArrayList<>();
                windows.close(watermark, (closedKey, state) -> {
                    assertThat(state).isNull(); // no key here holds events
                    closed.add(closedKey);
                });
                assertThat(closed).containsExactlyInAnyOrderElementsOf(closeBefore(model, watermark));
                String probe = "k" + gen.between(0, 2_000);
                assertThat(open(windows, probe)).isEqualTo(model.getOrDefault(probe, List.of()));
                long t = watermark + gen.between(-10, 400);
                Side side = gen.bool() ? Side.SUBMITTED : Side.RESOLVED;
                Event event = new Event(side, probe, t, new SourcePosition("t", 0, i), "p");
                assertThat(windows.ignored(windows.find(probe), event) != null)
                        .isEqualTo(model.getOrDefault(probe, List.of()).stream()
                                .anyMatch(w -> t <= w.end() && t >= (side == Side.SUBMITTED ? w.anchor() : w.start())));
            }
            assertThat(windows.keyCount()).isEqualTo(model.size());
        });
    }

    /** Removes the windows of {@code key} that end before {@code watermark}. */
    /** The open windows of {@code key} as {@link DecidedWindows#copy} gives them, in the order they were decided. */
    private static List<Decided> open(DecidedWindows windows, String key) {
        int first = windows.find(key);
        long[] copy = windows.copy(first, new long[0]);
        List<Decided> open = new ArrayList<>();
        for (int at = 0; at < 3 * windows.count(first); at += 3) {
            open.add(new Decided(copy[at], copy[at + 1], copy[at + 2]));
        }
        return open;
    }

    private static void closeBefore(Map<String, List<Decided>> model, String key, long watermark) {
        List<Decided> open = model.get(key);
        if (open != null) {
            open.removeIf(w -> w.end() < watermark);
            if (open.isEmpty()) {
                model.remove(key);
            }
        }
    }

    /** Removes every window that ends before {@code watermark}, returning its key (once per window). */
    private static List<String> closeBefore(Map<String, List<Decided>> model, long watermark) {
        List<String> closed = new ArrayList<>();
        model.forEach(
                (key, open) -> open.stream().filter(w -> w.end() < watermark).forEach(w -> closed.add(key)));
        new ArrayList<>(model.keySet()).forEach(key -> closeBefore(model, key, watermark));
        return closed;
    }

    /**
     * Thousands of keys, most decided while their windows stay open, some submitted or resolved again inside
     * or after them: the rows and tags of the model, and through a checkpoint of changes every 1,000 events and a
     * restore every 5,000 the whole state as a twin's snapshot.
     */
    @Test
    void manyDecidedKeysAgreeWithTheModelThroughCheckpoints() {
        SeededCases.check(3, gen -> gen, gen -> {
            JoinSettings settings = JoinSettings.of(Duration.ofMillis(2_000));
            Map<InputPartition, List<Event>> partitions = new LinkedHashMap<>();
            List<Event> issues = new ArrayList<>();
            List<Event> resolutions = new ArrayList<>();
            for (int n = 0; n < 8_000; n++) {
                String key = "issue-" + gen.between(0, 4_000);
                long t = JoinInputs.BASE_T + n;
                issues.add(Events.submitted(key, t, issues.size(), "v" + n));
                if (gen.chance(3, 4)) {
                    resolutions.add(Events.resolved(key, t, resolutions.size(), "r" + n));
                }
            }
            partitions.put(JoinInputs.ISSUES, issues);
            partitions.put(JoinInputs.RESOLUTIONS, resolutions);
            List<Event> arrival = JoinInputs.interleave(partitions, gen.list(0, 50, () -> gen.between(0, 1)));

            List<JoinOutcome> actual = feedWithCheckpoints(settings, arrival);
            List<JoinOutcome> expected = JoinReferenceModel.outcomes(settings, partitions);
            assertThat(rows(actual)).as("rows").containsExactlyInAnyOrderElementsOf(rows(expected));
            assertThat(tags(actual)).as("tags").containsExactlyInAnyOrderElementsOf(tags(expected));
        });
    }

    private static List<JoinOutcome> feedWithCheckpoints(JoinSettings settings, List<Event> arrival) {
        long now = JoinInputs.NOW;
        JoinUnit unit = new JoinUnit(settings, Events.INPUTS, now, event -> 0);
        JoinUnit twin = new JoinUnit(settings, Events.INPUTS, now, event -> 0);
        JoinSnapshot base = unit.snapshot();
        List<JoinSnapshot> changes = new ArrayList<>();
        List<JoinOutcome> out = new ArrayList<>();
        for (int i = 0; i < arrival.size(); i++) {
            out.addAll(unit.accept(arrival.get(i), now));
            twin.accept(arrival.get(i), now);
            if (i % 1_000 == 999) {
                changes.add(unit.takeChanges());
                JoinSnapshot whole = twin.snapshot();
                assertThat(base.withChanges(changes)).isEqualTo(whole);
                assertThat(unit.keyCount()).isEqualTo(whole.keys().size());
            }
            if (i % 5_000 == 4_999) {
                base = unit.snapshot();
                changes.clear();
                unit = JoinUnit.restore(settings, Events.INPUTS, base, now, event -> 0);
            }
        }
        out.addAll(unit.expire(now));
        return out.stream()
                .filter(o -> o.events().stream().noneMatch(JoinInputs::isClock))
                .toList();
    }
}
