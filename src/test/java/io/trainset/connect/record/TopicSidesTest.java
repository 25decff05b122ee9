package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Side;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSidesTest {

    private final TopicSides sides = new TopicSides(Map.of("issues", Side.SUBMITTED, "resolutions", Side.RESOLVED));

    /** A topic name as a fetch would carry it: equal text, an instance of its own. */
    private static String fresh(String topic) {
        return new String(topic.toCharArray());
    }

    @Test
    void eachTopicHasItsSideWhateverTheInstanceAndTheTopicBefore() {
        String issues = fresh("issues");
        assertThat(sides.of(issues)).isEqualTo(Side.SUBMITTED);
        assertThat(sides.of(issues)).isEqualTo(Side.SUBMITTED);
        assertThat(sides.of(fresh("resolutions"))).isEqualTo(Side.RESOLVED);
        assertThat(sides.of(fresh("issues"))).isEqualTo(Side.SUBMITTED);
        assertThat(sides.of(issues)).isEqualTo(Side.SUBMITTED);
    }

    @Test
    void aTopicThatIsNoInputHasNoSideAndLeavesTheLastOneRemembered() {
        String issues = fresh("issues");
        assertThat(sides.of(issues)).isEqualTo(Side.SUBMITTED);
        assertThat(sides.of("renamed-by-a-transform")).isNull();
        assertThat(sides.of("renamed-by-a-transform")).isNull();
        assertThat(sides.of(issues)).isEqualTo(Side.SUBMITTED);
    }
}
