package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.model.Row;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileSlotsTest {

    private static final long DAY_MS = 86_400_000L;

    private static Row row(String label, long submittedAtMs) {
        return new Row("ISSUE-1", Features.EMPTY, label, submittedAtMs, null, JoinStatus.TIMED_OUT, 0, List.of());
    }

    private static FileSlots slots(PathLevel... levels) {
        return new FileSlots(new FileLayout(3, new LayoutSpec(List.of(levels), ZoneId.of("UTC"), false)));
    }

    @Test
    void aSplitAndLabelGetTheirDirectoryAndSlotOnceAndTheSameInstanceAfterwards() {
        FileSlots slots = slots(PathLevel.SPLIT, PathLevel.LABEL);

        FileSlots.Slot first = slots.of(row("billing/payments", 0), "train");

        assertThat(first)
                .isEqualTo(new FileSlots.Slot(
                        "split=train/label=billing%2Fpayments", "split=train/label=billing%2Fpayments/train"));
        assertThat(slots.of(row(new String("billing/payments"), DAY_MS), "train"))
                .isSameAs(first);
        assertThat(slots.of(row("billing/payments", 0), "test").directory())
                .isEqualTo("split=test/label=billing%2Fpayments");
        assertThat(slots.of(row(null, 0), "train"))
                .isEqualTo(new FileSlots.Slot(
                        "split=train/label=__HIVE_DEFAULT_PARTITION__",
                        "split=train/label=__HIVE_DEFAULT_PARTITION__/train"));
        assertThat(slots(PathLevel.LABEL).of(row("a", 0), "validation"))
                .isEqualTo(new FileSlots.Slot("label=a", "label=a/validation"));
        assertThat(slots().of(row("a", 0), "train")).isEqualTo(new FileSlots.Slot("", "/train"));
    }

    @Test
    void withADateLevelEachRowGetsTheDirectoryOfItsDay() {
        FileSlots slots = slots(PathLevel.DATE, PathLevel.LABEL);

        assertThat(slots.of(row("a", 0), "train").directory()).isEqualTo("dt=1970-01-01/label=a");
        assertThat(slots.of(row("a", DAY_MS), "train").directory()).isEqualTo("dt=1970-01-02/label=a");
        assertThat(slots.of(row("a", DAY_MS - 1), "train").name()).isEqualTo("dt=1970-01-01/label=a/train");
    }

    @Test
    void unboundedLabelsStartTheMemoryOverInsteadOfGrowingIt() {
        FileSlots slots = slots(PathLevel.SPLIT, PathLevel.LABEL);
        FileSlots.Slot first = slots.of(row("label-0", 0), "train");

        for (int i = 1; i <= FileSlots.MAX_REMEMBERED; i++) {
            assertThat(slots.of(row("label-" + i, 0), "train").directory()).isEqualTo("split=train/label=label-" + i);
        }

        FileSlots.Slot again = slots.of(row("label-0", 0), "train");
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
