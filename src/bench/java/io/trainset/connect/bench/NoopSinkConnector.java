package io.trainset.connect.bench;

import io.trainset.connect.Version;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A sink that does nothing with its records (it counts them in the {@link RunProbe}): what the
 * Connect framework alone costs with a given converter, the floor under any sink's cost.
 */
public class NoopSinkConnector extends DiscardSinkConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return Noop.class;
    }

    @Override
    public String version() {
        return Version.get();
    }

    /** Counts batches and drops them. */
    public static class Noop extends SinkTask {

        @Override
        public String version() {
            return Version.get();
        }

        @Override
        public void start(Map<String, String> props) {
            // stateless
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            if (!records.isEmpty()) {
                RunProbe.batch(records.size());
            }
        }

        @Override
        public void stop() {
            // stateless
        }
    }
}
