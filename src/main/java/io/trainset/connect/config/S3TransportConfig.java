package io.trainset.connect.config;

import static io.trainset.connect.config.S3Keys.given;
import static io.trainset.connect.config.S3Keys.secret;
import static io.trainset.connect.config.S3Keys.text;
import static io.trainset.connect.config.Validators.named;

import io.trainset.connect.storage.S3Transport;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The transport keys of the S3 group ({@link S3Config}, issue 18): the trusted CAs (a PEM bundle or a trust store and
 * its password) and the proxy with its credentials. Their definitions, their parsing into {@link S3Transport} and the
 * rules between them, each reported on every key involved. Like every S3 key they are operational
 * ({@link DatasetIdentity}).
 */
final class S3TransportConfig {

    static final String S3_SSL_CA_BUNDLE_PATH = "s3.ssl.ca.bundle.path";
    static final String S3_SSL_TRUSTSTORE_PATH = "s3.ssl.truststore.path";
    static final String S3_SSL_TRUSTSTORE_PASSWORD = "s3.ssl.truststore.password";
    static final String S3_PROXY_URL = "s3.proxy.url";
    static final String S3_PROXY_USERNAME = "s3.proxy.username";
    static final String S3_PROXY_PASSWORD = "s3.proxy.password";

    /** Every key of this class, in the order they are defined. */
    static final List<String> KEYS = List.of(
            S3_SSL_CA_BUNDLE_PATH,
            S3_SSL_TRUSTSTORE_PATH,
            S3_SSL_TRUSTSTORE_PASSWORD,
            S3_PROXY_URL,
            S3_PROXY_USERNAME,
            S3_PROXY_PASSWORD);

    private S3TransportConfig() {}

    /** Defines the transport keys in the S3 group, after the keys {@code keys} defined before them. */
    static GroupKeys define(GroupKeys keys) {
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

    static S3Transport transport(AbstractConfig config) {
        return new S3Transport(
                text(config.getString(S3_SSL_CA_BUNDLE_PATH)).map(Path::of),
                text(config.getString(S3_SSL_TRUSTSTORE_PATH)).map(Path::of),
                secret(config.getPassword(S3_SSL_TRUSTSTORE_PASSWORD)),
                text(config.getString(S3_PROXY_URL)).map(URI::create),
                text(config.getString(S3_PROXY_USERNAME)),
                secret(config.getPassword(S3_PROXY_PASSWORD)));
    }

    /** The rules between the transport keys, each reported on every key involved. */
    static void validate(Violations violations) {
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
}
