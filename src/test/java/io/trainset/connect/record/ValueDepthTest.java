package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nesting bound, at its edge, for maps, lists and leaves. */
class ValueDepthTest {

    @Test
    void containersNestedExactly64LevelsBelowTheValuePassAndOneMoreDoesNot() {
        assertThat(ValueDepth.tooDeep(nested(ValueDepth.MAX_DEPTH))).isFalse();
        assertThat(ValueDepth.tooDeep(nested(ValueDepth.MAX_DEPTH + 1))).isTrue();
        assertThat(ValueDepth.tooDeep("key", nested(ValueDepth.MAX_DEPTH + 1))).isTrue();
    }

    @Test
    void leavesAndFlatValuesAreNeverTooDeep() {
        assertThat(ValueDepth.tooDeep("text", 1L, 2.5, true, null)).isFalse();
        assertThat(ValueDepth.tooDeep(Map.of("a", "x", "b", 1L), List.of("y"))).isFalse();
    }

    /** A map holding a list holding a map ... with {@code levels} containers below the outermost. */
    private static Object nested(int levels) {
        Object value = Map.of("leaf", 1L);
        for (int i = 0; i < levels; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("n", value);
        }
        return value;
    }
}
