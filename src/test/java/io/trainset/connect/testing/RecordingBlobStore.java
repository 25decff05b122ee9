package io.trainset.connect.testing;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * An s3proxy blob store that records, at the server, every request that creates an object (PutObject,
 * CopyObject, CreateMultipartUpload) with the encryption and storage class headers s3proxy parsed from it, then
 * passes it on. Use with {@link S3ProxyServer.Options#withBlobStore}.
 */
public final class RecordingBlobStore extends ForwardingBlobStore {

    /** One object-creating request as the server received it. */
    public record Write(
            String request,
            String bucket,
            String key,
            String sse,
            String kmsKeyId,
            Boolean bucketKey,
            String storageClass,
            String checksumAlgorithm) {}

    /** s3proxy's own marker object of a multipart upload in the filesystem store: not a client's request. */
    private static final String MULTIPART_STUB = ".s3proxy-mpu-stub";

    private final List<Write> writes = new CopyOnWriteArrayList<>();

    public RecordingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** A wrapper for {@link S3ProxyServer.Options#withBlobStore} that hands the recording store to {@code into}. */
    public static UnaryOperator<BlobStore> into(AtomicReference<RecordingBlobStore> into) {
        return store -> {
            into.set(new RecordingBlobStore(store));
            return into.get();
        };
    }

    /** Every object-creating request so far, in arrival order. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        if (!request.key().startsWith(MULTIPART_STUB)) {
            writes.add(new Write(
                    "PutObject",
                    request.bucket(),
                    request.key(),
                    request.serverSideEncryptionAsString(),
                    request.ssekmsKeyId(),
                    request.bucketKeyEnabled(),
                    request.storageClassAsString(),
                    request.checksumAlgorithmAsString()));
        }
        return super.putBlob(request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        writes.add(new Write(
                "CopyObject",
                request.destinationBucket(),
                request.destinationKey(),
                request.serverSideEncryptionAsString(),
                request.ssekmsKeyId(),
                request.bucketKeyEnabled(),
                request.storageClassAsString(),
                request.checksumAlgorithmAsString()));
        return super.copyBlob(request);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        writes.add(new Write(
                "CreateMultipartUpload",
                request.bucket(),
                request.key(),
                request.serverSideEncryptionAsString(),
                request.ssekmsKeyId(),
                request.bucketKeyEnabled(),
                request.storageClassAsString(),
                request.checksumAlgorithmAsString()));
        return super.initiateMultipartUpload(request);
    }

    /** Accepts encryption headers like AWS; the filesystem store below keeps the bytes as they are. */
    @Override
    public boolean supportsServerSideEncryption() {
        return true;
    }
}
