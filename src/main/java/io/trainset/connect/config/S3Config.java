package io.trainset.connect.config;

import io.trainset.connect.storage.S3Settings;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The S3 group: how the client reaches the store of an {@code s3://} output.url (region, endpoint, credentials,
 * retries, part size, timeouts; an assumed role in {@link S3RoleConfig}; encryption, storage class and checksums in
 * {@link S3WriteConfig}; CAs and proxies in {@link S3TransportConfig}). Its keys, their definitions, their parsing into
 * {@link S3Settings} and the rule across them. Every key of this group is operational ({@link DatasetIdentity}): it
 * says how the store is reached, never what the dataset holds.
 *
 * <p>A new key is added here, or in the one of those three classes whose concern it is: its constant, its definition
 * in {@link #define} (the order there is its place in the docs), its value in {@link #parse} (a component of
 * {@link S3Settings}), and a rule across keys, if any, in {@link #validate}; then regenerate docs/configuration.md.
 */
public final class S3Config {

    public static final String GROUP = "S3";

    public static final String S3_REGION = "s3.region";
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_PATH_STYLE_ACCESS = "s3.path.style.access";
    public static final String S3_ACCESS_KEY_ID = "s3.access.key.id";
    public static final String S3_SECRET_ACCESS_KEY = "s3.secret.access.key";
    public static final String S3_MAX_ATTEMPTS = "s3.max.attempts";
    public static final String S3_PART_SIZE_BYTES = "s3.part.size.bytes";
    public static final String S3_API_CALL_ATTEMPT_TIMEOUT_MS = "s3.api.call.attempt.timeout.ms";
    public static final String S3_API_CALL_TIMEOUT_MS = "s3.api.call.timeout.ms";

    private S3Config() {}

    static void define(ConfigDef def) {
        GroupKeys keys = new GroupKeys(def, GROUP)
                .define(
                        S3_REGION,
                        Type.STRING,
                        "",
                        null,
                        Importance.MEDIUM,
                        "AWS region of the bucket. Empty: the "
                                + "SDK's default region chain, or 'us-east-1' when s3.endpoint is set.",
                        Width.SHORT,
                        "S3 region")
                .define(
                        S3_ENDPOINT,
                        Type.STRING,
                        "",
                        Validators.named("empty or an http(s) URL", S3Config::endpoint),
                        Importance.MEDIUM,
                        "Endpoint of an S3-compatible store (MinIO, IBM Cloud Object Storage, "
                                + "Ceph), e.g. 'http://minio:9000'. Empty: AWS S3.",
                        Width.LONG,
                        "S3 endpoint")
                .define(
                        S3_PATH_STYLE_ACCESS,
                        Type.BOOLEAN,
                        false,
                        null,
                        Importance.MEDIUM,
                        "Use path-style addressing (http://host/bucket/key), which MinIO and Ceph usually need.",
                        Width.SHORT,
                        "S3 path-style access")
                .define(
                        S3_ACCESS_KEY_ID,
                        Type.STRING,
                        "",
                        null,
                        Importance.MEDIUM,
                        "Static access key id. Empty: "
                                + "the SDK's default credential chain (environment, profile, web identity, instance role).",
                        Width.MEDIUM,
                        "S3 access key id")
                .define(
                        S3_SECRET_ACCESS_KEY,
                        Type.PASSWORD,
                        "",
                        null,
                        Importance.MEDIUM,
                        "Static secret access key, used with s3.access.key.id. Never logged.",
                        Width.MEDIUM,
                        "S3 secret access key")
                .define(
                        S3_MAX_ATTEMPTS,
                        Type.INT,
                        10,
                        ConfigDef.Range.between(1, 100),
                        Importance.LOW,
                        "Attempts per S3 request: throttling, 5xx answers, timeouts and I/O errors are retried with "
                                + "jittered exponential backoff, within s3.api.call.timeout.ms; other 4xx answers "
                                + "(403, 404, ...) fail at once with the fix in the message.",
                        Width.SHORT,
                        "S3 attempts per request")
                .define(
                        S3_PART_SIZE_BYTES,
                        Type.INT,
                        8 * 1024 * 1024,
                        ConfigDef.Range.atLeast(5 * 1024 * 1024),
                        Importance.LOW,
                        "Part size of multipart uploads; files smaller than this are uploaded in one " + "request.",
                        Width.SHORT,
                        "S3 part size")
                .define(
                        S3_API_CALL_ATTEMPT_TIMEOUT_MS,
                        Type.LONG,
                        S3Settings.DEFAULT_ATTEMPT_TIMEOUT.toMillis(),
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Longest one HTTP attempt of an S3 request may "
                                + "take, including sending its body (a part of up to s3.part.size.bytes); a timed-out "
                                + "attempt is retried like a 5xx. Raise it on a slow link.",
                        Width.SHORT,
                        "S3 attempt timeout (ms)")
                .define(
                        S3_API_CALL_TIMEOUT_MS,
                        Type.LONG,
                        S3Settings.DEFAULT_CALL_TIMEOUT.toMillis(),
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Longest an S3 request may take with all its "
                                + "attempts (s3.max.attempts) and the backoff between them. A request still failing "
                                + "then is retried as a whole up to 5 times within 5 minutes; see docs/production.md "
                                + "for the bounds.",
                        Width.SHORT,
                        "S3 request timeout (ms)");
        S3TransportConfig.define(S3WriteConfig.define(S3RoleConfig.define(keys)));
    }

    static S3Settings parse(AbstractConfig config) {
        return new S3Settings(
                S3Keys.text(config.getString(S3_REGION)),
                S3Keys.text(config.getString(S3_ENDPOINT)).map(URI::create),
                config.getBoolean(S3_PATH_STYLE_ACCESS),
                S3Keys.text(config.getString(S3_ACCESS_KEY_ID)),
                S3Keys.secret(config.getPassword(S3_SECRET_ACCESS_KEY)),
                config.getInt(S3_MAX_ATTEMPTS),
                config.getInt(S3_PART_SIZE_BYTES),
                Duration.ofMillis(config.getLong(S3_API_CALL_ATTEMPT_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(S3_API_CALL_TIMEOUT_MS)),
                S3RoleConfig.assumeRole(config),
                S3WriteConfig.writes(config),
                S3TransportConfig.transport(config));
    }

    /** Static credentials come in pairs; then the rules of the role, write and transport keys. */
    static void validate(Violations violations) {
        boolean id = !violations.raw(S3_ACCESS_KEY_ID, "").isBlank();
        boolean secret = !violations.raw(S3_SECRET_ACCESS_KEY, "").isBlank();
        if (id != secret) {
            violations.report(
                    "Set both 's3.access.key.id' and 's3.secret.access.key' for static credentials, or "
                            + "neither to use the default AWS credential chain.",
                    S3_ACCESS_KEY_ID,
                    S3_SECRET_ACCESS_KEY);
        }
        S3RoleConfig.validate(violations);
        S3WriteConfig.validate(violations);
        S3TransportConfig.validate(violations);
    }

    /** Empty, or an http(s) URL with scheme and host; the value is echoed only once it is known to hold no '@'. */
    static void endpoint(String name, Object value) {
        String url = value == null ? "" : value.toString().trim();
        if (url.isEmpty()) {
            return;
        }
        Validators.rejectUserInfo(name, url, "'http(s)://host:port'");
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "Give a full URL with scheme and host, e.g. 'http://minio:9000'.");
        }
    }
}
