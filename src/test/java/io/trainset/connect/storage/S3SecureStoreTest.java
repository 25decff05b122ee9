package io.trainset.connect.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trainset.connect.storage.S3WriteOptions.Encryption;
import io.trainset.connect.storage.S3WriteOptions.UploadChecksum;
import io.trainset.connect.testing.RecordingBlobStore;
import io.trainset.connect.testing.RecordingBlobStore.Write;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.S3StatusStub;
import io.trainset.connect.testing.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against a real S3 server (s3proxy) with the settings enterprises run: the encryption and storage class
 * of every object-creating request as the server received it, and an https endpoint whose private CA is trusted
 * only through the settings.
 */
class S3SecureStoreTest {

    private static final int PART = S3Settings.MIN_PART_SIZE_BYTES;
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    Path temp;

    @Test
    void everyObjectCreatingRequestCarriesTheKmsEncryptionAndNoneButCopiesTheStorageClass() throws Exception {
        AtomicReference<RecordingBlobStore> recorder = new AtomicReference<>();
        try (S3ProxyServer server = S3ProxyServer.start(
                temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withBlobStore(RecordingBlobStore.into(recorder)))) {
            server.createBucket("datasets");
            S3WriteOptions kms = new S3WriteOptions(
                    Encryption.SSE_KMS, Optional.of(KMS_KEY), true, Optional.of("STANDARD_IA"), UploadChecksum.CRC32C);
            byte[] large = bytes(2 * PART + 1000);

            try (ObjectStore store = ObjectStores.open(
                    URI.create("s3://datasets/v1"), settings(server).withWrites(kms))) {
                write(store, "small.bin", "small".getBytes(UTF_8));
                write(store, "large.bin", large);
                assertThat(store.createIfAbsent("marker.json", "{}".getBytes(UTF_8)))
                        .isTrue();
                assertThat(store.createIfAbsent("marker.json", "{}".getBytes(UTF_8)))
                        .isFalse();
                store.copy("large.bin", "published/large.bin");

                assertThat(store.read("published/large.bin"))
                        .hasValueSatisfying(b -> assertThat(b).isEqualTo(large));
                assertThat(store.read("small.bin"))
                        .hasValueSatisfying(b -> assertThat(b).isEqualTo("small".getBytes(UTF_8)));
            }

            assertThat(recorder.get().writes())
                    .extracting(Write::request, Write::key)
                    .containsExactly(
                            tuple("PutObject", "v1/small.bin"),
                            tuple("CreateMultipartUpload", "v1/large.bin"),
                            tuple("PutObject", "v1/marker.json"),
                            tuple("PutObject", "v1/marker.json"),
                            tuple("CopyObject", "v1/published/large.bin"));
            assertThat(recorder.get().writes()).allSatisfy(write -> {
                assertThat(write.sse()).isEqualTo("aws:kms");
                assertThat(write.kmsKeyId()).isEqualTo(KMS_KEY);
                assertThat(write.bucketKey()).isTrue();
            });
            // the storage class goes on the publishing copy only; s3proxy 4.1.0 parses x-amz-storage-class on
            // PutObject and CreateMultipartUpload but not on CopyObject (S3WriteOptionsTest shows the copy carries it)
            assertThat(recorder.get().writes())
                    .filteredOn(write -> !write.request().equals("CopyObject"))
                    .extracting(Write::storageClass)
                    .containsOnlyNulls();
            assertThat(recorder.get().writes())
                    .filteredOn(write -> write.request().equals("CreateMultipartUpload"))
                    .extracting(Write::checksumAlgorithm)
                    .containsExactly("CRC32C");
        }
    }

    @Test
    void sseS3AsksForAes256AndNoKey() throws Exception {
        AtomicReference<RecordingBlobStore> recorder = new AtomicReference<>();
        try (S3ProxyServer server = S3ProxyServer.start(
                temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withBlobStore(RecordingBlobStore.into(recorder)))) {
            server.createBucket("datasets");
            S3WriteOptions sseS3 = new S3WriteOptions(
                    Encryption.SSE_S3, Optional.empty(), false, Optional.empty(), UploadChecksum.SDK_DEFAULT);
            try (ObjectStore store = ObjectStores.open(
                    URI.create("s3://datasets"), settings(server).withWrites(sseS3))) {
                write(store, "a.bin", bytes(10));
            }
            assertThat(recorder.get().writes()).singleElement().satisfies(write -> {
                assertThat(write.sse()).isEqualTo("AES256");
                assertThat(write.kmsKeyId()).isNull();
                assertThat(write.storageClass()).isNull();
            });
        }
    }

    @Test
    void anHttpsEndpointSignedByAPrivateCaIsTrustedThroughTheSettingsOnly() throws Exception {
        TestCertificates tls = TestCertificates.generate(temp.resolve("tls"));
        try (S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withTls(tls))) {
            server.createBucket("datasets");
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            S3Transport pem = new S3Transport(
                    Optional.of(tls.caPem()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
            S3Transport trustStore = new S3Transport(
                    Optional.empty(),
                    Optional.of(tls.caTrustStore()),
                    Optional.of(TestCertificates.PASSWORD),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());

            for (S3Transport transport : new S3Transport[] {pem, trustStore}) {
                try (ObjectStore store = ObjectStores.open(
                        URI.create("s3://datasets"), settings(server).withTransport(transport))) {
                    write(store, "a.txt", "over tls".getBytes(UTF_8));
                    assertThat(store.read("a.txt"))
                            .hasValueSatisfying(
                                    b -> assertThat(b).asString(UTF_8).isEqualTo("over tls"));
                }
            }
            try (ObjectStore store = ObjectStores.open(
                    URI.create("s3://datasets"),
                    settings(server).withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10)))) {
                assertThatThrownBy(() -> store.read("a.txt"))
                        .isInstanceOf(UnretryableStoreException.class)
                        .hasMessageContaining("S3 read of s3://datasets/a.txt failed")
                        .hasMessageContaining("The TLS connection to the endpoint failed")
                        .hasMessageContaining(
                                "give that CA in s3.ssl.ca.bundle.path (a PEM file) or" + " s3.ssl.truststore.path");
            }
        }
    }

    /**
     * A certificate signed by a trusted CA but for another host (other.example, not 127.0.0.1): the handshake fails
     * on the host name, at once and with the TLS fix, although the chain is trusted.
     */
    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        TestCertificates otherHost = TestCertificates.generate(temp.resolve("tls"), "dns:other.example");
        try (S3ProxyServer server =
                S3ProxyServer.start(temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withTls(otherHost))) {
            S3Transport pem = new S3Transport(
                    Optional.of(otherHost.caPem()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
            try (ObjectStore store = ObjectStores.open(
                    URI.create("s3://datasets"),
                    settings(server)
                            .withTransport(pem)
                            .withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10)))) {
                assertThatThrownBy(() -> store.read("a.txt"))
                        .isInstanceOf(UnretryableStoreException.class)
                        .hasMessageContaining("S3 read of s3://datasets/a.txt failed")
                        .hasMessageContaining("The TLS connection to the endpoint failed")
                        .hasMessageContaining("127.0.0.1")
                        .hasMessageContaining("check that the certificate names the host of s3.endpoint");
            }
        }
    }

    /**
     * A proxy that asks for Basic credentials (407) and then answers as the store would (404 NoSuchKey): the request
     * goes to the proxy in absolute form, with the configured credentials, never to the endpoint itself.
     */
    @Test
    void requestsGoThroughTheConfiguredProxyWithItsCredentials() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + authorization);
                if (authorization == null) {
                    exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"corp\"");
                    exchange.sendResponseHeaders(407, -1);
                    return;
                }
                byte[] body = "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>".getBytes(UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        proxy.start();
        try {
            S3Transport viaProxy = new S3Transport(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(
                            URI.create("http://127.0.0.1:" + proxy.getAddress().getPort())),
                    Optional.of("svc"),
                    Optional.of("proxy-pass"));
            S3Settings settings =
                    oneAttemptAt(URI.create("http://s3.internal:9000")).withTransport(viaProxy);
            try (ObjectStore store = ObjectStores.open(URI.create("s3://datasets"), settings)) {
                assertThat(store.read("a.txt")).isEmpty();
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString("svc:proxy-pass".getBytes(UTF_8));
            assertThat(seen)
                    .containsExactly(
                            "GET http://s3.internal:9000/datasets/a.txt null",
                            "GET http://s3.internal:9000/datasets/a.txt " + basic);
        } finally {
            proxy.stop(0);
        }
    }

    /**
     * With no s3.proxy.url, the JVM's proxy properties are not read: requests go straight to the endpoint even
     * when {@code http.proxyHost} and {@code https.proxyHost} name a proxy (which answers too, so a proxied request
     * would not fail).
     */
    @Test
    void withoutAConfiguredProxyTheJvmProxyPropertiesAreIgnored() throws Exception {
        List<String> proxied = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                proxied.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        proxy.start();
        Map<String, String> properties = Map.of(
                "http.proxyHost",
                "127.0.0.1",
                "http.proxyPort",
                String.valueOf(proxy.getAddress().getPort()),
                "https.proxyHost",
                "127.0.0.1",
                "https.proxyPort",
                String.valueOf(proxy.getAddress().getPort()),
                "http.nonProxyHosts",
                "none.example");
        Map<String, String> saved = new HashMap<>();
        properties.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        try (S3StatusStub store = S3StatusStub.start()) {
            properties.forEach(System::setProperty);
            store.always(404, "NoSuchKey");
            S3Settings settings = oneAttemptAt(store.endpoint());
            try (ObjectStore objects = ObjectStores.open(URI.create("s3://datasets"), settings)) {
                assertThat(objects.read("a.txt")).isEmpty();
            }
            assertThat(store.requests()).isEqualTo(1);
            assertThat(proxied).isEmpty();
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            proxy.stop(0);
        }
    }

    @Test
    void anUnreadableCaBundleFailsWhenTheStoreOpensNamingTheKey() {
        S3Transport missing = new S3Transport(
                Optional.of(temp.resolve("no-such.pem")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        S3Settings settings = oneAttemptAt(URI.create("https://127.0.0.1:1")).withTransport(missing);

        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3://datasets"), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "s3.ssl.ca.bundle.path: cannot read the CA certificates in " + temp.resolve("no-such.pem"));
    }

    @Test
    void aTrustStoreWithTheWrongPasswordFailsWithTheReasonButNotThePassword() throws Exception {
        TestCertificates tls = TestCertificates.generate(temp.resolve("tls"));
        S3Transport wrong = new S3Transport(
                Optional.empty(),
                Optional.of(tls.caTrustStore()),
                Optional.of("wrong-password-42"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        S3Settings settings = oneAttemptAt(URI.create("https://127.0.0.1:1")).withTransport(wrong);

        assertThatThrownBy(() -> ObjectStores.open(URI.create("s3://datasets"), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("s3.ssl.truststore.path: cannot open the trust store " + tls.caTrustStore()
                        + " (IOException: keystore password was incorrect); give")
                .hasMessageNotContaining("wrong-password-42");
    }

    /** Settings of a store at {@code endpoint} with static credentials that tries each request once. */
    private static S3Settings oneAttemptAt(URI endpoint) {
        return new S3Settings(
                Optional.empty(), Optional.of(endpoint), true, Optional.of("id"), Optional.of("secret"), 1, PART);
    }

    static S3Settings settings(S3ProxyServer server) {
        return new S3Settings(
                Optional.empty(),
                Optional.of(server.endpoint()),
                true,
                Optional.of(server.accessKey()),
                Optional.of(server.secretKey()),
                2,
                PART);
    }

    static void write(ObjectStore store, String key, byte[] bytes) throws IOException {
        try (ObjectOutput output = store.create(key)) {
            output.write(bytes);
            output.commit();
        }
    }

    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
