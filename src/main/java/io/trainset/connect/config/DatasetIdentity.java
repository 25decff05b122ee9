package io.trainset.connect.config;

import static io.trainset.connect.config.ColumnConfig.*;
import static io.trainset.connect.config.DatasetConfig.*;
import static io.trainset.connect.config.InputConfig.*;
import static io.trainset.connect.config.JoinBufferConfig.*;
import static io.trainset.connect.config.JoinConfig.*;
import static io.trainset.connect.config.JoinPolicyConfig.*;
import static io.trainset.connect.config.LabelConfig.*;
import static io.trainset.connect.config.OutputConfig.*;

import io.trainset.connect.model.LayoutSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The dataset card's {@code config_digest}: SHA-256 over the keys that decide what the dataset holds
 * ({@link #KEYS}: inputs, join, labels, features, splits, layout, bounds), so rotating a credential,
 * resizing files or moving the spill directory keeps the digest, and every change that can alter a
 * row, a split, a label or a path changes it. Every key of {@link TrainsetSinkConfig#CONFIG_DEF} is
 * either one of {@link #KEYS} or one of {@link #OPERATIONAL} (a test fails for a key in neither).
 * Keys at their default value are left out, so a release that adds a key (whose default keeps the
 * old behaviour) keeps every dataset's digest. A key whose default changed is compared with its former default
 * ({@link #FORMER_DEFAULTS}), so a dataset written before keeps its digest when the old value is set explicitly.
 */
public final class DatasetIdentity {

    /** Keys that change the dataset's content: which events become rows, their columns, labels, splits and paths. */
    public static final Set<String> KEYS = Set.of(
            SUBMITTED_TOPICS,
            RESOLVED_TOPICS,
            SUBMITTED_KEY_FIELD,
            RESOLVED_KEY_FIELD,
            LABEL_FIELD,
            FEATURES_INCLUDE,
            FEATURES_EXCLUDE,
            SUBMITTED_TIME_FIELD,
            RESOLVED_TIME_FIELD,
            EVENT_TYPE_FIELD,
            EVENT_TYPE_SUBMITTED,
            EVENT_TYPE_RESOLVED,
            JOIN_TIME_MODE,
            JOIN_WINDOW_BEFORE_MS,
            JOIN_WINDOW_AFTER_MS,
            JOIN_GRACE_MS,
            JOIN_IDLE_TIMEOUT_MS,
            JOIN_LATE_POLICY,
            JOIN_TIMED_OUT_POLICY,
            JOIN_ORPHAN_POLICY,
            JOIN_SUBMISSION_VERSIONS,
            JOIN_RESOLUTIONS,
            JOIN_TIME_MAX_AHEAD_MS,
            JOIN_EARLY_WINDOW_MS,
            SPLIT_RATIOS,
            SPLIT_SEED,
            SPLIT_GROUP_FIELD,
            SPLIT_HOLDOUT_AFTER,
            LAYOUT_PARTITIONS,
            LAYOUT_DATE_TIMEZONE,
            LAYOUT_PARTITION_COLUMNS_IN_FILES,
            LABEL_NORMALIZE,
            LABEL_MAPPING,
            LABEL_ALLOWED,
            LABEL_UNKNOWN_POLICY,
            LABEL_OTHER_VALUE,
            FEATURES_RENAME,
            FEATURES_NESTED,
            RESOLVED_FIELDS,
            SCHEMA_TYPE_CHANGE_POLICY,
            DATASET_MAX_COLUMNS,
            LABEL_MAX_DISTINCT);

    /**
     * Keys that change how and where the dataset is written, not what it holds: the location (the card
     * names it as {@code location}), value decoding (both formats give the same events), file sizes and
     * encoding, memory and spilling, and the store's client settings and credentials: every key of the S3 group
     * (so a new S3 key needs no entry here).
     */
    public static final Set<String> OPERATIONAL = Stream.concat(
                    Stream.of(
                            VALUE_FORMAT,
                            JOIN_BUFFER_MAX_BYTES,
                            JOIN_SPILL_DIR,
                            JOIN_ALIGNMENT_MAX_DRIFT_MS,
                            OUTPUT_URL,
                            OutputConfig.OUTPUT_FORMAT,
                            FLUSH_SIZE,
                            ROTATE_INTERVAL_MS,
                            OutputConfig.ROTATE_INACTIVITY_MS,
                            PARQUET_COMPRESSION,
                            PARQUET_ROW_GROUP_BYTES,
                            PARQUET_PAGE_BYTES,
                            OutputConfig.OUTPUT_UPLOAD_THREADS,
                            DATASET_MAX_OPEN_FILES,
                            DATASET_MAX_BUFFERED_BYTES),
                    Stream.concat(keysOfGroup(S3Config.GROUP), keysOfGroup(IcebergConfig.GROUP)))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The defaults the digest compares with where a release changed a key's default: {@code layout.partitions} was
     * {@code split,label} until the label became a file column by default.
     */
    static final Map<String, String> FORMER_DEFAULTS = Map.of(LAYOUT_PARTITIONS, LayoutSpec.LABEL_DIRECTORY_LEVELS);

    private DatasetIdentity() {}

    /** {@code sha256:<hex>} over the identity keys that differ from their defaults, in key order. */
    public static String digest(TrainsetSinkConfig config) {
        Map<String, ConfigDef.ConfigKey> definitions = TrainsetSinkConfig.CONFIG_DEF.configKeys();
        Map<String, String> values = new TreeMap<>();
        config.values().forEach((key, value) -> {
            ConfigDef.ConfigKey definition = definitions.get(key);
            if (KEYS.contains(key) && definition != null && !isDefault(definition, value)) {
                values.put(key, String.valueOf(value));
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(values.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Stream<String> keysOfGroup(String group) {
        return TrainsetSinkConfig.CONFIG_DEF.configKeys().values().stream()
                .filter(key -> group.equals(key.group))
                .map(key -> key.name);
    }

    private static boolean isDefault(ConfigDef.ConfigKey definition, Object value) {
        if (!definition.hasDefault()) {
            return false;
        }
        Object baseline = FORMER_DEFAULTS.containsKey(definition.name)
                ? FORMER_DEFAULTS.get(definition.name)
                : definition.defaultValue;
        Object parsed = ConfigDef.parseType(definition.name, baseline, definition.type);
        return String.valueOf(parsed).equals(String.valueOf(value));
    }
}
