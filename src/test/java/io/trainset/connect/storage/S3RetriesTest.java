package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trainset.connect.testing.S3StatusStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the S3 store retries and for how long, against a stub that answers the statuses a test scripts:
 * 5xx and throttling are retried by the client and then by {@link StoreRetry}, other 4xx not at all, and
 * a store that never answers is given up on after the configured timeouts.
 */
class S3RetriesTest {

    private static final String BUCKET = "datasets";
    private static final int ATTEMPTS = 3;
    private static final int STORE_RETRIES = 2;

    private S3StatusStub stub;
    private S3Client client;

    @BeforeEach
    void startStub() throws IOException {
        stub = S3StatusStub.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        stub.close();
    }

    @Test
    void aServerErrorIsRetriedByTheClientAndThenByTheStoreAndReportedAsTransient() {
        stub.always(500, "InternalError");
        ObjectStore store = retrying(store(settings(stub.endpoint())));

        assertThatThrownBy(() -> ObjectStoreContract.write(store, "a.parquet", bytes()))
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("S3 upload of s3://datasets/v1/a.parquet failed (HTTP 500 InternalError): ")
                .hasMessageEndingWith(" Transient (the client retried it up to s3.max.attempts times within"
                        + " s3.api.call.timeout.ms): check the endpoint, the network and the store's health.");
        assertThat(stub.requests()).isEqualTo(ATTEMPTS * (1 + STORE_RETRIES));
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilTheStoreAccepts() throws IOException {
        stub.answer(503, "SlowDown", 2);
        ObjectStore store = store(settings(stub.endpoint()));

        ObjectStoreContract.write(store, "a.parquet", bytes());

        assertThat(stub.requests()).isEqualTo(3);
    }

    @Test
    void accessDeniedFailsAtOnceNamingTheIamActionAndTheObject() {
        stub.always(403, "AccessDenied");
        ObjectStore store = retrying(store(settings(stub.endpoint())));

        assertThatThrownBy(() -> ObjectStoreContract.write(store, "a.parquet", bytes()))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessageStartingWith("S3 upload of s3://datasets/v1/a.parquet failed (HTTP 403 AccessDenied): ")
                .hasMessageEndingWith(" Access denied: allow s3:PutObject on arn:aws:s3:::datasets/v1/a.parquet to"
                        + " the connector's credentials, and check the bucket policy and any KMS key policy"
                        + " (docs/production.md lists the whole IAM policy). Not retried: repeating the request"
                        + " cannot succeed.");
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void aKeyTooLongForTheStoreFailsAtOnceNamingTheFix() {
        stub.always(400, "KeyTooLongError");
        ObjectStore store = retrying(store(settings(stub.endpoint())));

        assertThatThrownBy(() -> store.read("a.parquet"))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessageContaining("(HTTP 400 KeyTooLongError)")
                .hasMessageContaining("shorten the prefix of output.url or the values that become path segments");
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void aStoreThatNeverAnswersIsGivenUpOnAfterTheRequestTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            S3Settings settings = settings(endpoint).withTimeouts(Duration.ofMillis(200), Duration.ofMillis(700));
            ObjectStore store = store(settings);

            // Without timeouts each of the 3 attempts would wait for the socket timeout (30 s).
            IOException failure = assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> catchIoFailure(() -> store.read("a.parquet")));

            assertThat(failure)
                    .isNotInstanceOf(UnretryableStoreException.class)
                    .hasMessageStartingWith("S3 read of s3://datasets/v1/a.parquet failed: ")
                    .hasMessageEndingWith(" The store did not answer in time (s3.api.call.attempt.timeout.ms per"
                            + " attempt, s3.api.call.timeout.ms per request with its retries): check the endpoint,"
                            + " the network and the store's health, or raise them on a slow link.");
        }
    }

    private static IOException catchIoFailure(StoreRetry.IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected the step to fail");
    }

    private static S3Settings settings(URI endpoint) {
        return new S3Settings(
                Optional.empty(),
                Optional.of(endpoint),
                true,
                Optional.of("access"),
                Optional.of("secret"),
                ATTEMPTS,
                S3Settings.MIN_PART_SIZE_BYTES);
    }

    private ObjectStore store(S3Settings settings) {
        client = ObjectStores.s3Client(settings, List.of());
        return new S3ObjectStore(client, BUCKET, "v1", S3Settings.MIN_PART_SIZE_BYTES, false);
    }

    private static ObjectStore retrying(ObjectStore store) {
        return new RetryingObjectStore(
                store, new StoreRetry(store.location(), STORE_RETRIES, Duration.ZERO, Duration.ZERO));
    }

    private static byte[] bytes() {
        return "rows".getBytes(StandardCharsets.UTF_8);
    }
}
