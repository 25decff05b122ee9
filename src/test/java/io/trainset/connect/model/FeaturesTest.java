package io.trainset.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static final List<Column> COLUMNS =
            List.of(new Column("title", ColumnType.STRING), new Column("size", ColumnType.LONG));

    @Test
    void valuesGivenAsAListAreCopiedAndUnmodifiable() {
        List<Object> given = new ArrayList<>(Arrays.asList("a", null));
        Features features = new Features(COLUMNS, given, "g");
        given.set(0, "changed");

        assertThat(features.values()).containsExactly("a", null);
        assertThatThrownBy(() -> features.values().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> features.values().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anOwnedArrayIsNotCopiedAgainNorByTheRecordsOwnCopies() {
        Object[] values = {"a", 3L};
        Features features = Features.owning(COLUMNS, values, null);
        Features copy = new Features(features.columns(), features.values(), features.group());

        assertThat(copy.values()).isSameAs(features.values());
        assertThat(features.values().toArray()).containsExactly("a", 3L).isNotSameAs(values);
    }

    @Test
    void equalsAndPrintsAsBefore() {
        Features owned = Features.owning(COLUMNS, new Object[] {"a", null}, "g");
        Features copied = new Features(COLUMNS, Arrays.asList("a", null), "g");

        assertThat(owned).isEqualTo(copied).hasSameHashCodeAs(copied);
        assertThat(owned.values()).isEqualTo(Arrays.asList("a", null)).hasToString("[a, null]");
    }

    @Test
    void valuesMustMatchTheColumns() {
        assertThatThrownBy(() -> Features.owning(COLUMNS, new Object[] {"a"}, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 columns but 1 values");
    }
}
