package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.dataset.card.CardSeed;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early-label mode with timeouts that are not written: the task warns that provisional rows may stay. */
class DatasetWiringEarlyLabelsTest {

    @TempDir
    Path root;

    private String startWith(String timedOutPolicy, String earlyMs) throws Exception {
        Map<String, String> props = ConnectorProps.of("output.url", root.toUri().toString());
        props.putAll(ConnectorProps.of("join.timed.out.policy", timedOutPolicy, "join.early.window.ms", earlyMs));
        LocalObjectStore store = new LocalObjectStore(root);
        try (LogCapture log = new LogCapture(DatasetWiring.class.getName())) {
            new DatasetWiring(new TrainsetSinkConfig(props), store, TestClock.atMillis(0), CardSeed.read(store))
                    .writerContext();
            return log.text();
        }
    }

    @Test
    void dropAndDlqWarnThatAProvisionalRowMayNeverBeSuperseded() throws Exception {
        assertThat(startWith("drop", "3600000"))
                .contains("join.timed.out.policy is drop")
                .contains("its provisional row is never superseded")
                .contains("Set join.timed.out.policy=emit");
        assertThat(startWith("dlq", "3600000")).contains("join.timed.out.policy is dlq");
    }

    @Test
    void emitOrTheModeOffWarnsNothing() throws Exception {
        assertThat(startWith("emit", "3600000")).doesNotContain("never superseded");
        assertThat(startWith("drop", "0")).doesNotContain("never superseded");
    }
}
