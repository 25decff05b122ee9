package io.trainset.connect.record;

import static io.trainset.connect.record.Groups.column;
import static io.trainset.connect.record.Groups.grouping;
import static io.trainset.connect.record.Groups.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** features.nested=group with schemaless values: a nested map stays one group column, typed by its values. */
class MapGroupsTest {

    private final FeatureExtractor everything = Groups.everything();

    private static final ColumnType ADDRESS_MAP =
            ColumnType.struct(List.of(new Column("city", ColumnType.STRING), new Column("zip", ColumnType.LONG)));
    private static final ColumnType CUSTOMER_MAP =
            ColumnType.struct(List.of(new Column("tier", ColumnType.STRING), new Column("address", ADDRESS_MAP)));

    private Map<String, Object> issue(Map<String, Object> customer) {
        return map("title", "Charged twice", "customer", customer, "tags", List.of("billing"));
    }

    @Test
    void nestedMapsAreGroupsWithChildrenInTheMapsOrder() {
        Features features =
                everything.extract(issue(map("tier", "pro", "address", map("city", "Berlin", "zip", 10115L))));

        assertThat(features.columns())
                .containsExactly(
                        column("title", ColumnType.STRING),
                        column("customer", CUSTOMER_MAP),
                        column("tags", ColumnType.list(ColumnType.STRING)));
        assertThat(features.values())
                .containsExactly("Charged twice", List.of("pro", List.of("Berlin", 10115L)), List.of("billing"));
    }

    @Test
    void missingNullAndReorderedChildrenFitTheGroupTheFirstValueEstablished() {
        List<Column> established = everything
                .extract(issue(map("tier", "pro", "address", map("city", "Berlin", "zip", 10115L))))
                .columns();

        Features reordered =
                everything.extract(issue(map("address", map("zip", null, "city", "Oslo"), "tier", "free")));
        Features partial = everything.extract(issue(map("tier", "pro")));

        assertThat(reordered.columns()).isEqualTo(established);
        assertThat(reordered.values().get(1)).isEqualTo(List.of("free", Arrays.asList("Oslo", null)));
        assertThat(partial.columns()).isEqualTo(established);
        assertThat(partial.values().get(1)).isEqualTo(Arrays.asList("pro", null));
    }

    @Test
    void aNewChildIsATypeChangeThatTheDlqPolicyRejects() {
        everything.extract(map("customer", map("tier", "pro")));

        assertThatThrownBy(() -> everything.extract(map("customer", map("tier", "pro", "region", "eu"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the column 'customer' is a struct<tier:string> in the dataset but this "
                        + "value's is a struct<tier:string,region:string> (an incompatible type change)")
                .hasMessageEndingWith("to write such values to the column 'customer__struct_78add4b6'");
    }

    @Test
    void aGroupTypeTheDatasetCardRecordedIsKeptAfterARestart() {
        ColumnType recorded = ColumnType.parse("struct<tier:string,region:string>");
        ColumnTypeGuard guard = new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ);
        guard.establish("customer", recorded);
        FeatureExtractor restarted = new FeatureExtractor(
                List.of(),
                List.of(),
                new FeatureOptions(Map.of(), Set.of(), Optional.empty(), false, guard, Nesting.GROUP));

        Features features = restarted.extract(map("customer", map("region", "eu")));

        assertThat(features.columns()).containsExactly(column("customer", recorded));
        assertThat(features.values()).containsExactly(Arrays.asList(null, "eu"));
    }

    @Test
    void aMapWithoutNonNullValuesIsLeftOutOfTheRow() {
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("tier", null);

        assertThat(everything.extract(issue(map())).columns())
                .extracting(Column::name)
                .containsExactly("title", "tags");
        assertThat(everything.extract(issue(nulls)).columns())
                .extracting(Column::name)
                .containsExactly("title", "tags");
    }

    @Test
    void anIncludedPathToAMapIsAGroupAndToALeafAFlatColumn() {
        Features features = grouping(
                        List.of("customer.address", "customer.tier"), List.of(), Map.of(), ColumnTypeGuard.Policy.DLQ)
                .extract(issue(map("tier", "pro", "address", map("city", "Berlin", "zip", 10115L))));

        assertThat(features.columns())
                .containsExactly(column("customer_address", ADDRESS_MAP), column("customer_tier", ColumnType.STRING));
        assertThat(features.values()).containsExactly(List.of("Berlin", 10115L), "pro");
    }

    @Test
    void keysBecomeChildNamesLikeColumnNames() {
        Features features = everything.extract(map("contact", map("e-mail", "a@b", "2fa", true)));

        assertThat(features.columns())
                .containsExactly(column(
                        "contact",
                        ColumnType.struct(List.of(
                                new Column("e_mail", ColumnType.STRING), new Column("_2fa", ColumnType.BOOLEAN)))));
        assertThat(features.values()).containsExactly(List.of("a@b", true));
    }
}
