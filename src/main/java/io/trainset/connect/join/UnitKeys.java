package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The keys of one join unit and the events they hold: admits an event (settled at once, or held by its key, counted
 * for the memory bound and queued at its key's next decision point), and makes the decisions the unit's watermark
 * allows, key by key in the order they come due. The unit ({@link JoinUnit}) owns the watermarks and the calls.
 */
final class UnitKeys {

    private final KeyRules rules;
    private final HeldEvents held;
    private final KeyStates states = new KeyStates();
    private final DueKeys due = new DueKeys();

    UnitKeys(KeyRules rules, ToLongFunction<Event> sizer) {
        this.rules = rules;
        this.held = new HeldEvents(sizer);
    }

    /** The keys' states, decided windows and changes since the last checkpoint. */
    KeyStates states() {
        return states;
    }

    /** The count and estimated bytes of the events the keys hold. */
    HeldEvents held() {
        return held;
    }

    /** Restores a key from a checkpoint: its decided windows and, if it holds events, its state, held and queued. */
    void restore(JoinSnapshot.KeySnapshot key) {
        KeyState state = states.restore(key, rules);
        if (state != null) {
            key.versions().forEach(held::hold);
            key.resolutions().forEach(held::hold);
            due.schedule(key.key(), state);
        }
    }

    /**
     * Settles an exact redelivery or an event inside a decided window at once (its outcome appended to {@code out}),
     * else holds the event.
     */
    void admit(Event event, List<JoinOutcome> out) {
        String key = event.key();
        int place = states.find(key);
        KeyState state = states.stateAt(place);
        int first = states.firstWindow(place);
        JoinOutcome immediate = states.settledAtOnce(state, first, event);
        if (immediate != null) {
            out.add(immediate);
            return;
        }
        if (state == null) {
            state = states.add(key, place, first, rules);
        }
        state.hold(event);
        held.hold(event);
        states.changed(key, state);
        due.schedule(key, state);
    }

    /** Makes every decision that {@code watermark} allows, appending the outcomes to {@code out}. */
    void decide(long watermark, List<JoinOutcome> out) {
        for (KeyState state = due.first(watermark); state != null; state = due.first(watermark)) {
            String key = due.firstKey();
            states.closeBefore(key, state, watermark);
            state.evaluate(watermark, out, states.decided(), key, held);
            states.changed(key, state);
            due.schedule(key, state);
            if (state.isEmpty()) {
                states.remove(key);
            }
        }
        states.closeDecided(watermark);
    }
}
