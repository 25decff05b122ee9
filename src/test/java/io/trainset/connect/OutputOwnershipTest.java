package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.state.OutputOwner;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.RecordingObjectStore;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One connector per output location, as the connector and its tasks start (docs/guarantees.md): the
 * connector's start claims the location, a second connector fails there, and a task of another connector
 * fails at its start before it reads anything.
 */
class OutputOwnershipTest {

    @TempDir
    Path root;

    private RecordingObjectStore store;
    private Wiring wiring;

    @BeforeEach
    void openStore() throws IOException {
        store = new RecordingObjectStore(new LocalObjectStore(root));
        wiring = new Wiring((url, s3) -> store, TestClock.atMillis(1_780_000_000_000L));
    }

    private Map<String, String> props(String name, String resolved) {
        Map<String, String> props = new HashMap<>(Map.of(
                "name",
                name,
                "topics",
                "issues," + resolved,
                "submitted.topics",
                "issues",
                "resolved.topics",
                resolved,
                "label.field",
                "department",
                "output.url",
                root.toUri().toString()));
        return props;
    }

    private void startConnector(Map<String, String> props) {
        TrainsetSinkConnector connector = new TrainsetSinkConnector(wiring);
        connector.start(props);
        connector.stop();
    }

    @Test
    void aSecondConnectorOnTheSameOutputUrlFailsAtStartNamingTheOwnerAndTheFix() throws IOException {
        startConnector(props("support-routing", "resolutions"));
        int written = store.written().size();

        assertThatThrownBy(() -> startConnector(props("fraud", "resolutions")))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("The output location " + store.location() + " (output.url) belongs to "
                        + "connector 'support-routing' reading [issues, resolutions] (claimed 2026-05-28T20:26:40Z")
                .hasMessageContaining("not to this connector 'fraud' reading [issues, resolutions]")
                .hasMessageContaining("give this connector an output.url of its own")
                .hasMessageContaining("stop connector 'support-routing', delete " + store.location()
                        + "_trainset/owner.json and restart this connector");
        assertThat(store.written()).hasSize(written);
        assertThat(store.list("")).containsExactly(OutputOwner.KEY);
    }

    @Test
    void aConnectorRestartedOrDeletedAndRecreatedWithItsNameAndTopicsStartsAgain() throws IOException {
        startConnector(props("support-routing", "resolutions"));
        byte[] claim = store.read(OutputOwner.KEY).orElseThrow();

        startConnector(props("support-routing", "resolutions"));
        startConnector(props("support-routing", "resolutions"));

        assertThat(store.read(OutputOwner.KEY)).hasValue(claim);
        assertThat(store.list("")).containsExactly(OutputOwner.KEY);
    }

    @Test
    void theConnectorWithOtherInputTopicsFailsAtStart() {
        startConnector(props("support-routing", "resolutions"));

        assertThatThrownBy(() -> startConnector(props("support-routing", "resolutions-v2")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("not to this connector 'support-routing' reading [issues, resolutions-v2]");
    }

    @Test
    void aTaskOfAnotherConnectorFailsAtStartBeforeReadingAnyCheckpoint() throws IOException {
        startConnector(props("support-routing", "resolutions"));
        List<String> objects = store.list("");
        TrainsetSinkTask task = new TrainsetSinkTask(wiring);

        assertThatThrownBy(() -> task.start(props("fraud", "resolutions")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("belongs to connector 'support-routing'");
        assertThat(store.list("")).isEqualTo(objects);
    }
}
