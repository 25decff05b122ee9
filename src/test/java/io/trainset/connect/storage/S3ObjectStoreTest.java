package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainset.connect.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

class S3ObjectStoreTest implements ObjectStoreContract {

    private static final int PART = S3Settings.MIN_PART_SIZE_BYTES;
    private static final String PREFIX = "datasets/v1";

    @TempDir
    static Path serverDirectory;

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;

    private String bucket;
    private S3ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(serverDirectory);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = "bucket-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        store = new S3ObjectStore(server.s3Client(), bucket, PREFIX, PART, false);
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Test
    void smallObjectIsUploadedWithOnePutUnderThePrefix() throws IOException {
        byte[] data = bytes(1000, 1);
        write("split=train/part-0.parquet", data);

        assertThat(Files.readAllBytes(objectFile("datasets/v1/split=train/part-0.parquet")))
                .isEqualTo(data);
        assertThat(store.read("split=train/part-0.parquet")).hasValue(data);
        assertThat(etag("datasets/v1/split=train/part-0.parquet")).doesNotContain("-");
    }

    @Test
    void objectLargerThanAPartIsUploadedInParts() throws IOException {
        byte[] data = bytes(2 * PART + 123, 2);
        try (ObjectOutput output = store.create("big.parquet")) {
            for (int offset = 0; offset < data.length; offset += 100_000) {
                output.write(data, offset, Math.min(100_000, data.length - offset));
            }
            assertThat(output.position()).isEqualTo(data.length);
            assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                    .hasSize(1);
            assertThat(store.list("")).isEmpty();
            output.commit();
        }

        assertThat(store.read("big.parquet")).hasValue(data);
        assertThat(etag("datasets/v1/big.parquet")).endsWith("-3\"");
        assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .isEmpty();
    }

    @Test
    void aFullPartIsSentOnAPartThreadWhileTheNextOneIsWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> partThreads = new CopyOnWriteArrayList<>();
        byte[] data = bytes(2 * PART + 123, 9);
        try (S3Client held = ObjectStores.s3Client(settings(S3ProxyServer.SECRET_KEY, 3), List.of(onUploadPart(() -> {
                    partThreads.add(Thread.currentThread().getName());
                    awaitQuietly(release);
                })));
                S3ObjectStore heldStore = new S3ObjectStore(held, bucket, PREFIX, PART, false);
                ObjectOutput output = heldStore.create("sent-aside.parquet")) {
            output.write(data, 0, PART + 10); // the first part is full: handed over, held at the server's door

            await().atMost(Duration.ofSeconds(30)).until(() -> !partThreads.isEmpty());
            assertThat(output.position()).isEqualTo(PART + 10); // the writer did not wait for it
            release.countDown();
            output.write(data, PART + 10, data.length - (PART + 10)); // the second part follows the first
            output.commit(); // the last part is sent here
        }

        assertThat(store.read("sent-aside.parquet")).hasValue(data);
        assertThat(etag("datasets/v1/sent-aside.parquet")).endsWith("-3\"");
        assertThat(partThreads).hasSize(3).first().asString().startsWith("trainset-s3-parts[s3://" + bucket);
        assertThat(partThreads.get(2)).isEqualTo(Thread.currentThread().getName()); // the last part: on commit
        assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .isEmpty();
    }

    @Test
    void aPartThatFailedOnAPartThreadIsSentAgainBeforeTheNextAndTheObjectIsWhole() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        byte[] data = bytes(2 * PART + 5, 10);
        try (S3Client failingOnce =
                        ObjectStores.s3Client(settings(S3ProxyServer.SECRET_KEY, 1), List.of(onUploadPart(() -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw SdkClientException.create("Connection reset (injected)");
                            }
                        })));
                S3ObjectStore failingStore = new S3ObjectStore(failingOnce, bucket, PREFIX, PART, false)) {
            ObjectStoreContract.write(failingStore, "sent-again.parquet", data);
        }

        assertThat(store.read("sent-again.parquet")).hasValue(data);
        assertThat(etag("datasets/v1/sent-again.parquet")).endsWith("-3\"");
        assertThat(attempts).hasValue(4); // part 1 failed and sent again, part 2, the last part
    }

    @Test
    void closeWithoutCommitWaitsForThePartBeingSentThenAborts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger parts = new AtomicInteger();
        try (S3Client held = ObjectStores.s3Client(settings(S3ProxyServer.SECRET_KEY, 3), List.of(onUploadPart(() -> {
                    parts.incrementAndGet();
                    awaitQuietly(release);
                })));
                S3ObjectStore heldStore = new S3ObjectStore(held, bucket, PREFIX, PART, false)) {
            ObjectOutput output = heldStore.create("abandoned.parquet");
            output.write(bytes(PART + 10, 11));
            await().atMost(Duration.ofSeconds(30)).until(() -> parts.get() == 1);
            release.countDown();
            output.close();
        }

        assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .isEmpty();
        assertThat(filesUnder(server.bucketDirectory(bucket))).isEmpty();
    }

    @Test
    void objectOfExactlyOnePartIsCompletedAsAOnePartUpload() throws IOException {
        byte[] data = bytes(PART, 3);
        write("exact.bin", data);

        assertThat(store.read("exact.bin")).hasValue(data);
        assertThat(etag("datasets/v1/exact.bin")).endsWith("-1\"");
    }

    @Test
    void objectWrittenByteByByteGrowsItsBufferAndKeepsEveryByte() throws IOException {
        byte[] data = bytes(S3ObjectStore.INITIAL_BUFFER_BYTES * 5 + 7, 4);
        try (ObjectOutput output = store.create("bytes.bin")) {
            for (byte b : data) {
                output.write(b);
            }
            output.commit();
        }

        assertThat(store.read("bytes.bin")).hasValue(data);
        assertThat(etag("datasets/v1/bytes.bin")).doesNotContain("-");
    }

    @Test
    void emptyObjectIsCommitted() throws IOException {
        write("empty.bin", new byte[0]);

        assertThat(store.read("empty.bin")).hasValue(new byte[0]);
    }

    @Test
    void listStripsThePrefixAndIgnoresObjectsOutsideIt() throws IOException {
        write("a/0.parquet", "0");
        client().putObject(r -> r.bucket(bucket).key("datasets/v10/other.parquet"), RequestBody.fromString("outside"));
        client().putObject(r -> r.bucket(bucket).key("elsewhere.parquet"), RequestBody.fromString("outside"));

        assertThat(store.list("")).containsExactly("a/0.parquet");
    }

    @Test
    void closeWithoutCommitAbortsTheMultipartUploadAndLeavesNothing() throws IOException {
        try (ObjectOutput output = store.create("aborted.parquet")) {
            output.write(bytes(PART + 10, 4));
            assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                    .hasSize(1);
        }

        assertThat(client().listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .isEmpty();
        assertThat(store.list("")).isEmpty();
        assertThat(store.read("aborted.parquet")).isEmpty();
        assertThat(filesUnder(server.bucketDirectory(bucket))).isEmpty();
    }

    @Test
    void closeWithoutCommitOfASmallObjectSendsNothing() throws IOException {
        try (ObjectOutput output = store.create("small-aborted.parquet")) {
            output.write(bytes(100, 5));
        }

        assertThat(store.list("")).isEmpty();
        assertThat(filesUnder(server.bucketDirectory(bucket))).isEmpty();
    }

    @Test
    void locationNamesBucketAndPrefix() {
        assertThat(store.location()).isEqualTo("s3://" + bucket + "/datasets/v1");
        assertThat(new S3ObjectStore(client(), bucket, "", PART, false).location())
                .isEqualTo("s3://" + bucket);
        assertThat(new S3ObjectStore(client(), bucket, "x/y/", PART, false).location())
                .isEqualTo("s3://" + bucket + "/x/y");
    }

    @Test
    void aMissingBucketFailsAtOnceNamingTheBucketAndTheFix() {
        AtomicInteger requests = new AtomicInteger();
        try (S3Client counted =
                ObjectStores.s3Client(settings(S3ProxyServer.SECRET_KEY), List.of(counting(requests)))) {
            ObjectStore missing = retrying(new S3ObjectStore(counted, "no-such-bucket", "p", PART, false));

            assertThatThrownBy(() -> ObjectStoreContract.write(missing, "k.parquet", bytes(10, 7)))
                    .isInstanceOf(UnretryableStoreException.class)
                    .hasMessageStartingWith(
                            "S3 upload of s3://no-such-bucket/p/k.parquet failed" + " (HTTP 404 NoSuchBucket): ")
                    .hasMessageEndingWith(". Bucket 'no-such-bucket' does not exist at this endpoint: create it, or"
                            + " correct output.url (and s3.endpoint, s3.region). Not retried: repeating the request"
                            + " cannot succeed.");
            assertThat(requests).hasValue(1);
        }
    }

    @Test
    void aWrongSecretFailsAtOnceNamingTheKeysToCheckButNotTheSecret() {
        AtomicInteger requests = new AtomicInteger();
        String wrongSecret = "wrong-secret-d41d8cd98f";
        try (S3Client counted = ObjectStores.s3Client(settings(wrongSecret), List.of(counting(requests)))) {
            ObjectStore wrong = retrying(new S3ObjectStore(counted, bucket, PREFIX, PART, false));

            assertThatThrownBy(() -> ObjectStoreContract.write(wrong, "k.parquet", bytes(10, 8)))
                    .isInstanceOf(UnretryableStoreException.class)
                    .hasMessageStartingWith("S3 upload of s3://" + bucket + "/datasets/v1/k.parquet failed (HTTP 403 ")
                    .hasMessageEndingWith(" The credentials are wrong: check s3.access.key.id and"
                            + " s3.secret.access.key (or what the default AWS credentials chain finds). Not retried:"
                            + " repeating the request cannot succeed.")
                    .message()
                    .doesNotContain(wrongSecret);
            assertThat(requests).hasValue(1);
        }
    }

    @Test
    void aKeyOverTheS3LimitFailsBeforeAnyRequest() {
        String key = "label=" + "x".repeat(1024) + "/part-0.parquet";

        assertThatThrownBy(() -> store.create(key))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessage("The S3 key s3://" + bucket + "/datasets/v1/" + key + " is 1057 bytes (UTF-8), over"
                        + " S3's limit of 1024 (KeyTooLongError): shorten the prefix of output.url or the values"
                        + " that become path segments (labels). Not retried: repeating the request cannot succeed.");
    }

    @Test
    void partSizeBelowTheS3MinimumIsRejected() {
        assertThatThrownBy(() -> new S3ObjectStore(client(), bucket, "", PART - 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S3 part size must be at least 5242880 bytes (5 MiB), got 5242879");
    }

    private static S3Settings settings(String secret) {
        return settings(secret, 3);
    }

    private static S3Settings settings(String secret, int attempts) {
        return new S3Settings(
                Optional.empty(),
                Optional.of(server.endpoint()),
                true,
                Optional.of(S3ProxyServer.ACCESS_KEY),
                Optional.of(secret),
                attempts,
                PART);
    }

    /** Runs {@code action} before every UploadPart attempt is sent, on the thread that sends it. */
    private static ExecutionInterceptor onUploadPart(Runnable action) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest) {
                    action.run();
                }
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never released the part");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Counts every attempt the client sends. */
    private static ExecutionInterceptor counting(AtomicInteger requests) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                requests.incrementAndGet();
            }
        };
    }

    private static ObjectStore retrying(ObjectStore store) {
        return new RetryingObjectStore(store, new StoreRetry(store.location(), 5, Duration.ZERO, Duration.ZERO));
    }

    private String etag(String objectKey) {
        return client().headObject(r -> r.bucket(bucket).key(objectKey)).eTag();
    }

    private Path objectFile(String objectKey) {
        return server.bucketDirectory(bucket).resolve(objectKey);
    }

    private static S3Client client() {
        return server.s3Client();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
