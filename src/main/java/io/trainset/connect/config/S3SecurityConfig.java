package io.trainset.connect.config;

import static io.trainset.connect.config.Validators.named;
import static io.trainset.connect.config.Validators.oneOf;

import io.trainset.connect.model.Policies;
import io.trainset.connect.storage.S3AssumeRole;
import io.trainset.connect.storage.S3Transport;
import io.trainset.connect.storage.S3WriteOptions;
import io.trainset.connect.storage.S3WriteOptions.Encryption;
import io.trainset.connect.storage.S3WriteOptions.UploadChecksum;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys of the S3 group ({@link S3Config}) that enterprise deployments need (issue 18): an assumed role,
 * server-side encryption, storage class, upload checksums, private CAs and a proxy. Their definitions (after the
 * group's first keys), their parsing into the storage records {@link S3AssumeRole}, {@link S3WriteOptions} and
 * {@link S3Transport}, and the rules between them, each reported on every key involved. Kept apart from
 * {@link S3Config} only for size; like every S3 key they are operational ({@link DatasetIdentity}).
 */
public final class S3SecurityConfig {

    public static final String S3_ASSUME_ROLE_ARN = "s3.assume.role.arn";
    public static final String S3_ASSUME_ROLE_EXTERNAL_ID = "s3.assume.role.external.id";
    public static final String S3_ASSUME_ROLE_SESSION_NAME = "s3.assume.role.session.name";
    public static final String S3_ASSUME_ROLE_DURATION_SECONDS = "s3.assume.role.duration.seconds";
    public static final String S3_STS_ENDPOINT = "s3.sts.endpoint";
    public static final String S3_STS_REGION = "s3.sts.region";
    public static final String S3_SSE = "s3.sse";
    public static final String S3_SSE_KMS_KEY_ID = "s3.sse.kms.key.id";
    public static final String S3_SSE_BUCKET_KEY_ENABLED = "s3.sse.bucket.key.enabled";
    public static final String S3_STORAGE_CLASS = "s3.storage.class";
    public static final String S3_CHECKSUM_ALGORITHM = "s3.checksum.algorithm";
    public static final String S3_SSL_CA_BUNDLE_PATH = "s3.ssl.ca.bundle.path";
    public static final String S3_SSL_TRUSTSTORE_PATH = "s3.ssl.truststore.path";
    public static final String S3_SSL_TRUSTSTORE_PASSWORD = "s3.ssl.truststore.password";
    public static final String S3_PROXY_URL = "s3.proxy.url";
    public static final String S3_PROXY_USERNAME = "s3.proxy.username";
    public static final String S3_PROXY_PASSWORD = "s3.proxy.password";

    /** Every key of this class. */
    static final List<String> KEYS = List.of(
            S3_ASSUME_ROLE_ARN,
            S3_ASSUME_ROLE_EXTERNAL_ID,
            S3_ASSUME_ROLE_SESSION_NAME,
            S3_ASSUME_ROLE_DURATION_SECONDS,
            S3_STS_ENDPOINT,
            S3_STS_REGION,
            S3_SSE,
            S3_SSE_KMS_KEY_ID,
            S3_SSE_BUCKET_KEY_ENABLED,
            S3_STORAGE_CLASS,
            S3_CHECKSUM_ALGORITHM,
            S3_SSL_CA_BUNDLE_PATH,
            S3_SSL_TRUSTSTORE_PATH,
            S3_SSL_TRUSTSTORE_PASSWORD,
            S3_PROXY_URL,
            S3_PROXY_USERNAME,
            S3_PROXY_PASSWORD);

    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Za-z0-9_]+");
    private static final List<String> ARCHIVE_CLASSES = List.of("GLACIER", "DEEP_ARCHIVE");

    private S3SecurityConfig() {}

    /** Defines the keys in the S3 group, after the keys {@code keys} defined before them. */
    static GroupKeys define(GroupKeys keys) {
        return defineTransport(defineWrites(defineRole(keys)));
    }

    private static GroupKeys defineRole(GroupKeys keys) {
        keys.define(
                S3_ASSUME_ROLE_ARN,
                Type.STRING,
                "",
                optional("a role ARN", ROLE_ARN, "e.g. 'arn:aws:iam::123456789012:role/trainset-writer'"),
                Importance.MEDIUM,
                "A role to assume through STS (AssumeRole) for every S3 request, with the static keys or the default "
                        + "credential chain as the source credentials. Its sessions are refreshed before they expire, "
                        + "so long and multipart uploads go on across a rotation. Empty: no role.",
                Width.LONG,
                "S3 role to assume");
        keys.define(
                S3_ASSUME_ROLE_EXTERNAL_ID,
                Type.PASSWORD,
                "",
                named("empty or 2 to 1224 of letters, digits and " + "+=,.@:/_-", S3SecurityConfig::externalId),
                Importance.MEDIUM,
                "The external id the role's trust policy requires (sts:ExternalId), with s3.assume.role.arn. "
                        + "Never logged.",
                Width.MEDIUM,
                "S3 role external id");
        keys.define(
                S3_ASSUME_ROLE_SESSION_NAME,
                Type.STRING,
                S3AssumeRole.DEFAULT_SESSION_NAME,
                named(
                        "2 to 64 of letters, digits and +=,.@_-",
                        (name, value) -> matches(
                                name,
                                value,
                                SESSION_NAME,
                                "Use 2 to 64 letters, digits or +=,.@_- (e.g. 'trainset-support-routing').")),
                Importance.LOW,
                "The role session name, which CloudTrail shows for every request; with " + "s3.assume.role.arn.",
                Width.MEDIUM,
                "S3 role session name");
        keys.define(
                S3_ASSUME_ROLE_DURATION_SECONDS,
                Type.INT,
                3600,
                ConfigDef.Range.between(
                        (int) S3AssumeRole.MIN_DURATION.toSeconds(), (int) S3AssumeRole.MAX_DURATION.toSeconds()),
                Importance.LOW,
                "How long each role session lives (at most the role's maximum session duration, "
                        + "and at most 3600 with role chaining: when the source credentials are themselves a role "
                        + "session, e.g. a web identity, STS refuses longer with ValidationError); it is renewed "
                        + "from 5 minutes before it expires. With s3.assume.role.arn.",
                Width.SHORT,
                "S3 role session duration (s)");
        keys.define(
                S3_STS_ENDPOINT,
                Type.STRING,
                "",
                named("empty or an https URL (http only for a loopback host)", S3SecurityConfig::stsEndpoint),
                Importance.LOW,
                "An STS endpoint for s3.assume.role.arn (a regional or VPC endpoint, e.g. "
                        + "'https://sts.eu-west-1.amazonaws.com'). It must be https: STS answers carry the session's "
                        + "secret key and token (http only for a loopback host, e.g. a local test stub). Empty: the "
                        + "region's public STS endpoint.",
                Width.LONG,
                "STS endpoint");
        keys.define(
                S3_STS_REGION,
                Type.STRING,
                "",
                null,
                Importance.LOW,
                "The region STS requests are signed for, with s3.assume.role.arn. Empty: s3.region's rules.",
                Width.SHORT,
                "STS region");
        return keys;
    }

    private static GroupKeys defineWrites(GroupKeys keys) {
        keys.define(
                S3_SSE,
                Type.STRING,
                "none",
                oneOf(Encryption.class),
                Importance.MEDIUM,
                "Server-side encryption of every object written (data files and their multipart uploads, copies, "
                        + "checkpoints, chunks, card, markers): 'none' (the bucket's default encryption applies), "
                        + "'sse_s3' (AES256, keys managed by the store), 'sse_kms' (aws:kms, with "
                        + "s3.sse.kms.key.id).",
                Width.SHORT,
                "S3 server-side encryption");
        keys.define(
                S3_SSE_KMS_KEY_ID,
                Type.STRING,
                "",
                null,
                Importance.MEDIUM,
                "With s3.sse=sse_kms: the KMS key (id, ARN or alias ARN) of every object. Empty: the account's "
                        + "AWS-managed key (aws/s3).",
                Width.LONG,
                "S3 KMS key id");
        keys.define(
                S3_SSE_BUCKET_KEY_ENABLED,
                Type.BOOLEAN,
                false,
                null,
                Importance.LOW,
                "With s3.sse=sse_kms: use an S3 Bucket Key, which cuts KMS requests (and their cost) for many "
                        + "small objects.",
                Width.SHORT,
                "S3 bucket key");
        keys.define(
                S3_STORAGE_CLASS,
                Type.STRING,
                "",
                named("empty or a storage class readable without a restore", S3SecurityConfig::storageClass),
                Importance.LOW,
                "Storage class of the published data files (the copies a commit makes of staged files), e.g. "
                        + "'STANDARD_IA', 'INTELLIGENT_TIERING' (AWS) or the class names of an S3-compatible store; "
                        + "staged files, checkpoints, chunks, the card and markers keep the store's default, since a "
                        + "class's minimum duration and size would be billed for each of them. 'GLACIER' and "
                        + "'DEEP_ARCHIVE' are refused: their objects cannot be read without a restore. Empty: the "
                        + "store's default.",
                Width.SHORT,
                "S3 storage class");
        keys.define(
                S3_CHECKSUM_ALGORITHM,
                Type.STRING,
                "sdk_default",
                oneOf(UploadChecksum.class),
                Importance.LOW,
                "Checksum of every uploaded body, which the store verifies before storing it: 'sdk_default' (the "
                        + "AWS SDK's own: a CRC32 on every request that supports one), 'crc32c', 'crc32', 'sha256' "
                        + "(also stored with the object; multipart uploads carry each part's), or 'when_required' "
                        + "(only where the API requires one: for stores that reject the SDK's checksum trailers).",
                Width.SHORT,
                "S3 upload checksum");
        return keys;
    }

    private static GroupKeys defineTransport(GroupKeys keys) {
        keys.define(
                S3_SSL_CA_BUNDLE_PATH,
                Type.STRING,
                "",
                null,
                Importance.MEDIUM,
                "A PEM file of the CA certificates that sign the https endpoint's certificate (s3.endpoint, "
                        + "s3.sts.endpoint), e.g. a private CA. When set, only these CAs are trusted; the host name is "
                        + "always verified. Empty: the JVM's trusted CAs.",
                Width.LONG,
                "S3 CA bundle (PEM)");
        keys.define(
                S3_SSL_TRUSTSTORE_PATH,
                Type.STRING,
                "",
                null,
                Importance.MEDIUM,
                "A trust store (PKCS12 or JKS) of the CA certificates to trust instead of the JVM's, like "
                        + "s3.ssl.ca.bundle.path (give one of the two).",
                Width.LONG,
                "S3 trust store");
        keys.define(
                S3_SSL_TRUSTSTORE_PASSWORD,
                Type.PASSWORD,
                "",
                null,
                Importance.MEDIUM,
                "The password of s3.ssl.truststore.path. Never logged.",
                Width.MEDIUM,
                "S3 trust store password");
        keys.define(
                S3_PROXY_URL,
                Type.STRING,
                "",
                named("empty or an http(s) URL", S3Config::endpoint),
                Importance.LOW,
                "An HTTP proxy for every S3 and STS request (there is no list of hosts that bypass it), e.g. "
                        + "'http://proxy.corp:3128'. Empty: no proxy. The JVM's proxy properties and the environment "
                        + "(HTTPS_PROXY) are never read.",
                Width.LONG,
                "S3 proxy");
        keys.define(
                S3_PROXY_USERNAME,
                Type.STRING,
                "",
                null,
                Importance.LOW,
                "The proxy's user name, with s3.proxy.password.",
                Width.MEDIUM,
                "S3 proxy user");
        keys.define(
                S3_PROXY_PASSWORD,
                Type.PASSWORD,
                "",
                null,
                Importance.LOW,
                "The proxy's password, with s3.proxy.username. Never logged.",
                Width.MEDIUM,
                "S3 proxy password");
        return keys;
    }

    /** The role to assume, if s3.assume.role.arn is set. */
    static Optional<S3AssumeRole> assumeRole(AbstractConfig config) {
        return text(config.getString(S3_ASSUME_ROLE_ARN))
                .map(arn -> new S3AssumeRole(
                        arn,
                        secret(config.getPassword(S3_ASSUME_ROLE_EXTERNAL_ID)),
                        config.getString(S3_ASSUME_ROLE_SESSION_NAME),
                        Duration.ofSeconds(config.getInt(S3_ASSUME_ROLE_DURATION_SECONDS)),
                        text(config.getString(S3_STS_ENDPOINT)).map(URI::create),
                        text(config.getString(S3_STS_REGION))));
    }

    static S3WriteOptions writes(AbstractConfig config) {
        return new S3WriteOptions(
                Policies.parse(Encryption.class, config.getString(S3_SSE)),
                text(config.getString(S3_SSE_KMS_KEY_ID)),
                config.getBoolean(S3_SSE_BUCKET_KEY_ENABLED),
                text(config.getString(S3_STORAGE_CLASS)).map(c -> c.toUpperCase(Locale.ROOT)),
                Policies.parse(UploadChecksum.class, config.getString(S3_CHECKSUM_ALGORITHM)));
    }

    static S3Transport transport(AbstractConfig config) {
        return new S3Transport(
                text(config.getString(S3_SSL_CA_BUNDLE_PATH)).map(Path::of),
                text(config.getString(S3_SSL_TRUSTSTORE_PATH)).map(Path::of),
                secret(config.getPassword(S3_SSL_TRUSTSTORE_PASSWORD)),
                text(config.getString(S3_PROXY_URL)).map(URI::create),
                text(config.getString(S3_PROXY_USERNAME)),
                secret(config.getPassword(S3_PROXY_PASSWORD)));
    }

    /** The rules between these keys, each reported on every key involved. */
    static void validate(Violations violations) {
        boolean role = given(violations, S3_ASSUME_ROLE_ARN);
        for (String key : List.of(
                S3_ASSUME_ROLE_EXTERNAL_ID,
                S3_ASSUME_ROLE_SESSION_NAME,
                S3_ASSUME_ROLE_DURATION_SECONDS,
                S3_STS_ENDPOINT,
                S3_STS_REGION)) {
            if (!role && given(violations, key)) {
                violations.report(
                        key + " applies to an assumed role only: set s3.assume.role.arn, or remove " + key + ".",
                        key,
                        S3_ASSUME_ROLE_ARN);
            }
        }
        boolean kms = "sse_kms".equalsIgnoreCase(violations.raw(S3_SSE, "").trim());
        for (String key : List.of(S3_SSE_KMS_KEY_ID, S3_SSE_BUCKET_KEY_ENABLED)) {
            boolean set = key.equals(S3_SSE_BUCKET_KEY_ENABLED)
                    ? "true".equalsIgnoreCase(violations.raw(key, "").trim())
                    : given(violations, key);
            if (set && !kms) {
                violations.report(
                        key + " needs s3.sse=sse_kms: set s3.sse=sse_kms, or remove " + key + ".", key, S3_SSE);
            }
        }
        if (given(violations, S3_SSL_CA_BUNDLE_PATH) && given(violations, S3_SSL_TRUSTSTORE_PATH)) {
            violations.report(
                    "Give the trusted CAs once: either s3.ssl.ca.bundle.path (PEM) or s3.ssl.truststore.path "
                            + "(PKCS12/JKS), not both.",
                    S3_SSL_CA_BUNDLE_PATH,
                    S3_SSL_TRUSTSTORE_PATH);
        }
        if (given(violations, S3_SSL_TRUSTSTORE_PASSWORD) && !given(violations, S3_SSL_TRUSTSTORE_PATH)) {
            violations.report(
                    "s3.ssl.truststore.password is the password of s3.ssl.truststore.path: set the path, or "
                            + "remove the password.",
                    S3_SSL_TRUSTSTORE_PASSWORD,
                    S3_SSL_TRUSTSTORE_PATH);
        }
        checkProxy(violations);
    }

    private static void checkProxy(Violations violations) {
        boolean user = given(violations, S3_PROXY_USERNAME);
        boolean password = given(violations, S3_PROXY_PASSWORD);
        if (user != password) {
            violations.report(
                    "Give the proxy's credentials as a pair: s3.proxy.username and s3.proxy.password, or " + "neither.",
                    S3_PROXY_USERNAME,
                    S3_PROXY_PASSWORD);
        }
        if ((user || password) && !given(violations, S3_PROXY_URL)) {
            violations.report(
                    "Proxy credentials need the proxy: set s3.proxy.url (e.g. 'http://proxy.corp:3128').",
                    S3_PROXY_URL,
                    user ? S3_PROXY_USERNAME : S3_PROXY_PASSWORD);
        }
    }

    /** STS's rule for an external id; the value is a password, so the message shows it hidden. */
    static void externalId(String name, Object value) {
        String text = value instanceof Password password ? password.value() : String.valueOf(value);
        if (value != null
                && !text.isBlank()
                && !EXTERNAL_ID.matcher(text.trim()).matches()) {
            throw new ConfigException(
                    name,
                    value,
                    "STS accepts an external id of 2 to 1224 letters, digits or "
                            + "+=,.@:/_- only: give the one the role's trust policy names (sts:ExternalId).");
        }
    }

    /** A storage class name, not one whose objects need a restore before they can be read. */
    static void storageClass(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return;
        }
        matches(
                name,
                value,
                STORAGE_CLASS,
                "Give a storage class, e.g. 'STANDARD_IA' or 'INTELLIGENT_TIERING', or " + "leave it empty.");
        if (ARCHIVE_CLASSES.contains(text.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(
                    name,
                    value,
                    "Objects in GLACIER or DEEP_ARCHIVE cannot be read without a "
                            + "restore, and the datasets' readers need them: use 'GLACIER_IR', 'STANDARD_IA' or "
                            + "'INTELLIGENT_TIERING', or move old files to an archive class with a lifecycle rule on the "
                            + "split=*/ prefixes.");
        }
    }

    /** An http(s) URL like s3.endpoint's, and https unless the host is loopback: the answers carry secrets. */
    static void stsEndpoint(String name, Object value) {
        S3Config.endpoint(name, value);
        String url = value == null ? "" : value.toString().trim();
        if (url.isEmpty()) {
            return;
        }
        URI uri = URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw new ConfigException(
                    name,
                    value,
                    "STS answers carry the session's secret access key and token, "
                            + "which must not cross the network in clear: give an https URL, e.g. "
                            + "'https://sts.eu-west-1.amazonaws.com' (http is accepted only for 127.0.0.1, ::1 or localhost).");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.[0-9]{1,3}){3}");
    }

    private static boolean given(Violations violations, String key) {
        return !violations.raw(key, "").isBlank();
    }

    private static ConfigDef.Validator optional(String what, Pattern pattern, String example) {
        return named("empty or " + what, (name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                matches(name, value, pattern, "Give " + what + ", " + example + ", or leave it empty.");
            }
        });
    }

    private static void matches(String name, Object value, Pattern pattern, String fix) {
        if (value == null || !pattern.matcher(value.toString().trim()).matches()) {
            throw new ConfigException(name, value, fix);
        }
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<String> secret(Password password) {
        return password == null ? Optional.empty() : text(password.value());
    }
}
