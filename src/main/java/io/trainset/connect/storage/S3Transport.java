package io.trainset.connect.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the connector's HTTP connections to S3 (and STS) are made: which certificate authorities it trusts,
 * and an HTTP proxy. Hostname verification is always on.
 *
 * @param caBundle           a PEM file of CA certificates; when set, only these are trusted
 * @param trustStore         a trust store (PKCS12 or JKS) of CA certificates; when set, only these are trusted
 * @param trustStorePassword the trust store's password; never printed
 * @param proxy              an HTTP(S) proxy, e.g. {@code http://proxy.corp:3128}
 * @param proxyUsername      the proxy's user, with {@code proxyPassword}
 * @param proxyPassword      the proxy's password; never printed
 */
public record S3Transport(
        Optional<Path> caBundle,
        Optional<Path> trustStore,
        Optional<String> trustStorePassword,
        Optional<URI> proxy,
        Optional<String> proxyUsername,
        Optional<String> proxyPassword) {

    /** The JVM's trusted CAs and no proxy. */
    public static final S3Transport DIRECT = new S3Transport(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Checks the settings: one source of trust, and proxy credentials only with a proxy and in pairs. */
    public S3Transport {
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(proxyUsername, "proxyUsername");
        Objects.requireNonNull(proxyPassword, "proxyPassword");
        if (caBundle.isPresent() && trustStore.isPresent()) {
            throw new IllegalArgumentException(
                    "Give either s3.ssl.ca.bundle.path or s3.ssl.truststore.path," + " not both");
        }
        if (proxyUsername.isPresent() != proxyPassword.isPresent() || (proxyUsername.isPresent() && proxy.isEmpty())) {
            throw new IllegalArgumentException(
                    "Proxy credentials need s3.proxy.url and both s3.proxy.username and" + " s3.proxy.password");
        }
    }

    /** Describes the settings with the passwords replaced by {@code [hidden]}. */
    @Override
    public String toString() {
        return "S3Transport[trust="
                + caBundle.map(p -> "PEM " + p)
                        .or(() -> trustStore.map(p -> "trust store " + p))
                        .orElse("<JVM default>")
                + ", proxy=" + proxy.map(URI::toString).orElse("<none>")
                + proxyUsername.map(u -> " as " + u + " (password [hidden])").orElse("") + "]";
    }
}
