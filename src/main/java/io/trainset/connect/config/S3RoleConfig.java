package io.trainset.connect.config;

import static io.trainset.connect.config.S3Keys.given;
import static io.trainset.connect.config.S3Keys.matches;
import static io.trainset.connect.config.S3Keys.optional;
import static io.trainset.connect.config.S3Keys.secret;
import static io.trainset.connect.config.S3Keys.text;
import static io.trainset.connect.config.Validators.named;

import io.trainset.connect.storage.S3AssumeRole;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
 * The assumed-role keys of the S3 group ({@link S3Config}, issue 18): the role, its external id, session name and
 * duration, and the STS endpoint and region. Their definitions, their parsing into {@link S3AssumeRole} and the rule
 * that they apply to a role only, reported on every key involved. Like every S3 key they are operational
 * ({@link DatasetIdentity}).
 */
final class S3RoleConfig {

    static final String S3_ASSUME_ROLE_ARN = "s3.assume.role.arn";
    static final String S3_ASSUME_ROLE_EXTERNAL_ID = "s3.assume.role.external.id";
    static final String S3_ASSUME_ROLE_SESSION_NAME = "s3.assume.role.session.name";
    static final String S3_ASSUME_ROLE_DURATION_SECONDS = "s3.assume.role.duration.seconds";
    static final String S3_STS_ENDPOINT = "s3.sts.endpoint";
    static final String S3_STS_REGION = "s3.sts.region";

    /** Every key of this class, in the order they are defined. */
    static final List<String> KEYS = List.of(
            S3_ASSUME_ROLE_ARN,
            S3_ASSUME_ROLE_EXTERNAL_ID,
            S3_ASSUME_ROLE_SESSION_NAME,
            S3_ASSUME_ROLE_DURATION_SECONDS,
            S3_STS_ENDPOINT,
            S3_STS_REGION);

    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private S3RoleConfig() {}

    /** Defines the role keys in the S3 group, after the keys {@code keys} defined before them. */
    static GroupKeys define(GroupKeys keys) {
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
                named("empty or 2 to 1224 of letters, digits and " + "+=,.@:/_-", S3RoleConfig::externalId),
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
                named("empty or an https URL (http only for a loopback host)", S3RoleConfig::stsEndpoint),
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

    /** The role keys apply to an assumed role only; each violation is reported on both keys. */
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
}
