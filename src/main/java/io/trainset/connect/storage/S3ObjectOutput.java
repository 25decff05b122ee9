package io.trainset.connect.storage;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object being written to S3: the current part in memory (its buffer grows up to the part
 * size), earlier parts already uploaded. The PutObject or CreateMultipartUpload carries the store's
 * {@link S3WriteOptions} (encryption, storage class), each body its checksum. A small object is one PUT on commit; a larger one a
 * multipart upload, completed on commit and aborted on close without commit.
 */
final class S3ObjectOutput extends ObjectOutput {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectOutput.class);

    private final S3Client client;
    private final String bucket;
    private final String objectKey;
    private final int partSizeBytes;
    private final S3WriteOptions writes;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int buffered;
    private long uploaded;
    private String uploadId;
    private boolean committed;
    private boolean closed;

    S3ObjectOutput(S3Client client, String bucket, String objectKey, int partSizeBytes, S3WriteOptions writes) {
        this.client = client;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.partSizeBytes = partSizeBytes;
        this.writes = writes;
        this.buffer = new byte[Math.min(S3ObjectStore.INITIAL_BUFFER_BYTES, partSizeBytes)];
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
                client.putObject(r -> writes.apply(r.bucket(bucket).key(objectKey)), body());
            } else {
                if (buffered > 0) {
                    uploadPart();
                }
                client.completeMultipartUpload(
                        r -> r.bucket(bucket).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            }
        } catch (SdkException e) {
            throw S3Failures.of(Request.UPLOAD, bucket, objectKey, e);
        }
        committed = true;
        LOG.debug(
                "Committed s3://{}/{} ({} bytes, {} parts)", bucket, objectKey, position(), Math.max(1, parts.size()));
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
                uploadId = client.createMultipartUpload(
                                r -> writes.apply(r.bucket(bucket).key(objectKey)))
                        .uploadId();
            }
            int number = parts.size() + 1;
            UploadPartResponse response = client.uploadPart(
                    r -> writes.apply(
                            r.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)),
                    body());
            parts.add(writes.completed(number, response));
        } catch (SdkException e) {
            throw S3Failures.of(Request.MULTIPART_UPLOAD, bucket, objectKey, e);
        }
        uploaded += buffered;
        buffered = 0;
    }

    /** The buffered bytes as a body that each retry can read again, without copying. */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = buffered;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
    }

    private void abortUpload() throws IOException {
        try {
            client.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
            LOG.debug("Aborted the multipart upload of s3://{}/{}", bucket, objectKey);
        } catch (SdkException e) {
            throw S3Failures.of(
                    Request.ABORT_UPLOAD,
                    bucket,
                    objectKey + " (upload " + uploadId + "; a bucket"
                            + " lifecycle rule for incomplete multipart uploads removes leftovers)",
                    e);
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
