package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound on a label's path level counts the output prefix and the widest rest of an object key. */
class DatasetWiringLabelBoundTest {

    @TempDir
    Path root;

    private int maxLevelBytes(String outputUrl) throws IOException {
        TrainsetSinkConfig config = new TrainsetSinkConfig(ConnectorProps.of("output.url", outputUrl));
        try (LocalObjectStore store = new LocalObjectStore(root)) {
            return new DatasetWiring(config, store, Clock.systemUTC(), CardSeed.empty()).labelPathBound().maxLevelBytes();
        }
    }

    @Test
    void aShortPrefixLeavesAFileNamesWorthForTheLabelLevel() throws IOException {
        assertThat(maxLevelBytes(root.toUri().toString())).isEqualTo(255);
        assertThat(maxLevelBytes("s3://bucket/datasets/support")).isEqualTo(255);
    }

    @Test
    void aLongS3PrefixLeavesWhatTheKeyHasLeft() throws IOException {
        String prefix = "p".repeat(799);
        int rest = "_trainset/pending/unit-2147483647/9223372036854775807-ffffffff/".length() + ".pending".length()
                + "/split=validation".length() + "/".length() // the longest default split
                + "validation-2147483647-9223372036854775807-2147483647.parquet".length();

        assertThat(maxLevelBytes("s3://bucket/" + prefix)).isEqualTo(1024 - (prefix.length() + 1) - rest);
    }
}
