package io.trainset.connect.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * The deployed suite's framework floor: a sink for a stock worker that drops its records ({@code noop-local}) or
 * first parses each {@code byte[]} value with Jackson's {@code readTree} ({@code noop-jackson}, with {@code
 * parse=true}): what the worker costs per event before any sink's own work, measured like Trainset's runs. It
 * needs only the Connect API and the worker's own Jackson, so {@link DiscardPlugin} ships it as a plugin of two
 * classes.
 */
public class DiscardSinkConnector extends SinkConnector {

    static final String PARSE = "parse";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return Discard.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing to release
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(PARSE, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW, "readTree");
    }

    @Override
    public String version() {
        return "bench";
    }

    /** Drops every record, after parsing its value when {@code parse=true}. */
    public static class Discard extends SinkTask {

        private static final ObjectMapper JSON = new ObjectMapper();
        private boolean parse;
        private long fields;

        @Override
        public String version() {
            return "bench";
        }

        @Override
        public void start(Map<String, String> props) {
            parse = Boolean.parseBoolean(props.get(PARSE));
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            if (!parse) {
                return;
            }
            for (SinkRecord record : records) {
                try {
                    fields += JSON.readTree((byte[]) record.value()).size();
                } catch (IOException e) {
                    throw new UncheckedIOException("A value is not JSON", e);
                }
            }
        }

        @Override
        public void stop() {
            // keeps the parse's result alive until here, so the JIT cannot drop it
            if (fields < 0) {
                throw new IllegalStateException();
            }
        }
    }
}
