package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.config.TrainsetSinkConfig;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import io.trainset.connect.testing.FaultyObjectStore;
import io.trainset.connect.testing.FaultyObjectStore.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task's store retries uploads that fail after the client's own retries (docs/guarantees.md). */
class WiringStoreTest {

    @TempDir
    Path root;

    @Test
    void anUploadThatFailsOnceIsRetriedWithBackoff() throws IOException {
        FaultyObjectStore faulty = new FaultyObjectStore(new LocalObjectStore(root));
        Wiring wiring = new Wiring((url, s3) -> faulty, Clock.systemUTC());
        TrainsetSinkConfig config = new TrainsetSinkConfig(
                ConnectorProps.of("output.url", root.toUri().toString()));
        faulty.failTimes(op -> op == Operation.UPLOAD, 1);

        try (ObjectStore store = wiring.openStore(config);
                ObjectOutput out = store.create("data/a.parquet")) {
            out.write("rows".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(faulty.failures()).isEqualTo(1);
        assertThat(faulty.read("data/a.parquet"))
                .hasValueSatisfying(bytes ->
                        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("rows"));
    }
}
