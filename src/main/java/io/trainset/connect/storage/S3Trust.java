package io.trainset.connect.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * The certificate authorities a private endpoint's certificate is checked against: a PEM bundle or a trust store
 * from the config, instead of the JVM's. Read once when the client is built; a file that cannot be read fails
 * then, naming the key.
 */
final class S3Trust {

    private S3Trust() {}

    /** Trust managers of the configured CAs, or empty for the JVM's default trust. */
    static Optional<TlsTrustManagersProvider> of(S3Transport transport) {
        Optional<KeyStore> store = transport
                .caBundle()
                .map(S3Trust::pemBundle)
                .or(() -> transport.trustStore().map(path -> trustStore(path, transport.trustStorePassword())));
        return store.map(S3Trust::managers).map(managers -> () -> managers);
    }

    private static KeyStore pemBundle(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("s3.ssl.ca.bundle.path: " + path + " holds no PEM certificate;"
                        + " give a file of '-----BEGIN CERTIFICATE-----' blocks of the CAs that sign the endpoint's"
                        + " certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "s3.ssl.ca.bundle.path: cannot read the CA certificates in " + path
                            + " (" + e.getMessage() + "); give a readable PEM file of the CAs that sign the endpoint's"
                            + " certificate",
                    e);
        }
    }

    private static KeyStore trustStore(Path path, Optional<String> password) {
        try {
            return KeyStore.getInstance(
                    path.toFile(), password.map(String::toCharArray).orElse(new char[0]));
        } catch (IOException | GeneralSecurityException e) {
            // a KeyStore's messages never contain the password
            throw new IllegalArgumentException(
                    "s3.ssl.truststore.path: cannot open the trust store " + path
                            + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); give a readable PKCS12 or"
                            + " JKS file and its password in s3.ssl.truststore.password",
                    e);
        }
    }

    private static TrustManager[] managers(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot use the configured CA certificates (" + e.getMessage()
                            + "): check s3.ssl.ca.bundle.path or s3.ssl.truststore.path",
                    e);
        }
    }
}
