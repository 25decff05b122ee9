package io.trainset.connect.join;

import static io.trainset.connect.join.Events.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinSnapshot.KeySnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restore's repair of times ahead of the clock keeps the flagged case's anchor while its version stays. */
class FutureTimeRepairEarlyLabelsTest {

    private static final Event HELD = submitted("a", 1_000, 0);
    private static final Event AHEAD = submitted("a", 9_000, 1);

    private static KeySnapshot repaired(long provisionalAnchor, long plausibleUntil) {
        KeySnapshot key = new KeySnapshot("a", List.of(HELD, AHEAD), List.of(), List.of(), provisionalAnchor);
        JoinSnapshot snapshot = new JoinSnapshot(1_100, Map.of(), List.of(key));
        return FutureTimeRepair.of(snapshot, plausibleUntil).snapshot().keys().get(0);
    }

    @Test
    void theFlagOfAKeptVersionStays() {
        assertThat(repaired(1_000, 5_000)).isEqualTo(new KeySnapshot("a", List.of(HELD), List.of(), List.of(), 1_000));
    }

    @Test
    void theFlagOfAnEvictedVersionGoesWithIt() {
        assertThat(repaired(9_000, 5_000))
                .isEqualTo(new KeySnapshot("a", List.of(HELD), List.of(), List.of(), KeySnapshot.NO_PROVISIONAL));
    }
}
