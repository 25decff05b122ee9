package io.trainset.connect.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A second, independent S3 implementation: Adobe's S3Mock (a Spring Boot server, from Maven Central; the build
 * copies it to {@code target/s3mock/s3mock.jar} before the integration tests), run as a child JVM on a free port,
 * keeping objects under a directory. It honours {@code If-None-Match: *} on PutObject (HTTP 412), accepts any
 * signature, and checks SSE-KMS key ids against the keys it is started with.
 */
public final class S3MockServer implements AutoCloseable {

    /** Where the build puts the server (maven-dependency-plugin, pre-integration-test). */
    public static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private S3Client client;

    private S3MockServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts S3Mock with {@code buckets} created and {@code kmsKeys} valid; waits until it answers (≈ 10 s). */
    public static S3MockServer start(Path directory, List<String> buckets, List<String> kmsKeys) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with"
                    + " 'mvn verify', whose pre-integration-test phase copies com.adobe.testing:s3mock:exec there");
        }
        Files.createDirectories(directory);
        int http = freePort();
        int https = freePort();
        Path log = directory.resolve("s3mock.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "--server.port=" + https,
                        "--com.adobe.testing.s3mock.httpPort=" + http,
                        "--server.address=127.0.0.1",
                        "--com.adobe.testing.s3mock.store.root=" + directory.resolve("store"),
                        "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets),
                        "--com.adobe.testing.s3mock.store.validKmsKeys=" + String.join(",", kmsKeys),
                        "--com.adobe.testing.s3mock.store.retainFilesOnExit=true")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockServer server = new S3MockServer(process, URI.create("http://127.0.0.1:" + http), log);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    /** Polls the endpoint until it answers; fails with the server's log if it exits or stays silent. */
    private void awaitReady(Duration timeout) throws IOException {
        try {
            Awaitility.await("S3Mock at " + endpoint)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .pollInSameThread()
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock exited with " + process.exitValue());
                        }
                        HttpURLConnection connection =
                                (HttpURLConnection) endpoint.toURL().openConnection();
                        connection.setConnectTimeout(500);
                        connection.setReadTimeout(2000);
                        return connection.getResponseCode() > 0;
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            close();
            throw new IOException("S3Mock did not start (" + e.getMessage() + "): " + Files.readString(log), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The plain http endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A shared SDK v2 client for the server (path style; S3Mock accepts any key); closed with the server. */
    public synchronized S3Client s3Client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(S3ProxyServer.REGION)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .build();
        }
        return client;
    }

    /** Stops the child JVM (and waits for it). */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
