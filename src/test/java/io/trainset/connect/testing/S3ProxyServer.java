package io.trainset.connect.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy) running inside the test JVM on a free port.
 *
 * <p>Objects are kept by the {@code filesystem-nio2} blob store as plain files
 * {@code <directory>/<bucket>/<key>}, so tests can inspect what was written with ordinary file
 * APIs (see {@link #bucketDirectory(String)}). Requests must be signed (AWS signature v2 or v4)
 * with {@link #ACCESS_KEY}/{@link #SECRET_KEY}; clients must use path-style access.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(tempDir)) {
 *     s3.createBucket("datasets");
 *     // point the code under test at s3.endpoint() with s3.accessKey()/s3.secretKey()
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Access key id every client must sign with. */
    public static final String ACCESS_KEY = "trainset-test-access";
    /** Secret key every client must sign with (a test constant, not a real secret). */
    public static final String SECRET_KEY = "trainset-test-secret";
    /** Region the test client signs for; s3proxy accepts any. */
    public static final Region REGION = Region.US_EAST_1;

    private final S3Proxy proxy;
    private final Path directory;
    private final URI endpoint;
    private S3Client client;

    private S3ProxyServer(S3Proxy proxy, Path directory, URI endpoint, Options options, List<Signed> signers) {
        this.proxy = proxy;
        this.directory = directory;
        this.endpoint = endpoint;
        this.options = options;
        this.signers = signers;
    }

    /** One request as the server authenticated it: the access key that signed it and the object it names. */
    public record Signed(String accessKey, String bucket, String key) {}

    /** The access key of every request the server received so far (its own client's included), in order. */
    public List<String> signers() {
        return signers.stream().map(Signed::accessKey).toList();
    }

    /** Every request the server received so far with its signer and object, in order. */
    public List<Signed> signedRequests() {
        return List.copyOf(signers);
    }

    /**
     * How a server is started.
     *
     * @param tls       serve https only, with the server certificate of these test certificates; empty: http
     * @param blobStore wraps the filesystem blob store, e.g. in a {@link RecordingBlobStore}
     * @param sessions  the secret of an access key other than {@link #ACCESS_KEY} that the server also accepts
     *                  (e.g. an STS session's, from {@link StsStub#secretOf}); empty for an unknown key
     */
    public record Options(
            Optional<TestCertificates> tls,
            UnaryOperator<BlobStore> blobStore,
            Function<String, Optional<String>> sessions) {

        /** http, the filesystem store as is, only the fixed key pair. */
        public static final Options PLAIN =
                new Options(Optional.empty(), UnaryOperator.identity(), key -> Optional.empty());

        public Options withTls(TestCertificates certificates) {
            return new Options(Optional.of(certificates), blobStore, sessions);
        }

        public Options withBlobStore(UnaryOperator<BlobStore> wrapper) {
            return new Options(tls, wrapper, sessions);
        }

        public Options withSessions(Function<String, Optional<String>> secrets) {
            return new Options(tls, blobStore, secrets);
        }
    }

    private final Options options;
    private final List<Signed> signers;

    /** Starts a server on 127.0.0.1 and a free port, keeping its buckets under {@code directory}. */
    public static S3ProxyServer start(Path directory) throws Exception {
        return start(directory, Options.PLAIN);
    }

    /** Starts a server as {@code options} say, on 127.0.0.1 and a free port, its buckets under {@code directory}. */
    public static S3ProxyServer start(Path directory, Options options) throws Exception {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        BlobStore store = options.blobStore().apply(BlobStores.create("filesystem-nio2", properties));
        S3Proxy proxy = build(store, options);
        List<Signed> signers = new CopyOnWriteArrayList<>();
        proxy.setBlobStoreLocator((identity, container, blob) -> {
            signers.add(new Signed(String.valueOf(identity), container, blob));
            return ACCESS_KEY.equals(identity)
                    ? new AccessGrant(SECRET_KEY, store)
                    : options.sessions()
                            .apply(identity)
                            .map(secret -> new AccessGrant(secret, store))
                            .orElse(null);
        });
        proxy.start();
        URI endpoint = options.tls().isPresent()
                ? URI.create("https://127.0.0.1:" + proxy.getSecurePort())
                : URI.create("http://127.0.0.1:" + proxy.getPort());
        return new S3ProxyServer(proxy, directory, endpoint, options, signers);
    }

    /**
     * s3proxy 4.1.0 answers 501 NotImplemented to a header it does not know, and x-amz-security-token (of every
     * request signed with session credentials) is one: with sessions the server ignores unknown headers. The token
     * is still covered by the signature it checks.
     */
    private static S3Proxy build(BlobStore store, Options options) {
        Optional<TestCertificates> tls = options.tls();
        try {
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(store)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(options != Options.PLAIN && options.sessions() != Options.PLAIN.sessions());
            if (tls.isPresent()) {
                builder.secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(tls.get().serverKeyStore().toString(), TestCertificates.PASSWORD);
            } else {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            }
            return builder.build();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "s3proxy cannot start: class " + e.getMessage()
                            + " is missing from the test classpath. s3proxy shades Jetty but not the"
                            + " servlet API: add jakarta.servlet:jakarta.servlet-api:6.x (test scope) to"
                            + " pom.xml, or a dependency that brings it (e.g. Kafka's connect-runtime).",
                    e);
        }
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}, for an endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Creates a bucket (an empty directory under the server's directory). */
    public void createBucket(String name) {
        s3Client().createBucket(request -> request.bucket(name));
    }

    /** The directory holding the bucket's objects as plain files {@code <dir>/<key>}. */
    public Path bucketDirectory(String name) {
        return directory.resolve(name);
    }

    /**
     * A shared SDK v2 client for this server (path style, test credentials, trusting the test CA of an https
     * server); closed with the server.
     */
    public synchronized S3Client s3Client() {
        if (client == null) {
            Apache5HttpClient.Builder http = Apache5HttpClient.builder();
            options.tls().ifPresent(tls -> http.tlsTrustManagersProvider(() -> trustManagers(tls)));
            client = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(REGION)
                    .forcePathStyle(true)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClientBuilder(http)
                    .build();
        }
        return client;
    }

    private static TrustManager[] trustManagers(TestCertificates tls) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(KeyStore.getInstance(tls.caTrustStore().toFile(), TestCertificates.PASSWORD.toCharArray()));
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test trust store " + tls.caTrustStore(), e);
        }
    }

    /** Stops the server and closes the client; the directory and its files stay for inspection. */
    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IOException("Could not stop the s3proxy test server at " + endpoint, e);
        }
    }
}
