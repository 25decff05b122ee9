package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound on a label's path level counts the output prefix and the widest rest of an object key. */
class DatasetWiringLabelBoundTest {

    /** The longest key but its prefix and label level: staging directories, the default split level, a file name. */
    private static final int REST = "_trainset/pending/unit-2147483647/9223372036854775807-ffffffff/".length()
            + ".pending".length()
            + "/split=validation".length()
            + "/".length() // the longest default split
            + "validation-2147483647-9223372036854775807-2147483647.parquet".length();

    /** The layout with label directories, whose names the bound is about. */
    private static final String LABEL_LEVEL = "split,label";

    @TempDir
    Path root;

    private int maxLevelBytes(String outputUrl) throws IOException {
        TrainsetSinkConfig config =
                new TrainsetSinkConfig(ConnectorProps.of("output.url", outputUrl, "layout.partitions", LABEL_LEVEL));
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            return new DatasetWiring(config, store, Clock.systemUTC(), CardSeed.empty())
                    .labelPathBound()
                    .maxLevelBytes();
        }
    }

    /** The error messages of the REST validate call, by key, for the keys that have any. */
    private static Map<String, List<String>> validate(String... keysAndValues) {
        return new TrainsetSinkConnector()
                .validate(ConnectorProps.of(keysAndValues)).configValues().stream()
                        .filter(value -> !value.errorMessages().isEmpty())
                        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aShortPrefixLeavesAFileNamesWorthForTheLabelLevel() throws IOException {
        assertThat(maxLevelBytes(root.toUri().toString())).isEqualTo(255);
        assertThat(maxLevelBytes("s3://bucket/datasets/support")).isEqualTo(255);
    }

    @Test
    void aLongS3PrefixLeavesWhatTheKeyHasLeft() throws IOException {
        String prefix = "p".repeat(799);

        assertThat(maxLevelBytes("s3://bucket/" + prefix)).isEqualTo(1024 - (prefix.length() + 1) - REST);
        assertThat(validate("output.url", "s3://bucket/" + prefix, "layout.partitions", LABEL_LEVEL))
                .isEmpty();
    }

    @Test
    void aPrefixThatLeavesNoRoomForTheLabelLevelIsReportedByValidateOnTheUrlTheLayoutAndTheSplits() {
        String url = "s3://bucket/" + "p".repeat(900);
        String message = "the output location's key prefix leaves " + (1024 - 901 - REST) + " of 1024 bytes for the "
                + "label level of an object key: shorten the prefix in output.url";

        assertThatThrownBy(() -> maxLevelBytes(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(validate("output.url", url, "layout.partitions", LABEL_LEVEL))
                .isEqualTo(Map.of(
                        "output.url", List.of(message),
                        "layout.partitions", List.of(message),
                        "split.ratios", List.of(message)));
        assertThat(validate("output.url", url, "layout.partitions", "split,dt")).isEmpty();
        assertThat(validate("output.url", url))
                .as("the default layout has no label level")
                .isEmpty();
    }
}
