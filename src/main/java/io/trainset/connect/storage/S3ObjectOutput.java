package io.trainset.connect.storage;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 *
 * <p>A full part is sent on the store's part threads while the writer fills the next one (two part buffers at most):
 * the writer does not wait for the S3 server, except when a part is full before the one before it was sent. A part
 * whose background upload failed (after the client's retries) is sent once more on the writer's thread before the
 * next part, the commit or the abort, and what that attempt throws is thrown there, as when every part was sent on
 * the writer's thread.
 */
final class S3ObjectOutput extends ObjectOutput {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectOutput.class);

    private final S3Client client;
    private final String bucket;
    private final String objectKey;
    private final int partSizeBytes;
    private final S3WriteOptions writes;
    private final Executor partThreads;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** The part being sent on a part thread, if any: its bytes stay here until it has been sent. */
    private SentPart sending;
    /** The buffer of the part sent last, reused for the next part once that one was sent. */
    private byte[] spare;

    private byte[] buffer;
    private int buffered;
    private long uploaded;
    private String uploadId;
    private boolean committed;
    private boolean closed;

    /** A part handed to a part thread: its number, its bytes and the upload. */
    private record SentPart(int number, byte[] bytes, int length, CompletableFuture<CompletedPart> upload) {}

    S3ObjectOutput(
            S3Client client,
            String bucket,
            String objectKey,
            int partSizeBytes,
            S3WriteOptions writes,
            Executor partThreads) {
        this.client = client;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.partSizeBytes = partSizeBytes;
        this.writes = writes;
        this.partThreads = partThreads;
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
                awaitSentPart();
                if (buffered > 0) {
                    parts.add(sendPart(parts.size() + 1, buffer, buffered));
                    uploaded += buffered;
                    buffered = 0;
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
        spare = null;
        if (!committed && uploadId != null) {
            if (sending != null) {
                sending.upload().handle((part, failure) -> null).join(); // no part may arrive after the abort
                sending = null;
            }
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

    /** Hands the full buffer to a part thread (once the part before it was sent) and goes on in another buffer. */
    private void uploadPart() throws IOException {
        awaitSentPart();
        if (uploadId == null) {
            try {
                uploadId = client.createMultipartUpload(
                                r -> writes.apply(r.bucket(bucket).key(objectKey)))
                        .uploadId();
            } catch (SdkException e) {
                throw S3Failures.of(Request.MULTIPART_UPLOAD, bucket, objectKey, e);
            }
        }
        int number = parts.size() + 1;
        byte[] bytes = buffer;
        int length = buffered;
        sending = new SentPart(
                number,
                bytes,
                length,
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return sendPart(number, bytes, length);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        partThreads));
        uploaded += length;
        buffered = 0;
        buffer = spare != null ? spare : new byte[partSizeBytes];
        spare = null;
    }

    /** Waits until the part on a part thread was sent; sends it again here if that failed (throwing what fails). */
    private void awaitSentPart() throws IOException {
        if (sending == null) {
            return;
        }
        SentPart part = sending;
        CompletedPart completed;
        try {
            completed = part.upload().join();
        } catch (CompletionException e) {
            LOG.debug(
                    "Part {} of s3://{}/{} failed on a part thread ({}); sending it again",
                    part.number(),
                    bucket,
                    objectKey,
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
            completed = sendPart(part.number(), part.bytes(), part.length());
        }
        parts.add(completed);
        spare = part.bytes();
        sending = null;
    }

    private CompletedPart sendPart(int number, byte[] bytes, int length) throws IOException {
        try {
            UploadPartResponse response = client.uploadPart(
                    r -> writes.apply(
                            r.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)),
                    body(bytes, length));
            return writes.completed(number, response);
        } catch (SdkException e) {
            throw S3Failures.of(Request.MULTIPART_UPLOAD, bucket, objectKey, e);
        }
    }

    /** The buffered bytes as a body that each retry can read again, without copying. */
    private RequestBody body() {
        return body(buffer, buffered);
    }

    private static RequestBody body(byte[] bytes, int length) {
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
