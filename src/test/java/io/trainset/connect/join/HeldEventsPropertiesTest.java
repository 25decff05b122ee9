package io.trainset.connect.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinInputs.Input;
import io.trainset.connect.model.Event;
import io.trainset.connect.testing.SeededCases;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The memory bound's accounting ({@link HeldEvents}): after every call, a unit holds exactly the events it was given
 * less those that the outcomes of its calls settled (each once, however many rows share it), in count and in bytes.
 */
class HeldEventsPropertiesTest {

    /** A size of its own for every event (its partition's too), so that a wrong one released shows in the bytes. */
    private static final ToLongFunction<Event> SIZER = event -> 1
            + event.source().offset()
            + 1_000L * event.source().partition()
            + 100_000L * event.side().ordinal();

    @Test
    void heldCountAndBytesFollowEveryCall() {
        SeededCases.check(300, JoinUnitPropertiesTest.ANY_LATE_POLICY, HeldEventsPropertiesTest::heldExactly);
    }

    @Test
    void heldCountAndBytesFollowEveryCallWithEarlyLabels() {
        SeededCases.check(300, EarlyLabelsPropertiesTest.EARLY_ANY_LATE_POLICY, HeldEventsPropertiesTest::heldExactly);
    }

    private static void heldExactly(Input in) {
        JoinUnit unit = new JoinUnit(in.settings(), in.inputs(), JoinInputs.NOW, SIZER);
        Held expected = new Held();
        for (Event event : in.arrival()) {
            expected.given(event);
            expected.settled(unit.accept(event, JoinInputs.NOW));
            expected.assertHeldBy(unit);
        }
        expected.settled(unit.expire(JoinInputs.NOW));
        expected.assertHeldBy(unit);
    }

    /** What a unit should hold, counted from its inputs and its outcomes. */
    private static final class Held {
        private long count;
        private long bytes;

        void given(Event event) {
            count++;
            bytes += SIZER.applyAsLong(event);
        }

        /** One call's outcomes: each event they settle once (a provisional outcome settles none). */
        void settled(List<JoinOutcome> outcomes) {
            Set<Event> settled = Collections.newSetFromMap(new IdentityHashMap<>());
            outcomes.forEach(outcome -> settled.addAll(outcome.events()));
            for (Event event : settled) {
                count--;
                bytes -= SIZER.applyAsLong(event);
            }
        }

        void assertHeldBy(JoinUnit unit) {
            assertThat(unit.waitingCount()).as("events held").isEqualTo(count);
            assertThat(unit.heldBytes()).as("bytes held").isEqualTo(bytes);
        }
    }
}
