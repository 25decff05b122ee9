package io.trainset.connect.storage;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The multipart upload of one {@link S3ObjectOutput}'s object, started once its first part is full. A full part is
 * sent on the store's part threads while the writer fills the next one (two part buffers at most): the writer does
 * not wait for the S3 server, except when a part is full before the one before it was sent. A part whose background
 * upload failed (after the client's retries) is sent once more on the writer's thread before the next part, the
 * completion or the abort, and what that attempt throws is thrown there, as when every part was sent on the
 * writer's thread.
 */
final class S3MultipartUpload {

    private static final Logger LOG = LoggerFactory.getLogger(S3MultipartUpload.class);

    private final S3Client client;
    private final String bucket;
    private final String objectKey;
    private final S3WriteOptions writes;
    private final Executor partThreads;
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** The part being sent on a part thread, if any: its bytes stay here until it has been sent. */
    private SentPart sending;
    /** The buffer of the part sent last, reused for the next part once that one was sent. */
    private byte[] spare;

    /** A part handed to a part thread: its number, its bytes and the upload. */
    private record SentPart(int number, byte[] bytes, int length, CompletableFuture<CompletedPart> upload) {}

    private S3MultipartUpload(
            S3Client client,
            String bucket,
            String objectKey,
            S3WriteOptions writes,
            Executor partThreads,
            String uploadId) {
        this.client = client;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.writes = writes;
        this.partThreads = partThreads;
        this.uploadId = uploadId;
    }

    /** Starts the upload (CreateMultipartUpload, with the store's {@link S3WriteOptions}). */
    static S3MultipartUpload start(
            S3Client client, String bucket, String objectKey, S3WriteOptions writes, Executor partThreads)
            throws IOException {
        try {
            String uploadId = client.createMultipartUpload(
                            r -> writes.apply(r.bucket(bucket).key(objectKey)))
                    .uploadId();
            return new S3MultipartUpload(client, bucket, objectKey, writes, partThreads, uploadId);
        } catch (SdkException e) {
            throw S3Failures.of(Request.MULTIPART_UPLOAD, bucket, objectKey, e);
        }
    }

    /**
     * Hands a full part to a part thread (once the part before it was sent) and returns the buffer the next part
     * goes in: the one of the part sent before, or a new one of {@code partSizeBytes}.
     */
    byte[] sendInBackground(byte[] bytes, int length, int partSizeBytes) throws IOException {
        awaitSentPart();
        int number = parts.size() + 1;
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
        byte[] next = spare != null ? spare : new byte[partSizeBytes];
        spare = null;
        return next;
    }

    /** Sends the last part ({@code length} bytes, none when 0) and completes the upload. */
    void complete(byte[] bytes, int length) throws IOException {
        awaitSentPart();
        if (length > 0) {
            parts.add(sendPart(parts.size() + 1, bytes, length));
        }
        client.completeMultipartUpload(
                r -> r.bucket(bucket).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    /** Parts sent so far. */
    int partCount() {
        return parts.size();
    }

    /** Aborts the upload, once the part on a part thread, if any, ended: no part may arrive after the abort. */
    void abort() throws IOException {
        if (sending != null) {
            sending.upload().handle((part, failure) -> null).join();
            sending = null;
        }
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
                    S3ObjectOutput.body(bytes, length));
            return writes.completed(number, response);
        } catch (SdkException e) {
            throw S3Failures.of(Request.MULTIPART_UPLOAD, bucket, objectKey, e);
        }
    }
}
