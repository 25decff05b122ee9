package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.trainset.connect.storage.S3WriteOptions.Encryption;
import io.trainset.connect.storage.S3WriteOptions.UploadChecksum;
import io.trainset.connect.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** What each write request carries, and which checksum headers go over the wire with each setting. */
class S3WriteOptionsTest {

    private static final S3WriteOptions KMS = new S3WriteOptions(
            Encryption.SSE_KMS, Optional.of("alias/datasets"), true, Optional.of("GLACIER_IR"), UploadChecksum.SHA256);

    @TempDir
    Path temp;

    @Test
    void putCreateAndCopyCarryTheSameEncryptionAndOnlyCopiesTheStorageClass() {
        PutObjectRequest put = KMS.apply(PutObjectRequest.builder()).build();
        CreateMultipartUploadRequest create =
                KMS.apply(CreateMultipartUploadRequest.builder()).build();
        CopyObjectRequest copy = KMS.apply(CopyObjectRequest.builder()).build();

        assertThat(List.of(put.serverSideEncryption(), create.serverSideEncryption(), copy.serverSideEncryption()))
                .containsOnly(ServerSideEncryption.AWS_KMS);
        assertThat(List.of(put.ssekmsKeyId(), create.ssekmsKeyId(), copy.ssekmsKeyId()))
                .containsOnly("alias/datasets");
        assertThat(List.of(put.bucketKeyEnabled(), create.bucketKeyEnabled(), copy.bucketKeyEnabled()))
                .containsOnly(true);
        assertThat(copy.storageClass()).isEqualTo(StorageClass.GLACIER_IR);
        assertThat(put.storageClass()).isNull();
        assertThat(create.storageClass()).isNull();
    }

    @Test
    void theDefaultsAddNothing() {
        PutObjectRequest put =
                S3WriteOptions.DEFAULTS.apply(PutObjectRequest.builder()).build();

        assertThat(put).isEqualTo(PutObjectRequest.builder().build());
    }

    @Test
    void aKmsKeyOrBucketKeyWithoutSseKmsIsRejected() {
        assertThatThrownBy(() -> new S3WriteOptions(
                        Encryption.SSE_S3, Optional.of("k"), false, Optional.empty(), UploadChecksum.SDK_DEFAULT))
                .hasMessage("A KMS key id (s3.sse.kms.key.id) or a bucket key"
                        + " (s3.sse.bucket.key.enabled) needs s3.sse=sse_kms, got s3.sse=sse_s3");
    }

    /** The checksum header of each upload as sent: the SDK computes it while streaming and sends it as a trailer. */
    @Test
    void uploadsCarryTheChosenChecksumAndWhenRequiredSendsNone() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"))) {
            server.createBucket("datasets");
            assertThat(trailers(server, UploadChecksum.CRC32C))
                    .containsEntry("PutObject", "x-amz-checksum-crc32c")
                    .containsEntry("UploadPart", "x-amz-checksum-crc32c");
            assertThat(trailers(server, UploadChecksum.SHA256)).containsEntry("PutObject", "x-amz-checksum-sha256");
            assertThat(trailers(server, UploadChecksum.SDK_DEFAULT)).containsEntry("PutObject", "x-amz-checksum-crc32");
            assertThat(trailers(server, UploadChecksum.WHEN_REQUIRED)).doesNotContainKey("PutObject");
        }
    }

    /**
     * CompleteMultipartUpload names each part's checksum as the store returned it for that part, for the chosen
     * algorithm only. s3proxy returns no part checksums, so an interceptor adds to each UploadPart answer the
     * three a store like AWS S3 may return (distinct per part and algorithm).
     */
    @Test
    void completeMultipartUploadCarriesEachPartsChecksum() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"))) {
            server.createBucket("datasets");
            assertThat(completedParts(server, UploadChecksum.CRC32C))
                    .extracting(
                            CompletedPart::partNumber,
                            CompletedPart::checksumCRC32C,
                            CompletedPart::checksumCRC32,
                            CompletedPart::checksumSHA256)
                    .containsExactly(tuple(1, "crc32c-1", null, null), tuple(2, "crc32c-2", null, null));
            assertThat(completedParts(server, UploadChecksum.CRC32))
                    .extracting(
                            CompletedPart::partNumber,
                            CompletedPart::checksumCRC32C,
                            CompletedPart::checksumCRC32,
                            CompletedPart::checksumSHA256)
                    .containsExactly(tuple(1, null, "crc32-1", null), tuple(2, null, "crc32-2", null));
            assertThat(completedParts(server, UploadChecksum.SHA256))
                    .extracting(
                            CompletedPart::partNumber,
                            CompletedPart::checksumCRC32C,
                            CompletedPart::checksumCRC32,
                            CompletedPart::checksumSHA256)
                    .containsExactly(tuple(1, null, null, "sha256-1"), tuple(2, null, null, "sha256-2"));
            assertThat(completedParts(server, UploadChecksum.SDK_DEFAULT))
                    .extracting(
                            CompletedPart::partNumber,
                            CompletedPart::checksumCRC32C,
                            CompletedPart::checksumCRC32,
                            CompletedPart::checksumSHA256)
                    .containsExactly(tuple(1, null, null, null), tuple(2, null, null, null));
        }
    }

    private static List<CompletedPart> completedParts(S3ProxyServer server, UploadChecksum checksum) throws Exception {
        List<CompletedPart> parts = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof UploadPartResponse part
                        && context.request() instanceof UploadPartRequest request) {
                    int number = request.partNumber();
                    return part.toBuilder()
                            .checksumCRC32C("crc32c-" + number)
                            .checksumCRC32("crc32-" + number)
                            .checksumSHA256("sha256-" + number)
                            .build();
                }
                return context.response();
            }

            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof CompleteMultipartUploadRequest complete) {
                    parts.addAll(complete.multipartUpload().parts());
                }
            }
        };
        S3WriteOptions writes =
                new S3WriteOptions(Encryption.NONE, Optional.empty(), false, Optional.empty(), checksum);
        try (S3Client client = ObjectStores.s3Client(
                        S3SecureStoreTest.settings(server).withWrites(writes), List.of(recorder));
                S3ObjectStore store = new S3ObjectStore(
                        client,
                        "datasets",
                        "complete-" + checksum.name(),
                        S3Settings.MIN_PART_SIZE_BYTES,
                        writes,
                        () -> {})) {
            S3SecureStoreTest.write(store, "large", S3SecureStoreTest.bytes(S3Settings.MIN_PART_SIZE_BYTES + 1));
        }
        return parts;
    }

    private static Map<String, String> trailers(S3ProxyServer server, UploadChecksum checksum) throws Exception {
        Map<String, String> trailers = new ConcurrentHashMap<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                context.httpRequest()
                        .firstMatchingHeader("x-amz-trailer")
                        .ifPresent(trailer ->
                                trailers.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), trailer));
            }
        };
        S3WriteOptions writes =
                new S3WriteOptions(Encryption.NONE, Optional.empty(), false, Optional.empty(), checksum);
        S3Settings settings = S3SecureStoreTest.settings(server).withWrites(writes);
        try (S3Client client = ObjectStores.s3Client(settings, List.of(recorder));
                S3ObjectStore store = new S3ObjectStore(
                        client, "datasets", checksum.name(), S3Settings.MIN_PART_SIZE_BYTES, writes, () -> {})) {
            S3SecureStoreTest.write(store, "small", new byte[10]);
            S3SecureStoreTest.write(store, "large", S3SecureStoreTest.bytes(S3Settings.MIN_PART_SIZE_BYTES + 1));
            assertThat(store.read("large"))
                    .hasValueSatisfying(b -> assertThat(b).hasSize(S3Settings.MIN_PART_SIZE_BYTES + 1));
        }
        return trailers;
    }
}
