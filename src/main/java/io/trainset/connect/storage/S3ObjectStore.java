package io.trainset.connect.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
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
 * on commit. Failed requests are
 * retried by the client's retry strategy (see {@link S3Settings#maxAttempts()}); what still fails
 * surfaces as an {@link IOException} naming the bucket, the key and what to check.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    /** The first buffer of an object; it doubles up to the part size as the object grows. */
    static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final int partSizeBytes;
    private final boolean ownsClient;

    /**
     * @param client        the S3 client to use
     * @param bucket        the bucket
     * @param prefix        the key prefix of the store's root, empty for the whole bucket; a trailing
     *                      {@code /} is added when missing
     * @param partSizeBytes multipart part size, at least {@link S3Settings#MIN_PART_SIZE_BYTES}
     * @param ownsClient    whether {@link #close()} closes the client
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix, int partSizeBytes,
            boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = normalise(ObjectStores.checkPrefix(prefix));
        if (partSizeBytes < S3Settings.MIN_PART_SIZE_BYTES) {
            throw new IllegalArgumentException("S3 part size must be at least "
                    + S3Settings.MIN_PART_SIZE_BYTES + " bytes (5 MiB), got " + partSizeBytes);
        }
        this.partSizeBytes = partSizeBytes;
        this.ownsClient = ownsClient;
        LOG.info("Opened object store {} (part size {} bytes)", location(), partSizeBytes);
    }

    private static String normalise(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public ObjectOutput create(String key) {
        return new S3ObjectOutput(objectKey(key));
    }

    /** A {@code PutObject} with {@code If-None-Match: *}: HTTP 412 means the key exists. */
    @Override
    public boolean createIfAbsent(String key, byte[] bytes) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.putObject(r -> r.bucket(bucket).key(objectKey).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw failure("conditional create", objectKey, e);
        } catch (SdkException e) {
            throw failure("conditional create", objectKey, e);
        }
    }

    /** A server-side {@code CopyObject} (objects up to 5 GB; files are bounded by {@code flush.size}). */
    @Override
    public void copy(String from, String to) throws IOException {
        String source = objectKey(from);
        String target = objectKey(to);
        try {
            client.copyObject(r -> r.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                    .destinationKey(target));
        } catch (SdkException e) {
            throw failure("copy to s3://" + bucket + "/" + target + " from", source, e);
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
            throw failure("read", objectKey, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        String listPrefix = prefix + ObjectStores.checkPrefix(keyPrefix);
        try {
            return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(listPrefix))
                    .contents().stream()
                    .map(S3Object::key)
                    .map(key -> key.substring(prefix.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("list", listPrefix + "*", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(r -> r.bucket(bucket).key(objectKey));
            LOG.debug("Deleted s3://{}/{}", bucket, objectKey);
        } catch (SdkException e) {
            throw failure("delete", objectKey, e);
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
        LOG.info("Closed object store {}", location());
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + location() + "]";
    }

    private String objectKey(String key) {
        return prefix + ObjectStores.checkKey(key);
    }

    /** Wraps an SDK failure in an IOException that says what failed and what to check. */
    private IOException failure(String action, String objectKey, SdkException e) {
        String status = e instanceof S3Exception s3 ? " (HTTP " + s3.statusCode() + " "
                + (s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode()) + ")" : "";
        return new IOException("S3 " + action + " of s3://" + bucket + "/" + objectKey + " failed"
                + status + ": " + e.getMessage() + ". Check the credentials and their permissions on"
                + " bucket '" + bucket + "', the endpoint and region settings, and that the bucket"
                + " exists", e);
    }

    /** One object being written: the current part in memory, earlier parts already uploaded. */
    private final class S3ObjectOutput extends ObjectOutput {

        private final String objectKey;
        private final List<CompletedPart> parts = new ArrayList<>();
        private byte[] buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, partSizeBytes)];
        private int buffered;
        private long uploaded;
        private String uploadId;
        private boolean committed;
        private boolean closed;

        S3ObjectOutput(String objectKey) {
            this.objectKey = objectKey;
        }

        @Override
        public long position() {
            return uploaded + buffered;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            checkWritable();
            while (length > 0) {
                int chunk = Math.min(length, buffer.length - buffered);
                System.arraycopy(bytes, offset, buffer, buffered, chunk);
                buffered += chunk;
                offset += chunk;
                length -= chunk;
                if (buffered == buffer.length) {
                    growOrUpload();
                }
            }
        }

        @Override
        public void commit() throws IOException {
            checkWritable();
            try {
                if (uploadId == null) {
                    client.putObject(r -> r.bucket(bucket).key(objectKey), body());
                } else {
                    if (buffered > 0) {
                        uploadPart();
                    }
                    client.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey)
                            .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
                }
            } catch (SdkException e) {
                throw failure("upload", objectKey, e);
            }
            committed = true;
            LOG.debug("Committed s3://{}/{} ({} bytes, {} parts)", bucket, objectKey, position(),
                    Math.max(1, parts.size()));
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            buffer = null;
            if (!committed && uploadId != null) {
                abortUpload();
            }
        }

        /**
         * A full buffer doubles until it holds a part; a full part is uploaded. Most objects (card
         * parts, files smaller than a part) never need the whole part size, so none is allocated up front.
         */
        private void growOrUpload() throws IOException {
            if (buffer.length < partSizeBytes) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, partSizeBytes));
            } else {
                uploadPart();
            }
        }

        private void uploadPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(objectKey))
                            .uploadId();
                }
                int number = parts.size() + 1;
                String etag = client.uploadPart(r -> r.bucket(bucket).key(objectKey)
                        .uploadId(uploadId).partNumber(number), body()).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            } catch (SdkException e) {
                throw failure("multipart upload", objectKey, e);
            }
            uploaded += buffered;
            buffered = 0;
        }

        /** The buffered bytes as a body that each retry can read again, without copying. */
        private RequestBody body() {
            byte[] bytes = buffer;
            int length = buffered;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length),
                    length, "application/octet-stream");
        }

        private void abortUpload() throws IOException {
            try {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
                LOG.debug("Aborted the multipart upload of s3://{}/{}", bucket, objectKey);
            } catch (SdkException e) {
                throw failure("abort of the multipart upload " + uploadId + " (a bucket lifecycle"
                        + " rule for incomplete multipart uploads removes leftovers)", objectKey, e);
            }
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + objectKey;
        }

        private void checkWritable() throws IOException {
            if (closed || committed) {
                throw new IOException("s3://" + bucket + "/" + objectKey + " is already "
                        + (committed ? "committed" : "closed") + "; create a new output to write again");
            }
        }
    }
}
