package io.trainset.connect.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
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

    private S3ProxyServer(S3Proxy proxy, Path directory, URI endpoint) {
        this.proxy = proxy;
        this.directory = directory;
        this.endpoint = endpoint;
    }

    /** Starts a server on 127.0.0.1 and a free port, keeping its buckets under {@code directory}. */
    public static S3ProxyServer start(Path directory) throws Exception {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        S3Proxy proxy = build(properties);
        proxy.start();
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        return new S3ProxyServer(proxy, directory, endpoint);
    }

    private static S3Proxy build(Properties properties) {
        try {
            return S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem-nio2", properties))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("s3proxy cannot start: class " + e.getMessage()
                    + " is missing from the test classpath. s3proxy shades Jetty but not the"
                    + " servlet API: add jakarta.servlet:jakarta.servlet-api:6.x (test scope) to"
                    + " pom.xml, or a dependency that brings it (e.g. Kafka's connect-runtime).", e);
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

    /** A shared SDK v2 client for this server (path style, test credentials); closed with the server. */
    public synchronized S3Client s3Client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(REGION)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .build();
        }
        return client;
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
