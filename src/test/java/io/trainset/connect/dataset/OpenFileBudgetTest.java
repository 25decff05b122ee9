package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task's bound on open files and buffered row groups. */
class OpenFileBudgetTest {

    private final List<Slot> finishedEarly = new ArrayList<>();

    @Test
    void filesThatBufferNoMoreThanTheirRowGroupShareAreNeverFinishedEarly() {
        OpenFileBudget budget = new OpenFileBudget(12, 256L << 20);
        long share = budget.rowGroupBytesPerFile();
        assertThat(share).isEqualTo((256L << 20) / 12 / 4 * 3);

        List<Slot> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(new Slot(budget));
        }
        for (long bytes = 0; bytes <= share; bytes += share / 10) {
            for (Slot file : files) {
                budget.written(file, bytes);
            }
        }
        assertThat(finishedEarly).isEmpty();
        assertThat(budget.earlyFinishes()).isZero();
        assertThat(budget.bufferedBytes()).isLessThanOrEqualTo(256L << 20);
    }

    @Test
    void theRowGroupShareIsNeverBelowTheFloorReadersNeed() {
        assertThat(new OpenFileBudget(64, 128L << 20).rowGroupBytesPerFile())
                .isEqualTo(OpenFileBudget.MIN_ROW_GROUP_BYTES)
                .isEqualTo(8L << 20);
    }

    @Test
    void overTheBytesTheLeastRecentlyWrittenFileIsFinishedEarly() {
        OpenFileBudget budget = new OpenFileBudget(4, 4L << 20);
        Slot first = new Slot(budget);
        Slot second = new Slot(budget);
        budget.written(first, 3L << 20);
        budget.written(second, 2L << 20);
        assertThat(finishedEarly).containsExactly(first);
        assertThat(budget.openFiles()).isEqualTo(1);
    }

    @Test
    void anOpenedFileIsCountedBeforeItsFirstWriteAndGoesOverTheFileBoundOnlyThen() {
        OpenFileBudget budget = new OpenFileBudget(1, 4L << 20);
        Slot first = new Slot(budget);
        budget.written(first, 1L << 20);
        Slot second = new Slot(budget);

        assertThat(budget.openFiles()).isEqualTo(2);
        assertThat(budget.bufferedBytes()).isEqualTo(1L << 20);
        assertThat(finishedEarly).isEmpty();

        budget.written(second, 1L << 20);
        assertThat(finishedEarly).containsExactly(first);
        assertThat(budget.openFiles()).isEqualTo(1);
        assertThat(budget.bufferedBytes()).isEqualTo(1L << 20);
    }

    private final class Slot implements OpenFileBudget.Slot {
        private final OpenFileBudget budget;

        Slot(OpenFileBudget budget) {
            this.budget = budget;
            budget.opened(this);
        }

        @Override
        public void finishEarly() {
            finishedEarly.add(this);
            budget.closed(this);
        }
    }
}
