package io.trainset.connect.state;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.SourcePosition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private static final InputPartition ISSUES_0 = new InputPartition(SUBMITTED_TOPIC, 0);
    private static final InputPartition ISSUES_1 = new InputPartition(SUBMITTED_TOPIC, 1);
    private static final InputPartition RESOLUTIONS_0 = new InputPartition(RESOLVED_TOPIC, 0);

    private final OffsetLedger ledger = new OffsetLedger();

    private static SourcePosition at(InputPartition partition, long offset) {
        return new SourcePosition(partition.topic(), partition.partition(), offset);
    }

    private void read(InputPartition partition, long... offsets) {
        for (long offset : offsets) {
            ledger.read(at(partition, offset));
        }
    }

    @Test
    void nothingReadMeansNoSafeOffset() {
        assertThat(ledger.safeOffset(ISSUES_0)).isEmpty();
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void theSafeOffsetIsTheLowestPendingOne() {
        read(ISSUES_0, 5, 6, 7);

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(5);
        assertThat(ledger.pendingCount()).isEqualTo(3);
    }

    @Test
    void withNothingPendingTheSafeOffsetIsTheOneAfterTheHighestRead() {
        read(ISSUES_0, 5, 6, 7);
        ledger.settle(at(ISSUES_0, 5));
        ledger.settle(at(ISSUES_0, 6));
        ledger.settle(at(ISSUES_0, 7));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(8);
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void settlingOutOfOrderAdvancesOnlyPastTheLowestPending() {
        read(ISSUES_0, 5, 6, 7, 8);

        ledger.settle(at(ISSUES_0, 7));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(5);
        ledger.settle(at(ISSUES_0, 5));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(6);
        ledger.settle(at(ISSUES_0, 6));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(8);
        ledger.settle(at(ISSUES_0, 8));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(9);
    }

    @Test
    void settlingTwiceOrSettlingAnUnknownPartitionChangesNothing() {
        read(ISSUES_0, 5, 6);
        ledger.settle(at(ISSUES_0, 5));
        ledger.settle(at(ISSUES_0, 5));
        ledger.settle(at(ISSUES_1, 5));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(6);
        assertThat(ledger.safeOffset(ISSUES_1)).isEmpty();
    }

    @Test
    void aRecordReadSettledCountsAsReadButNeverPends() {
        ledger.readSettled(at(ISSUES_0, 10));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(11);
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void aRecordReadSettledBehindAPendingOneDoesNotReleaseIt() {
        read(ISSUES_0, 3);
        ledger.readSettled(at(ISSUES_0, 4));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(3);
        ledger.settle(at(ISSUES_0, 3));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(5);
    }

    @Test
    void aPendingRecordHoldsBackWhatTheUnitReadAfterItInOtherPartitions() {
        read(ISSUES_0, 5);
        read(RESOLUTIONS_0, 500);
        ledger.settle(at(RESOLUTIONS_0, 500));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(5);
        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(500);

        ledger.settle(at(ISSUES_0, 5));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(6);
        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(501);
    }

    @Test
    void recordsReadBeforeThePendingOneAreCommittedInEveryPartition() {
        read(RESOLUTIONS_0, 500);
        ledger.settle(at(RESOLUTIONS_0, 500));
        read(ISSUES_0, 5);
        read(RESOLUTIONS_0, 501);

        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(501);
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(5);
    }

    @Test
    void theCutMovesBackSoThatNoPairStraddlesIt() {
        // Read order: resolution R9 (waits), issue I7 (waits, never resolved), issue I9 (joins R9, row committed).
        read(RESOLUTIONS_0, 90);
        read(ISSUES_0, 7);
        read(ISSUES_0, 9);
        ledger.pair(at(ISSUES_0, 9), at(RESOLUTIONS_0, 90));
        ledger.settle(at(ISSUES_0, 9));
        ledger.settle(at(RESOLUTIONS_0, 90));

        // Replaying from I7 alone would re-read I9 without R9 and time it out: R9 must be re-read too.
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(7);
        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(90);

        ledger.settle(at(ISSUES_0, 7));
        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(10);
        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(91);
    }

    @Test
    void aPairEntirelyAfterThePendingRecordDoesNotMoveTheCut() {
        read(ISSUES_0, 7);
        read(ISSUES_0, 9);
        read(RESOLUTIONS_0, 90);
        ledger.pair(at(ISSUES_0, 9), at(RESOLUTIONS_0, 90));
        ledger.settle(at(ISSUES_0, 9));
        ledger.settle(at(RESOLUTIONS_0, 90));

        assertThat(ledger.safeOffset(ISSUES_0)).hasValue(7);
        assertThat(ledger.safeOffset(RESOLUTIONS_0)).hasValue(90);
        assertThat(ledger.pendingCount()).isEqualTo(1);
    }
}
