package io.trainset.connect.config;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.output.iceberg.IcebergSettings;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.pipeline.CommitTiming;
import io.trainset.connect.pipeline.JoinBuffer;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.storage.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's configuration: the groups' keys composed into {@link #CONFIG_DEF} and parsed once, here, into
 * each group's typed values. A group ({@link InputConfig}, {@link JoinConfig}, {@link DatasetConfig},
 * {@link OutputConfig}, {@link S3Config}) holds its keys, their definitions, their parsing and the rules across
 * them ({@link #validate}); {@code docs/configuration.md} is generated from the definition ({@link ConfigDocs}).
 */
public final class TrainsetSinkConfig extends AbstractConfig {

    /** Every key of every group, the groups in this order (the order of the REST answer and the docs). */
    public static final ConfigDef CONFIG_DEF = definition();

    private final InputConfig input;
    private final JoinConfig join;
    private final EventSettings eventSettings;
    private final DatasetSettings datasetSettings;
    private final OutputConfig output;
    private final S3Settings s3Settings;
    private final Optional<IcebergSettings> iceberg;

    public TrainsetSinkConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, false);
        input = InputConfig.parse(this);
        join = JoinConfig.parse(this);
        eventSettings = input.eventSettings(join.timeMode());
        output = OutputConfig.parse(this);
        s3Settings = S3Config.parse(this);
        datasetSettings = DatasetConfig.parse(this);
        iceberg = IcebergConfig.parse(this, output, s3Settings, datasetSettings, DatasetIdentity.digest(this));
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        InputConfig.define(def);
        JoinConfig.define(def);
        DatasetConfig.define(def);
        OutputConfig.define(def);
        S3Config.define(def);
        IcebergConfig.define(def);
        return def;
    }

    /**
     * The broken cross-field rules of the raw connector properties (as the REST validate call passes them), each
     * under every key it involves; empty when all hold. The per-key checks are {@link #CONFIG_DEF}'s validators.
     */
    public static Map<String, List<String>> validate(Map<String, String> props) {
        Violations violations = new Violations(CONFIG_DEF, props);
        InputTopicRules.validate(violations);
        JoinConfig.validate(violations);
        S3Config.validate(violations);
        OutputRules.validate(violations);
        DatasetConfig.validate(violations);
        IcebergConfig.validate(violations);
        return violations.byKey();
    }

    public List<String> submittedTopics() {
        return input.submittedTopics();
    }

    public List<String> resolvedTopics() {
        return input.resolvedTopics();
    }

    /** Every input topic: both sides' topics, or 'topics' in single-topic mode. */
    public List<String> inputTopics() {
        return input.inputTopics();
    }

    /** The submitted event's key field; empty means the record key. */
    public Optional<FieldPath> submittedKeyField() {
        return input.submittedKeyField();
    }

    /** The resolved event's key field; empty means the record key. */
    public Optional<FieldPath> resolvedKeyField() {
        return input.resolvedKeyField();
    }

    /** True when values are JSON text that Trainset parses itself (value.format=json). */
    public boolean valuesAreJsonText() {
        return input.valuesAreJsonText();
    }

    /** Where each event's side and time come from. */
    public EventSettings eventSettings() {
        return eventSettings;
    }

    public FieldPath labelField() {
        return join.labelField();
    }

    /** Feature fields of the submitted event; empty means every top-level field. */
    public List<FieldPath> featureIncludes() {
        return join.featureIncludes();
    }

    public List<String> featureExcludes() {
        return join.featureExcludes();
    }

    public JoinSettings joinSettings() {
        return join.joinSettings();
    }

    /** The heap bound of the join's waiting state per task, and where what is over it is spilled. */
    public JoinBuffer joinBuffer() {
        return join.joinBuffer();
    }

    /** The Dataset group: splits, layout, labels, feature renames, resolved columns, schema and memory rules. */
    public DatasetSettings datasetSettings() {
        return datasetSettings;
    }

    public URI outputUrl() {
        return output.url();
    }

    public int flushSize() {
        return output.flushSize();
    }

    public Duration rotateInterval() {
        return output.rotateInterval();
    }

    /** When a unit commits without a finished file: the rotation interval, and when its rows stopped. */
    public CommitTiming commitTiming() {
        return new CommitTiming(output.rotateInterval(), output.rotateInactivity());
    }

    /** Uploads a task runs at once ({@value OutputConfig#OUTPUT_UPLOAD_THREADS}). */
    public int uploadThreads() {
        return output.uploadThreads();
    }

    public ParquetSettings parquetSettings() {
        return output.parquet();
    }

    public S3Settings s3Settings() {
        return s3Settings;
    }

    /** With output.format=iceberg, the table and its catalog; empty for Hive-layout files. */
    public Optional<IcebergSettings> icebergSettings() {
        return iceberg;
    }
}
