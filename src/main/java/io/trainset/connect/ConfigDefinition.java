package io.trainset.connect;

import static io.trainset.connect.TrainsetSinkConfig.*;

import io.trainset.connect.model.Policies;
import io.trainset.connect.storage.S3Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Builds {@link TrainsetSinkConfig#CONFIG_DEF}: every key with doc, default, validator and group. */
final class ConfigDefinition {

    static final String DEFAULT_OUTPUT_URL = "file:///tmp/trainset";
    private static final List<String> COMPRESSIONS = List.of("snappy", "zstd", "gzip", "uncompressed");

    private ConfigDefinition() {}

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        defineInput(def);
        defineJoin(def);
        ConfigDefinitionDataset.define(def);
        defineOutput(def);
        defineS3(def);
        return def;
    }

    private static void defineInput(ConfigDef def) {
        int order = 0;
        def.define(SUBMITTED_TOPICS, Type.LIST, "", null, Importance.HIGH,
                "Topics whose records are submitted events (the features side, e.g. support issues). Every topic "
                        + "listed here must also be in 'topics'. Leave empty in single-topic mode (event.type.field).",
                GROUP_INPUT, ++order, Width.LONG, "Submitted-event topics");
        def.define(RESOLVED_TOPICS, Type.LIST, "", null, Importance.HIGH,
                "Topics whose records are resolved events (the label side, e.g. issue resolutions). Every topic "
                        + "listed here must also be in 'topics'; no topic may be in both lists. Leave empty in "
                        + "single-topic mode (event.type.field).",
                GROUP_INPUT, ++order, Width.LONG, "Resolved-event topics");
        def.define(SUBMITTED_KEY_FIELD, Type.STRING, "", fieldPath(true), Importance.MEDIUM,
                "Dotted path of the join key in a submitted event's value (e.g. 'issue.id'). Empty: the record key.",
                GROUP_INPUT, ++order, Width.MEDIUM, "Submitted join key field");
        def.define(RESOLVED_KEY_FIELD, Type.STRING, "", fieldPath(true), Importance.MEDIUM,
                "Dotted path of the join key in a resolved event's value (e.g. 'issue_id'). Empty: the record key.",
                GROUP_INPUT, ++order, Width.MEDIUM, "Resolved join key field");
        def.define(SUBMITTED_TIME_FIELD, Type.STRING, "", fieldPath(true), Importance.MEDIUM,
                "Dotted path of a submitted event's time (epoch milliseconds, or an ISO-8601 instant such as "
                        + "'2026-11-24T10:15:30Z'). Empty, or missing in a record: the record timestamp.",
                GROUP_INPUT, ++order, Width.MEDIUM, "Submitted event time field");
        def.define(RESOLVED_TIME_FIELD, Type.STRING, "", fieldPath(true), Importance.MEDIUM,
                "Dotted path of a resolved event's time (epoch milliseconds or ISO-8601). Empty, or missing in a "
                        + "record: the record timestamp.", GROUP_INPUT, ++order, Width.MEDIUM,
                "Resolved event time field");
        def.define(EVENT_TYPE_FIELD, Type.STRING, "", fieldPath(true), Importance.MEDIUM,
                "Single-topic mode: dotted path of the field that tells submitted and resolved events apart when "
                        + "both kinds share the topics in 'topics' (e.g. 'type'). Empty: the side comes from "
                        + "submitted.topics/resolved.topics.", GROUP_INPUT, ++order, Width.MEDIUM, "Event type field");
        def.define(EVENT_TYPE_SUBMITTED, Type.STRING, "submitted", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Single-topic mode: the event type field's value of a submitted event.",
                GROUP_INPUT, ++order, Width.SHORT, "Submitted event type value");
        def.define(EVENT_TYPE_RESOLVED, Type.STRING, "resolved", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Single-topic mode: the event type field's value of a resolved event.",
                GROUP_INPUT, ++order, Width.SHORT, "Resolved event type value");
        def.define(VALUE_FORMAT, Type.STRING, "converter", ConfigDef.CaseInsensitiveValidString.in("converter", "json"),
                Importance.MEDIUM, "How record values are read. 'converter': as the worker's value.converter hands "
                        + "them, Structs (Avro, Protobuf, JSON with schemas) or maps (JsonConverter with "
                        + "schemas.enable=false). 'json': the values are JSON text, handed over as bytes or strings "
                        + "by value.converter=org.apache.kafka.connect.converters.ByteArrayConverter (or "
                        + "StringConverter); Trainset parses them itself with a streaming reader that keeps only the "
                        + "fields it uses, with the types JsonConverter would give them. Faster: no JSON tree and no "
                        + "full map per record.", GROUP_INPUT, ++order, Width.SHORT, "Value format");
    }

    private static void defineJoin(ConfigDef def) {
        int order = 0;
        def.define(LABEL_FIELD, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, fieldPath(false), Importance.HIGH,
                "Dotted path of the label in a resolved event's value (e.g. 'department' or 'outcome.code').",
                GROUP_JOIN, ++order, Width.MEDIUM, "Label field");
        def.define(FEATURES_INCLUDE, Type.LIST, "", null, Importance.MEDIUM,
                "Dotted paths of the submitted event's fields that become feature columns; a nested path "
                        + "'customer.tier' becomes the column 'customer_tier'. Empty: every top-level field, "
                        + "nested structs flattened (or kept as groups, features.nested).",
                GROUP_JOIN, ++order, Width.LONG, "Feature fields");
        def.define(FEATURES_EXCLUDE, Type.LIST, "", null, Importance.LOW,
                "Column names to leave out of the feature columns (applied after flattening, e.g. 'customer_email'; "
                        + "with features.nested=group, top-level names such as 'customer').",
                GROUP_JOIN, ++order, Width.LONG, "Excluded feature columns");
        JoinConfigDefinition.define(def, order);
    }

    private static void defineOutput(ConfigDef def) {
        int order = 0;
        def.define(OUTPUT_URL, Type.STRING, DEFAULT_OUTPUT_URL, named("s3://bucket/prefix or file:///absolute/dir", StorageConfigValidation::outputUrl),
                Importance.HIGH,
                "Where the dataset is written: 's3://bucket/prefix' (AWS S3 or any S3-compatible store, see the "
                        + "s3.* keys) or 'file:///absolute/dir' (a local directory, for local runs). No credentials in it: a URL with user info ('key:secret@') is "
                        + "rejected; use s3.access.key.id and s3.secret.access.key.",
                GROUP_OUTPUT, ++order, Width.LONG, "Output location");
        def.define(FLUSH_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Rows after which an open file is closed and uploaded.",
                GROUP_OUTPUT, ++order, Width.SHORT, "Rows per file");
        def.define(ROTATE_INTERVAL_MS, Type.LONG, 10L * 60 * 1000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Wall-clock time after which an open file is closed and uploaded, whatever its row count; it "
                        + "bounds how long rows wait before readers see them.",
                GROUP_OUTPUT, ++order, Width.SHORT, "File rotation interval (ms)");
        def.define(PARQUET_COMPRESSION, Type.STRING, "snappy", ConfigDef.CaseInsensitiveValidString.in(
                        COMPRESSIONS.toArray(String[]::new)), Importance.LOW,
                "Parquet compression codec: " + String.join(", ", COMPRESSIONS) + ".",
                GROUP_OUTPUT, ++order, Width.SHORT, "Parquet compression");
        def.define(PARQUET_ROW_GROUP_BYTES, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024 * 1024),
                Importance.LOW, "Target size of a Parquet row group (buffered in memory per open file).",
                GROUP_OUTPUT, ++order, Width.SHORT, "Parquet row group bytes");
        def.define(PARQUET_PAGE_BYTES, Type.INT, 1024 * 1024, ConfigDef.Range.atLeast(8 * 1024), Importance.LOW,
                "Target size of a Parquet page.", GROUP_OUTPUT, ++order, Width.SHORT, "Parquet page bytes");
    }

    private static void defineS3(ConfigDef def) {
        int order = 0;
        def.define(S3_REGION, Type.STRING, "", null, Importance.MEDIUM,
                "AWS region of the bucket. Empty: the SDK's default region chain, or 'us-east-1' when "
                        + "s3.endpoint is set.", GROUP_S3, ++order, Width.SHORT, "S3 region");
        def.define(S3_ENDPOINT, Type.STRING, "", named("empty or an http(s) URL", StorageConfigValidation::endpoint), Importance.MEDIUM,
                "Endpoint of an S3-compatible store (MinIO, IBM Cloud Object Storage, Ceph), e.g. "
                        + "'http://minio:9000'. Empty: AWS S3.", GROUP_S3, ++order, Width.LONG, "S3 endpoint");
        def.define(S3_PATH_STYLE_ACCESS, Type.BOOLEAN, false, null, Importance.MEDIUM,
                "Use path-style addressing (http://host/bucket/key), which MinIO and Ceph usually need.",
                GROUP_S3, ++order, Width.SHORT, "S3 path-style access");
        def.define(S3_ACCESS_KEY_ID, Type.STRING, "", null, Importance.MEDIUM,
                "Static access key id. Empty: the SDK's default credential chain (environment, profile, "
                        + "web identity, instance role).", GROUP_S3, ++order, Width.MEDIUM, "S3 access key id");
        def.define(S3_SECRET_ACCESS_KEY, Type.PASSWORD, "", null, Importance.MEDIUM,
                "Static secret access key, used with s3.access.key.id. Never logged.",
                GROUP_S3, ++order, Width.MEDIUM, "S3 secret access key");
        def.define(S3_MAX_ATTEMPTS, Type.INT, 10, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Attempts per S3 request: throttling, 5xx answers, timeouts and I/O errors are retried with jittered "
                        + "exponential backoff, within s3.api.call.timeout.ms; other 4xx answers (403, 404, ...) fail "
                        + "at once with the fix in the message.",
                GROUP_S3, ++order, Width.SHORT, "S3 attempts per request");
        def.define(S3_PART_SIZE_BYTES, Type.INT, 8 * 1024 * 1024, ConfigDef.Range.atLeast(5 * 1024 * 1024),
                Importance.LOW, "Part size of multipart uploads; files smaller than this are uploaded in one request.",
                GROUP_S3, ++order, Width.SHORT, "S3 part size");
        def.define(S3_API_CALL_ATTEMPT_TIMEOUT_MS, Type.LONG, S3Settings.DEFAULT_ATTEMPT_TIMEOUT.toMillis(),
                ConfigDef.Range.atLeast(1), Importance.LOW,
                "Longest one HTTP attempt of an S3 request may take, including sending its body (a part of up to "
                        + "s3.part.size.bytes); a timed-out attempt is retried like a 5xx. Raise it on a slow link.",
                GROUP_S3, ++order, Width.SHORT, "S3 attempt timeout (ms)");
        def.define(S3_API_CALL_TIMEOUT_MS, Type.LONG, S3Settings.DEFAULT_CALL_TIMEOUT.toMillis(),
                ConfigDef.Range.atLeast(1), Importance.LOW,
                "Longest an S3 request may take with all its attempts (s3.max.attempts) and the backoff between "
                        + "them. A request still failing then is retried as a whole up to 5 times within 5 minutes; "
                        + "see docs/production.md for the bounds.", GROUP_S3, ++order, Width.SHORT,
                "S3 request timeout (ms)");
        S3SecurityConfig.define(def, order);
    }

    /**
     * One of an enum's config values (its constants' names in lower case), case-insensitive, listed in declaration
     * order: the one validator of every enum-valued key.
     */
    static ConfigDef.Validator oneOf(Class<? extends Enum<?>> type) {
        List<String> values = List.of(Policies.configValues(type));
        return named("one of " + String.join(", ", values), (name, value) -> {
            String given = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
            if (!values.contains(given)) {
                throw new ConfigException(name, value, "Use one of " + String.join(", ", values) + ".");
            }
        });
    }

    /** A validator whose description shows in the generated docs and the REST validate answer. */
    static ConfigDef.Validator named(String description, java.util.function.BiConsumer<String, Object> check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.accept(name, value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    static ConfigDef.Validator fieldPath(boolean emptyAllowed) {
        return named(emptyAllowed ? "empty, or a dotted field path" : "a dotted field path", (name, value) -> {
            String path = value == null ? "" : value.toString().trim();
            if (path.isEmpty() && emptyAllowed) {
                return;
            }
            if (path.isEmpty() || Arrays.stream(path.split("\\.", -1)).anyMatch(String::isBlank)) {
                throw new ConfigException(name, value,
                        "Give a dotted field path such as 'department' or 'issue.id' (no empty segments).");
            }
        });
    }

    /** Empty, or an absolute local directory path. */
    static ConfigDef.Validator localDirectory() {
        return named("empty, or an absolute directory path", (name, value) -> {
            String path = value == null ? "" : value.toString().trim();
            if (!path.isEmpty() && !java.nio.file.Path.of(path).isAbsolute()) {
                throw new ConfigException(name, value, "Give an absolute path of a local directory with room, such "
                        + "as '/var/lib/trainset/spill', or leave it empty for the worker's temporary directory.");
            }
        });
    }
}
