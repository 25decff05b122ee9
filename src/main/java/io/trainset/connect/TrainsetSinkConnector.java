package io.trainset.connect;

import io.trainset.connect.config.InputConfig;
import io.trainset.connect.config.TrainsetSinkConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainset: joins submitted and resolved event topics by key into labelled rows and writes them as
 * a Parquet training dataset to S3-compatible storage or a local directory.
 */
public class TrainsetSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TrainsetSinkConnector.class);

    private final Wiring wiring;
    private Map<String, String> props;

    public TrainsetSinkConnector() {
        this(Wiring.production());
    }

    TrainsetSinkConnector(Wiring wiring) {
        this.wiring = wiring;
    }

    /**
     * Checks that the output location's store honours conditional create and claims the location for this
     * connector (or confirms its claim): a location that belongs to another connector fails the connector here.
     */
    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        TrainsetSinkConfig config = new TrainsetSinkConfig(props);
        LOG.info(
                "Starting Trainset {}: submitted={} resolved={} label={} output={}",
                Version.get(),
                config.submittedTopics(),
                config.resolvedTopics(),
                config.labelField(),
                config.outputUrl());
        wiring.claimOutput(config);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TrainsetSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        LOG.info("Stopping Trainset {}", Version.get());
    }

    @Override
    public ConfigDef config() {
        return TrainsetSinkConfig.CONFIG_DEF;
    }

    /** Adds the groups' cross-field rules ({@link TrainsetSinkConfig#validate}) to the per-key validation. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, List<String>> errors = TrainsetSinkConfig.validate(connectorConfigs);
        if (errors.isEmpty()) {
            return config;
        }
        List<ConfigValue> values = new ArrayList<>(config.configValues());
        Map<String, ConfigValue> byName = new HashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        errors.forEach((key, messages) -> {
            ConfigValue value = byName.computeIfAbsent(key, k -> {
                ConfigValue added = new ConfigValue(
                        k,
                        parsedFrameworkValue(k, connectorConfigs.get(k)),
                        Collections.emptyList(),
                        new ArrayList<>());
                values.add(added);
                return added;
            });
            messages.forEach(value::addErrorMessage);
        });
        return new Config(values);
    }

    /** Framework keys ('topics') are merged with the worker's own ConfigValue, so they carry its type. */
    private static Object parsedFrameworkValue(String key, String raw) {
        return InputConfig.TOPICS.equals(key) ? List.copyOf(InputConfig.topics(raw)) : raw;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
