package io.trainset.connect;

import io.trainset.connect.join.JoinSettings;
import io.trainset.connect.model.Policies;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.pipeline.JoinBuffer;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.storage.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The connector's configuration: {@link #CONFIG_DEF} parsed once into typed values. Cross-field
 * rules live in {@link ConfigRules}; {@code docs/configuration.md} is generated from the
 * definition.
 */
public final class TrainsetSinkConfig extends AbstractConfig {

    public static final String GROUP_INPUT = "Input";
    public static final String GROUP_JOIN = "Join";
    public static final String GROUP_DATASET = "Dataset";
    public static final String GROUP_OUTPUT = "Output";
    public static final String GROUP_S3 = "S3";

    public static final String TOPICS = "topics";
    public static final String SUBMITTED_TOPICS = "submitted.topics";
    public static final String RESOLVED_TOPICS = "resolved.topics";
    public static final String SUBMITTED_KEY_FIELD = "submitted.key.field";
    public static final String RESOLVED_KEY_FIELD = "resolved.key.field";
    public static final String LABEL_FIELD = "label.field";
    public static final String FEATURES_INCLUDE = "features.include";
    public static final String FEATURES_EXCLUDE = "features.exclude";
    public static final String SUBMITTED_TIME_FIELD = "submitted.time.field";
    public static final String RESOLVED_TIME_FIELD = "resolved.time.field";
    public static final String EVENT_TYPE_FIELD = "event.type.field";
    public static final String EVENT_TYPE_SUBMITTED = "event.type.submitted";
    public static final String EVENT_TYPE_RESOLVED = "event.type.resolved";
    public static final String VALUE_FORMAT = "value.format";
    public static final String JOIN_TIME_MODE = "join.time.mode";
    public static final String JOIN_TIME_MAX_AHEAD_MS = "join.time.max.ahead.ms";
    public static final String JOIN_WINDOW_BEFORE_MS = "join.window.before.ms";
    public static final String JOIN_WINDOW_AFTER_MS = "join.window.after.ms";
    public static final String JOIN_GRACE_MS = "join.grace.ms";
    public static final String JOIN_IDLE_TIMEOUT_MS = "join.idle.timeout.ms";
    public static final String JOIN_LATE_POLICY = "join.late.policy";
    public static final String JOIN_TIMED_OUT_POLICY = "join.timed.out.policy";
    public static final String JOIN_ORPHAN_POLICY = "join.orphan.policy";
    public static final String JOIN_SUBMISSION_VERSIONS = "join.submission.versions";
    public static final String JOIN_RESOLUTIONS = "join.resolutions";
    public static final String JOIN_BUFFER_MAX_BYTES = "join.buffer.max.bytes";
    public static final String JOIN_SPILL_DIR = "join.spill.dir";
    public static final String OUTPUT_URL = "output.url";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String PARQUET_COMPRESSION = "parquet.compression";
    public static final String PARQUET_ROW_GROUP_BYTES = "parquet.row.group.bytes";
    public static final String PARQUET_PAGE_BYTES = "parquet.page.bytes";
    public static final String S3_REGION = "s3.region";
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_PATH_STYLE_ACCESS = "s3.path.style.access";
    public static final String S3_ACCESS_KEY_ID = "s3.access.key.id";
    public static final String S3_SECRET_ACCESS_KEY = "s3.secret.access.key";
    public static final String S3_MAX_ATTEMPTS = "s3.max.attempts";
    public static final String S3_PART_SIZE_BYTES = "s3.part.size.bytes";
    public static final String S3_API_CALL_ATTEMPT_TIMEOUT_MS = "s3.api.call.attempt.timeout.ms";
    public static final String S3_API_CALL_TIMEOUT_MS = "s3.api.call.timeout.ms";
    public static final String SPLIT_RATIOS = "split.ratios";
    public static final String SPLIT_SEED = "split.seed";
    public static final String SPLIT_GROUP_FIELD = "split.group.field";
    public static final String SPLIT_HOLDOUT_AFTER = "split.holdout.after";
    public static final String LAYOUT_PARTITIONS = "layout.partitions";
    public static final String LAYOUT_DATE_TIMEZONE = "layout.date.timezone";
    public static final String LAYOUT_PARTITION_COLUMNS_IN_FILES = "layout.partition.columns.in.files";
    public static final String LABEL_NORMALIZE = "label.normalize";
    public static final String LABEL_MAPPING = "label.mapping";
    public static final String LABEL_ALLOWED = "label.allowed";
    public static final String LABEL_UNKNOWN_POLICY = "label.unknown.policy";
    public static final String LABEL_OTHER_VALUE = "label.other.value";
    public static final String FEATURES_RENAME = "features.rename";
    public static final String FEATURES_NESTED = "features.nested";
    public static final String RESOLVED_FIELDS = "resolved.fields";
    public static final String SCHEMA_TYPE_CHANGE_POLICY = "schema.type.change.policy";
    public static final String DATASET_MAX_OPEN_FILES = "dataset.max.open.files";
    public static final String DATASET_MAX_BUFFERED_BYTES = "dataset.max.buffered.bytes";
    public static final String DATASET_MAX_COLUMNS = "dataset.max.columns";
    public static final String LABEL_MAX_DISTINCT = "label.max.distinct";

    public static final ConfigDef CONFIG_DEF = ConfigDefinition.build();

    private final List<String> submittedTopics;
    private final List<String> resolvedTopics;
    private final Optional<FieldPath> submittedKeyField;
    private final Optional<FieldPath> resolvedKeyField;
    private final FieldPath labelField;
    private final List<FieldPath> featureIncludes;
    private final List<String> featureExcludes;
    private final JoinSettings joinSettings;
    private final EventSettings eventSettings;
    private final JoinBuffer joinBuffer;
    private final URI outputUrl;
    private final int flushSize;
    private final Duration rotateInterval;
    private final ParquetSettings parquetSettings;
    private final S3Settings s3Settings;
    private final DatasetSettings datasetSettings;

    public TrainsetSinkConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, false);
        submittedTopics = getList(SUBMITTED_TOPICS);
        resolvedTopics = getList(RESOLVED_TOPICS);
        submittedKeyField = optionalPath(SUBMITTED_KEY_FIELD);
        resolvedKeyField = optionalPath(RESOLVED_KEY_FIELD);
        labelField = FieldPath.parse(getString(LABEL_FIELD));
        featureIncludes = getList(FEATURES_INCLUDE).stream().map(FieldPath::parse).toList();
        featureExcludes = List.copyOf(getList(FEATURES_EXCLUDE));
        joinSettings = parseJoin();
        eventSettings = new EventSettings(optionalPath(SUBMITTED_TIME_FIELD), optionalPath(RESOLVED_TIME_FIELD),
                Policies.parse(Policies.TimeMode.class, getString(JOIN_TIME_MODE)), optionalPath(EVENT_TYPE_FIELD),
                getString(EVENT_TYPE_SUBMITTED), getString(EVENT_TYPE_RESOLVED));
        String spillDir = getString(JOIN_SPILL_DIR);
        joinBuffer = new JoinBuffer(getLong(JOIN_BUFFER_MAX_BYTES),
                spillDir.isBlank() ? JoinBuffer.defaultSpillDirectory() : Path.of(spillDir));
        outputUrl = URI.create(getString(OUTPUT_URL));
        flushSize = getInt(FLUSH_SIZE);
        rotateInterval = Duration.ofMillis(getLong(ROTATE_INTERVAL_MS));
        parquetSettings = new ParquetSettings(
                CompressionCodecName.valueOf(getString(PARQUET_COMPRESSION).toUpperCase(java.util.Locale.ROOT)),
                getLong(PARQUET_ROW_GROUP_BYTES),
                getInt(PARQUET_PAGE_BYTES));
        s3Settings = parseS3();
        datasetSettings = DatasetSettings.parse(this);
    }

    private JoinSettings parseJoin() {
        return new JoinSettings(Duration.ofMillis(getLong(JOIN_WINDOW_BEFORE_MS)),
                Duration.ofMillis(getLong(JOIN_WINDOW_AFTER_MS)), Duration.ofMillis(getLong(JOIN_GRACE_MS)),
                Duration.ofMillis(getLong(JOIN_IDLE_TIMEOUT_MS)),
                Policies.parse(Policies.Versions.class, getString(JOIN_SUBMISSION_VERSIONS)),
                Policies.parse(Policies.Resolutions.class, getString(JOIN_RESOLUTIONS)),
                Policies.parse(Policies.TimedOut.class, getString(JOIN_TIMED_OUT_POLICY)),
                Policies.parse(Policies.Orphan.class, getString(JOIN_ORPHAN_POLICY)),
                Policies.parse(Policies.Late.class, getString(JOIN_LATE_POLICY)),
                Duration.ofMillis(getLong(JOIN_TIME_MAX_AHEAD_MS)));
    }

    private Optional<FieldPath> optionalPath(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(FieldPath.parse(value));
    }

    private S3Settings parseS3() {
        Password secret = getPassword(S3_SECRET_ACCESS_KEY);
        String endpoint = getString(S3_ENDPOINT);
        return new S3Settings(
                nonBlank(getString(S3_REGION)),
                nonBlank(endpoint).map(URI::create),
                getBoolean(S3_PATH_STYLE_ACCESS),
                nonBlank(getString(S3_ACCESS_KEY_ID)),
                secret == null ? Optional.empty() : nonBlank(secret.value()),
                getInt(S3_MAX_ATTEMPTS),
                getInt(S3_PART_SIZE_BYTES),
                Duration.ofMillis(getLong(S3_API_CALL_ATTEMPT_TIMEOUT_MS)),
                Duration.ofMillis(getLong(S3_API_CALL_TIMEOUT_MS)),
                S3SecurityConfig.assumeRole(this),
                S3SecurityConfig.writes(this),
                S3SecurityConfig.transport(this));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public List<String> submittedTopics() {
        return submittedTopics;
    }

    public List<String> resolvedTopics() {
        return resolvedTopics;
    }

    /** Every input topic: both sides' topics, or 'topics' in single-topic mode. */
    public List<String> inputTopics() {
        if (eventSettings.typeField().isPresent()) {
            return List.copyOf(ConfigRules.topics(originalsStrings().get(TOPICS)));
        }
        List<String> inputs = new java.util.ArrayList<>(submittedTopics);
        inputs.addAll(resolvedTopics);
        return List.copyOf(inputs);
    }

    /** The submitted event's key field; empty means the record key. */
    public Optional<FieldPath> submittedKeyField() {
        return submittedKeyField;
    }

    /** The resolved event's key field; empty means the record key. */
    public Optional<FieldPath> resolvedKeyField() {
        return resolvedKeyField;
    }

    public FieldPath labelField() {
        return labelField;
    }

    /** Feature fields of the submitted event; empty means every top-level field. */
    public List<FieldPath> featureIncludes() {
        return featureIncludes;
    }

    public List<String> featureExcludes() {
        return featureExcludes;
    }

    public JoinSettings joinSettings() {
        return joinSettings;
    }

    /** Where each event's side and time come from. */
    /** True when values are JSON text that Trainset parses itself (value.format=json). */
    public boolean valuesAreJsonText() {
        return "json".equalsIgnoreCase(getString(VALUE_FORMAT));
    }

    public EventSettings eventSettings() {
        return eventSettings;
    }

    /** The heap bound of the join's waiting state per task, and where what is over it is spilled. */
    public JoinBuffer joinBuffer() {
        return joinBuffer;
    }

    public URI outputUrl() {
        return outputUrl;
    }

    public int flushSize() {
        return flushSize;
    }

    public Duration rotateInterval() {
        return rotateInterval;
    }

    public ParquetSettings parquetSettings() {
        return parquetSettings;
    }

    public S3Settings s3Settings() {
        return s3Settings;
    }

    /** The Dataset group: splits, layout, labels, feature renames, resolved columns, schema and memory rules. */
    public DatasetSettings datasetSettings() {
        return datasetSettings;
    }

}
