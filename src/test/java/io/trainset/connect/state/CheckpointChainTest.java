package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.JoinSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointChainTest {

    private final CheckpointChain chain = new CheckpointChain();

    /** A checkpoint whose join state holds {@code keys} keys. */
    private static Checkpoint checkpoint(long sequence, long base, int keys) {
        List<JoinSnapshot.KeySnapshot> states = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            states.add(JoinSnapshot.KeySnapshot.removed("K" + k));
        }
        return new Checkpoint(0, sequence, base, Map.of(), new JoinSnapshot(0, Map.of(), states), List.of());
    }

    @Test
    void theFirstCheckpointOfAUnitInstanceIsFull() {
        assertThat(chain.fullDue(0, 0)).isTrue();
        assertThat(chain.base()).isZero();
    }

    @Test
    void deltasFollowUntilTheirKeysTogetherExceedTwiceTheWholeState() {
        chain.written(checkpoint(7, 7, 100));
        assertThat(chain.base()).isEqualTo(7);

        assertThat(chain.fullDue(150, 100)).isFalse();
        chain.written(checkpoint(8, 7, 150));
        assertThat(chain.fullDue(50, 100)).as("150 + 50 keys is twice the state").isFalse();
        chain.written(checkpoint(9, 7, 50));
        assertThat(chain.fullDue(1, 100)).as("201 keys written in deltas would be more").isTrue();

        chain.written(checkpoint(10, 10, 100));
        assertThat(chain.base()).isEqualTo(10);
        assertThat(chain.fullDue(1, 100)).as("a full checkpoint starts a new chain").isFalse();
    }

    @Test
    void aChainHoldsAtMostFiftyDeltasSoARestoreReadsAtMostFiftyOneObjects() {
        chain.written(checkpoint(1, 1, 1_000));
        for (long sequence = 2; sequence <= CheckpointChain.MAX_DELTAS + 1; sequence++) {
            assertThat(chain.fullDue(0, 1_000)).isFalse();
            chain.written(checkpoint(sequence, 1, 0));
        }
        assertThat(chain.fullDue(0, 1_000)).isTrue();
    }
}
