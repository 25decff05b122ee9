package io.trainset.connect.storage;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One object being written to S3: the current part in memory (its buffer grows up to the part
 * size), earlier parts already uploaded. The PutObject or CreateMultipartUpload carries the store's
 * {@link S3WriteOptions} (encryption, storage class), each body its checksum. A small object is one PUT on commit; a larger one a
 * multipart upload ({@link S3MultipartUpload}, which sends full parts on the store's part threads while the writer
 * fills the next one), completed on commit and aborted on close without commit.
 */
final class S3ObjectOutput extends ObjectOutput {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectOutput.class);

    private final S3Client client;
    private final String bucket;
    private final String objectKey;
    private final int partSizeBytes;
    private final S3WriteOptions writes;
    private final Executor partThreads;
    /** Null until the first part is full. */
    private S3MultipartUpload multipart;

    private byte[] buffer;
    private int buffered;
    private long uploaded;
    private boolean committed;
    private boolean closed;

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
            if (multipart == null) {
                client.putObject(r -> writes.apply(r.bucket(bucket).key(objectKey)), body(buffer, buffered));
            } else {
                multipart.complete(buffer, buffered);
                uploaded += buffered;
                buffered = 0;
            }
        } catch (SdkException e) {
            throw S3Failures.of(Request.UPLOAD, bucket, objectKey, e);
        }
        committed = true;
        LOG.debug(
                "Committed s3://{}/{} ({} bytes, {} parts)",
                bucket,
                objectKey,
                position(),
                multipart == null ? 1 : Math.max(1, multipart.partCount()));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        buffer = null;
        S3MultipartUpload upload = multipart;
        multipart = null; // its spare part buffer goes with it
        if (!committed && upload != null) {
            upload.abort();
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

    /** Hands the full buffer to the multipart upload (started with the first part) and goes on in another buffer. */
    private void uploadPart() throws IOException {
        if (multipart == null) {
            multipart = S3MultipartUpload.start(client, bucket, objectKey, writes, partThreads);
        }
        int length = buffered;
        buffer = multipart.sendInBackground(buffer, length, partSizeBytes);
        uploaded += length;
        buffered = 0;
    }

    /** The bytes as a body that each retry can read again, without copying. */
    static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
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
