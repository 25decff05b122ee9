package io.trainset.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.testing.ConnectorProps;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** join.early.window.ms: off by default, and shorter than join.window.after.ms when set. */
class JoinConfigEarlyLabelsTest {

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = ConnectorProps.of("output.url", "s3://ml/support");
        props.putAll(ConnectorProps.of(keysAndValues));
        return props;
    }

    @Test
    void theModeIsOffByDefault() {
        TrainsetSinkConfig config = new TrainsetSinkConfig(props());

        assertThat(config.joinSettings().earlyLabels()).isFalse();
        assertThat(config.joinSettings().early()).isEqualTo(Duration.ZERO);
    }

    @Test
    void anEarlyWindowShorterThanTheJoinWindowTurnsItOn() {
        TrainsetSinkConfig config =
                new TrainsetSinkConfig(props("join.window.after.ms", "86400000", "join.early.window.ms", "3600000"));

        assertThat(config.joinSettings().early()).isEqualTo(Duration.ofHours(1));
        assertThat(TrainsetSinkConfig.validate(
                        props("join.window.after.ms", "86400000", "join.early.window.ms", "3600000")))
                .isEmpty();
    }

    @Test
    void anEarlyWindowNotShorterThanTheJoinWindowIsReportedOnBothKeys() {
        Map<String, String> props = props("join.window.after.ms", "3600000", "join.early.window.ms", "3600000");

        assertThat(TrainsetSinkConfig.validate(props))
                .containsOnlyKeys("join.early.window.ms", "join.window.after.ms")
                .allSatisfy((key, errors) -> assertThat(errors)
                        .singleElement()
                        .asString()
                        .contains("join.early.window.ms=3600000 is not less than join.window.after.ms=3600000")
                        .contains("or 0 to turn the early-label mode off"));
        assertThatThrownBy(() -> new TrainsetSinkConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("join.early.window.ms")
                .hasMessageContaining("is not less than join.window.after.ms");
    }

    @Test
    void aNegativeEarlyWindowIsRefusedByItsValidator() {
        assertThatThrownBy(() -> new TrainsetSinkConfig(props("join.early.window.ms", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("join.early.window.ms");
    }
}
