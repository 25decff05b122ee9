package io.trainset.connect.storage;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket under a key prefix, through the AWS SDK v2.
 *
 * <p>An object is buffered in memory one part at a time (the buffer starts at 64 KiB and doubles up
 * to the part size, so a small object never costs a whole part): an object smaller than one part is
 * uploaded with a single PUT on commit; a larger one as a multipart upload (started when the first
 * part is full, completed on commit, aborted on close without commit). Either way it appears only
 * on commit; a full part is sent on the store's part threads while the object's next part is written (see
 * {@link S3ObjectOutput}). Failed requests are
 * retried by the client's retry strategy (see {@link S3Settings#maxAttempts()}) within the
 * configured timeouts; what still fails surfaces as an {@link IOException} naming the bucket, the key,
 * the status and the fix, an {@link UnretryableStoreException} when repeating it cannot help
 * ({@link S3Failures}).
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    /** The first buffer of an object; it doubles up to the part size as the object grows. */
    static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final int partSizeBytes;
    private final S3WriteOptions writes;
    private final AutoCloseable closer;
    /** Where full parts are sent while their objects are written on, started with the first part. */
    private final PartThreads partThreads;

    /**
     * @param client        the S3 client to use
     * @param bucket        the bucket
     * @param prefix        the key prefix of the store's root, empty for the whole bucket; a trailing
     *                      {@code /} is added when missing
     * @param partSizeBytes multipart part size, at least {@link S3Settings#MIN_PART_SIZE_BYTES}
     * @param ownsClient    whether {@link #close()} closes the client
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix, int partSizeBytes, boolean ownsClient) {
        this(client, bucket, prefix, partSizeBytes, S3WriteOptions.DEFAULTS, ownsClient ? client::close : () -> {});
    }

    /**
     * @param writes the encryption, storage class and checksum of every object this store writes
     * @param closer what {@link #close()} closes: the client and its credentials when the store owns them
     */
    public S3ObjectStore(
            S3Client client,
            String bucket,
            String prefix,
            int partSizeBytes,
            S3WriteOptions writes,
            AutoCloseable closer) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = normalise(ObjectStores.checkPrefix(prefix));
        if (partSizeBytes < S3Settings.MIN_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("S3 part size must be at least " + S3Settings.MIN_PART_SIZE_BYTES
                    + " bytes (5 MiB), got " + partSizeBytes);
        }
        this.partSizeBytes = partSizeBytes;
        this.writes = Objects.requireNonNull(writes, "writes");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.partThreads = new PartThreads(location());
        LOG.info("Opened object store {} (part size {} bytes)", location(), partSizeBytes);
    }

    private static String normalise(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public ObjectOutput create(String key) throws IOException {
        return new S3ObjectOutput(client, bucket, objectKey(key), partSizeBytes, writes, partThreads);
    }

    /** A {@code PutObject} with {@code If-None-Match: *}: HTTP 412 means the key exists. */
    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.putObject(
                    r -> writes.apply(r.bucket(bucket).key(objectKey).ifNoneMatch("*")), RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw S3Failures.of(Request.CONDITIONAL_CREATE, bucket, objectKey, e);
        } catch (SdkException e) {
            throw S3Failures.of(Request.CONDITIONAL_CREATE, bucket, objectKey, e);
        }
    }

    /**
     * A server-side {@code CopyObject} (objects up to 5 GB; files are bounded by {@code flush.size}), with the
     * store's encryption and storage class: the copy is a new, published object.
     */
    @Override
    public void copy(String from, String to) throws IOException {
        String source = objectKey(from);
        String target = objectKey(to);
        try {
            client.copyObject(r -> writes.apply(r.sourceBucket(bucket)
                    .sourceKey(source)
                    .destinationBucket(bucket)
                    .destinationKey(target)));
        } catch (SdkException e) {
            throw S3Failures.of(Request.COPY, bucket, source + " to s3://" + bucket + "/" + target, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return Optional.of(client.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey))
                    .asByteArrayUnsafe());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Failures.of(Request.READ, bucket, objectKey, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        String listPrefix = prefix + ObjectStores.checkPrefix(keyPrefix);
        try {
            return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(listPrefix)).contents().stream()
                    .map(S3Object::key)
                    .map(key -> key.substring(prefix.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw S3Failures.of(Request.LIST, bucket, listPrefix + "*", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(r -> r.bucket(bucket).key(objectKey));
            LOG.debug("Deleted s3://{}/{}", bucket, objectKey);
        } catch (SdkException e) {
            throw S3Failures.of(Request.DELETE, bucket, objectKey, e);
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    @Override
    public void close() {
        partThreads.close();
        try {
            closer.close();
        } catch (Exception e) {
            LOG.warn("Could not close the S3 client of {}: {}", location(), e.toString());
        }
        LOG.info("Closed object store {}", location());
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + location() + "]";
    }

    /** The key in the bucket; one over S3's length limit fails here, before any request. */
    private String objectKey(String key) throws UnretryableStoreException {
        return S3Failures.checkLength(bucket, prefix + ObjectStores.checkKey(key));
    }
}
