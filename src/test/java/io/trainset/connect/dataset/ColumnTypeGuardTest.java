package io.trainset.connect.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.record.ColumnTypeGuard;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FeatureOptions;
import io.trainset.connect.record.Nesting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schema evolution as the extractor sees it: new fields become columns, type changes are guarded. */
class ColumnTypeGuardTest {

    private static FeatureExtractor extractor(ColumnTypeGuard.Policy policy) {
        return new FeatureExtractor(
                List.of(),
                List.of(),
                new FeatureOptions(
                        Map.of("customer_tier", "tier"),
                        Set.of("split"),
                        Optional.empty(),
                        false,
                        new ColumnTypeGuard(policy),
                        Nesting.FLATTEN));
    }

    @Test
    void aNewOptionalFieldBecomesANewColumnAndOldShapesStillFit() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.DLQ);

        Features before = features.extract(Map.of("title", "a"));
        Features after = features.extract(Map.of("title", "b", "channel", "email"));
        Features beforeAgain = features.extract(Map.of("title", "c"));

        assertThat(before.columns()).containsExactly(new Column("title", ColumnType.STRING));
        assertThat(after.columns())
                .containsExactlyInAnyOrder(
                        new Column("title", ColumnType.STRING), new Column("channel", ColumnType.STRING));
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
    void aColumnNamedAfterItsTypeCountsAgainstTheBoundOnColumns() {
        ColumnTypeGuard guard = new ColumnTypeGuard(ColumnTypeGuard.Policy.NEW_COLUMN, 2);
        guard.establish("priority", ColumnType.LONG);
        guard.exists("channel"); // listed by the card with two types

        assertThatThrownBy(() -> guard.check(List.of(new Column("priority", ColumnType.STRING))))
                .hasMessageStartingWith("it would add 1 column(s) (priority__string) to the 2 the dataset has, past "
                        + "dataset.max.columns=2");
        assertThat(guard.check(List.of(
                                new Column("priority", ColumnType.LONG), new Column("channel", ColumnType.STRING)))
                        .columns())
                .hasSize(2);
    }

    @Test
    void renamesApplyToFlattenedNamesAndReservedNamesAreMovedOff() {
        FeatureExtractor features = extractor(ColumnTypeGuard.Policy.DLQ);

        assertThat(features.extract(Map.of("customer", Map.of("tier", "pro"))).columns())
                .containsExactly(new Column("tier", ColumnType.STRING));
        assertThat(features.extract(Map.of("split", "x")).columns())
                .containsExactly(new Column("feature_split", ColumnType.STRING));
    }

    @Test
    void columnTypesParseBackFromTheirText() {
        ColumnType address =
                ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.INT)));
        ColumnType customer = ColumnType.struct(List.of(
                new Column("credit", ColumnType.decimal(10, 2)),
                new Column("address", address),
                new Column("tags", ColumnType.list(ColumnType.STRING))));
        for (ColumnType type : List.of(
                ColumnType.LONG,
                ColumnType.TIMESTAMP_MILLIS,
                ColumnType.decimal(10, 2),
                ColumnType.list(ColumnType.STRING),
                address,
                customer)) {
            assertThat(ColumnType.parse(type.toString())).isEqualTo(type);
        }
        assertThat(customer)
                .hasToString("struct<credit:decimal(10,2),address:struct<city:string,zip:int>,tags:list<string>>");
    }

    @Test
    void aGroupFitsAGroupWithTheSameChildrenOrMoreButNotFewer() {
        ColumnType tier = ColumnType.struct(List.of(new Column("tier", ColumnType.STRING)));
        ColumnType tierAndRegion = ColumnType.struct(
                List.of(new Column("region", ColumnType.STRING), new Column("tier", ColumnType.STRING)));
        ColumnType numericTier = ColumnType.struct(List.of(new Column("tier", ColumnType.LONG)));

        assertThat(tier.fitsInto(tierAndRegion)).isTrue();
        assertThat(tierAndRegion.fitsInto(tier)).isFalse();
        assertThat(numericTier.fitsInto(tierAndRegion)).isFalse();
        assertThat(ColumnType.STRING.fitsInto(tier)).isFalse();
        assertThatThrownBy(() -> ColumnType.struct(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a STRUCT and only a STRUCT has child columns, at least one");
    }
}
