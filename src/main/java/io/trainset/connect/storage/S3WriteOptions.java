package io.trainset.connect.storage;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * What every object Trainset writes to S3 carries, whichever request writes it (PutObject, a conditional
 * PutObject, CreateMultipartUpload, CopyObject): server-side encryption and the checksum each uploaded body is
 * sent with, which the store verifies before it stores the bytes. The storage class goes on copies only: a copy
 * publishes a long-lived object ({@link ObjectStore#copy}), while the objects created directly (staged files,
 * checkpoints, chunks, the card, markers) are short-lived or small, and a class with a minimum duration or size
 * would bill each of them for it.
 *
 * @param encryption   none (the bucket's default encryption applies), SSE-S3 or SSE-KMS
 * @param kmsKeyId     with SSE-KMS: the key id, ARN or alias; empty: the account's AWS-managed key
 * @param bucketKey    with SSE-KMS: use an S3 Bucket Key (fewer KMS calls)
 * @param storageClass the storage class of copies, e.g. {@code STANDARD_IA}; empty: the store's default
 * @param checksum     the checksum of each uploaded body
 */
public record S3WriteOptions(
        Encryption encryption,
        Optional<String> kmsKeyId,
        boolean bucketKey,
        Optional<String> storageClass,
        UploadChecksum checksum) {

    /** Server-side encryption of every object. */
    public enum Encryption {
        /** No header: the bucket's default encryption applies. */
        NONE,
        /** {@code x-amz-server-side-encryption: AES256}: keys managed by the store. */
        SSE_S3,
        /** {@code x-amz-server-side-encryption: aws:kms}, with an optional key id and bucket key. */
        SSE_KMS
    }

    /** The checksum each uploaded body is sent with. */
    public enum UploadChecksum {
        /** The SDK's default: a CRC32 on every request that supports one ({@code WHEN_SUPPORTED}). */
        SDK_DEFAULT(null),
        CRC32C(ChecksumAlgorithm.CRC32_C),
        CRC32(ChecksumAlgorithm.CRC32),
        SHA256(ChecksumAlgorithm.SHA256),
        /** Only where the API requires one ({@code WHEN_REQUIRED}), for stores that reject checksum trailers. */
        WHEN_REQUIRED(null);

        private final ChecksumAlgorithm algorithm;

        UploadChecksum(ChecksumAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        /** The algorithm named on each upload request, or empty to leave the choice to the client. */
        public Optional<ChecksumAlgorithm> algorithm() {
            return Optional.ofNullable(algorithm);
        }
    }

    /** No encryption header, the store's default storage class, the SDK's default checksum. */
    public static final S3WriteOptions DEFAULTS =
            new S3WriteOptions(Encryption.NONE, Optional.empty(), false, Optional.empty(), UploadChecksum.SDK_DEFAULT);

    /** Checks the options; a KMS key or bucket key needs SSE-KMS. */
    public S3WriteOptions {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(checksum, "checksum");
        if (encryption != Encryption.SSE_KMS && (kmsKeyId.isPresent() || bucketKey)) {
            throw new IllegalArgumentException("A KMS key id (s3.sse.kms.key.id) or a bucket key"
                    + " (s3.sse.bucket.key.enabled) needs s3.sse=sse_kms, got s3.sse=" + configValue(encryption));
        }
    }

    /** The options on a PutObject (plain or conditional): encryption and checksum, the store's default class. */
    PutObjectRequest.Builder apply(PutObjectRequest.Builder request) {
        set(request::serverSideEncryption, request::ssekmsKeyId, request::bucketKeyEnabled, request::checksumAlgorithm);
        return request;
    }

    /** The options on a CreateMultipartUpload: the encryption of the object its parts make, the default class. */
    CreateMultipartUploadRequest.Builder apply(CreateMultipartUploadRequest.Builder request) {
        set(request::serverSideEncryption, request::ssekmsKeyId, request::bucketKeyEnabled, request::checksumAlgorithm);
        return request;
    }

    /** The options on a CopyObject: the copy is a new, published object, encrypted and in the storage class. */
    CopyObjectRequest.Builder apply(CopyObjectRequest.Builder request) {
        set(request::serverSideEncryption, request::ssekmsKeyId, request::bucketKeyEnabled, request::checksumAlgorithm);
        storageClass.ifPresent(request::storageClass);
        return request;
    }

    /** Sets what is configured through a request builder's setters (they share no interface). */
    private void set(
            Consumer<ServerSideEncryption> sse,
            Consumer<String> kmsKey,
            Consumer<Boolean> bucketKeyEnabled,
            Consumer<ChecksumAlgorithm> algorithm) {
        sse().ifPresent(sse);
        kmsKeyId.ifPresent(kmsKey);
        if (bucketKey) {
            bucketKeyEnabled.accept(true);
        }
        checksum.algorithm().ifPresent(algorithm);
    }

    /** The checksum of one part; the part's encryption is the upload's. */
    UploadPartRequest.Builder apply(UploadPartRequest.Builder request) {
        checksum.algorithm().ifPresent(request::checksumAlgorithm);
        return request;
    }

    /** A part for CompleteMultipartUpload, with the checksum the store returned when the upload names one. */
    CompletedPart completed(int number, UploadPartResponse response) {
        CompletedPart.Builder part = CompletedPart.builder().partNumber(number).eTag(response.eTag());
        switch (checksum) {
            case CRC32C -> part.checksumCRC32C(response.checksumCRC32C());
            case CRC32 -> part.checksumCRC32(response.checksumCRC32());
            case SHA256 -> part.checksumSHA256(response.checksumSHA256());
            default -> {}
        }
        return part.build();
    }

    private Optional<ServerSideEncryption> sse() {
        return switch (encryption) {
            case NONE -> Optional.empty();
            case SSE_S3 -> Optional.of(ServerSideEncryption.AES256);
            case SSE_KMS -> Optional.of(ServerSideEncryption.AWS_KMS);
        };
    }

    private static String configValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
