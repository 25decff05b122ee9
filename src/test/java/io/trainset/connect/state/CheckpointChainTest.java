package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointChainTest {

    private final CheckpointChain chain = new CheckpointChain();

    @Test
    void theFirstCheckpointOfAUnitInstanceIsFull() {
        assertThat(chain.fullDue(0, 0)).isTrue();
        assertThat(chain.base()).isZero();
    }

    @Test
    void deltasFollowUntilTheirKeysTogetherExceedTwiceTheWholeState() {
        chain.written(7, true, 100);
        assertThat(chain.base()).isEqualTo(7);

        assertThat(chain.fullDue(150, 100)).isFalse();
        chain.written(8, false, 150);
        assertThat(chain.fullDue(50, 100))
                .as("150 + 50 keys is twice the state")
                .isFalse();
        chain.written(9, false, 50);
        assertThat(chain.fullDue(1, 100))
                .as("201 keys written in deltas would be more")
                .isTrue();

        chain.written(10, true, 100);
        assertThat(chain.base()).isEqualTo(10);
        assertThat(chain.fullDue(1, 100))
                .as("a full checkpoint starts a new chain")
                .isFalse();
    }

    @Test
    void aChainHoldsAtMostFiftyDeltasSoARestoreReadsAtMostFiftyOneObjects() {
        chain.written(1, true, 1_000);
        for (long sequence = 2; sequence <= CheckpointChain.MAX_DELTAS + 1; sequence++) {
            assertThat(chain.fullDue(0, 1_000)).isFalse();
            chain.written(sequence, false, 0);
        }
        assertThat(chain.fullDue(0, 1_000)).isTrue();
    }
}
