package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schema evolution as the extractor sees it: new fields become columns, type changes are guarded. */
class ColumnTypeGuardTest {

    private static FeatureExtractor extractor(ColumnTypeGuard.Policy policy) {
        return new FeatureExtractor(List.of(), List.of(), new FeatureOptions(Map.of("customer_tier", "tier"),
                Set.of("split"), Optional.empty(), false, new ColumnTypeGuard(policy)));
    }

    @Test
    void aNewOptionalFieldBecomesANewColumnAndOldShapesStillFit() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.DLQ);

        Features before = features.extract(Map.of("title", "a"));
        Features after = features.extract(Map.of("title", "b", "channel", "email"));
        Features beforeAgain = features.extract(Map.of("title", "c"));

        assertThat(before.columns()).containsExactly(new Column("title", ColumnType.STRING));
        assertThat(after.columns()).containsExactlyInAnyOrder(new Column("title", ColumnType.STRING),
                new Column("channel", ColumnType.STRING));
        assertThat(beforeAgain.columns()).isSameAs(before.columns());
    }

    @Test
    void anIncompatibleTypeChangeIsRejectedWithTheColumnBothTypesAndTheFix() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.DLQ);
        features.extract(Map.of("priority", 3L));

        assertThatThrownBy(() -> features.extract(Map.of("priority", "high")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the column 'priority' is a long in the dataset but this value's is a string (an "
                        + "incompatible type change); fix the producer, or set schema.type.change.policy=new_column "
                        + "to write such values to the column 'priority__string'");
        assertThat(features.extract(Map.of("priority", 4L)).values()).containsExactly(4L);
    }

    @Test
    void underNewColumnTheValueGoesToAColumnNamedAfterItsType() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.NEW_COLUMN);
        features.extract(Map.of("priority", 3L));

        Features text = features.extract(Map.of("priority", "high"));

        assertThat(text.columns()).containsExactly(new Column("priority__string", ColumnType.STRING));
        assertThat(text.values()).containsExactly("high");
    }

    @Test
    void renamesApplyToFlattenedNamesAndReservedNamesAreRejected() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.DLQ);

        assertThat(features.extract(Map.of("customer", Map.of("tier", "pro"))).columns())
                .containsExactly(new Column("tier", ColumnType.STRING));
        assertThatThrownBy(() -> features.extract(Map.of("split", "x")))
                .hasMessageStartingWith("the column 'split' has the name of a path level");
    }

    @Test
    void columnTypesParseBackFromTheirText() {
        for (ColumnType type : List.of(ColumnType.LONG, ColumnType.TIMESTAMP_MILLIS, ColumnType.decimal(10, 2),
                ColumnType.list(ColumnType.STRING))) {
            assertThat(ColumnType.parse(type.toString())).isEqualTo(type);
        }
    }
}
