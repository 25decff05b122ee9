package io.trainset.connect.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an S3 request that failed (after the client's own retries) into an {@link IOException} that
 * names the request, the bucket, the key, the HTTP status and S3 error code, and the fix.
 *
 * <p>Transient failures (I/O errors, timeouts, HTTP 5xx, throttling, clock skew and the error codes the
 * SDK itself retries) are plain {@link IOException}s, which {@link StoreRetry} retries. Every other
 * answer of the store (403, 404, 400 KeyTooLongError, 301 ...) would be the same on every attempt: it
 * is an {@link UnretryableStoreException}, so nothing retries it and the task fails at once with the
 * fix in its message.
 */
final class S3Failures {

    /** S3's limit on a key's length, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    /**
     * 4xx error codes the SDK retries, or that a later attempt can pass: a conflict, a refreshed token, or a body
     * the network cut short or corrupted (the same bytes sent again arrive whole).
     */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "RequestTimeout",
            "RequestTimeoutException",
            "PriorRequestNotComplete",
            "InternalError",
            "OperationAborted",
            "ConditionalRequestConflict",
            "ExpiredToken",
            "TokenRefreshRequired",
            "IncompleteBody",
            "BadDigest",
            "XAmzContentSHA256Mismatch");

    private static final Set<String> WRONG_CREDENTIALS =
            Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken");
    private static final Set<String> WRONG_REGION =
            Set.of("PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException");
    private static final String NOT_RETRIED = " Not retried: repeating the request cannot succeed.";

    /** A request the store serves, with the IAM action that allows it. */
    enum Request {
        UPLOAD("upload", "s3:PutObject"),
        CONDITIONAL_CREATE("conditional create", "s3:PutObject"),
        MULTIPART_UPLOAD("multipart upload", "s3:PutObject"),
        ABORT_UPLOAD("abort of the multipart upload", "s3:AbortMultipartUpload"),
        COPY("copy", "s3:GetObject (source) and s3:PutObject (target)"),
        READ("read", "s3:GetObject (and s3:ListBucket, without which a missing key answers 403)"),
        LIST("list", "s3:ListBucket"),
        DELETE("delete", "s3:DeleteObject");

        private final String verb;
        private final String iamAction;

        Request(String verb, String iamAction) {
            this.verb = verb;
            this.iamAction = iamAction;
        }
    }

    private S3Failures() {}

    /** Whether repeating the request may succeed. */
    static boolean isTransient(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return true;
        }
        int status = service.statusCode();
        return status >= 500
                || status == 429
                || status == 408
                || service.isThrottlingException()
                || service.isClockSkewException()
                || TRANSIENT_CODES.contains(errorCode(service));
    }

    /** The failure of {@code request} on {@code s3://bucket/objectKey}, with what to do about it. */
    static IOException of(Request request, String bucket, String objectKey, SdkException e) {
        String head = "S3 " + request.verb + " of s3://" + bucket + "/" + objectKey + " failed" + status(e) + ": "
                + e.getMessage() + ".";
        Optional<Throwable> untrusted =
                causeOf(e, SSLHandshakeException.class, SSLPeerUnverifiedException.class, CertificateException.class);
        if (untrusted.isPresent()) {
            return new UnretryableStoreException(
                    head + " The TLS connection to the endpoint failed ("
                            + untrusted.get().getMessage()
                            + "): if the endpoint's certificate is signed by a private CA, give"
                            + " that CA in s3.ssl.ca.bundle.path (a PEM file) or s3.ssl.truststore.path; check that the"
                            + " certificate names the host of s3.endpoint (host names are always verified)."
                            + NOT_RETRIED,
                    e);
        }
        Optional<AwsServiceException> sts = causeOf(e, AwsServiceException.class)
                .map(AwsServiceException.class::cast)
                .filter(cause -> cause != e && !isTransient(cause));
        if (sts.isPresent()) {
            return new UnretryableStoreException(
                    head + " The credentials could not be obtained (HTTP "
                            + sts.get().statusCode() + " " + errorCode(sts.get()) + ")." + credentialsFix(sts.get())
                            + NOT_RETRIED,
                    e);
        }
        if (isTransient(e)) {
            return new IOException(head + transientFix(e), e);
        }
        return new UnretryableStoreException(
                head + permanentFix(request, bucket, objectKey, (AwsServiceException) e) + NOT_RETRIED, e);
    }

    /** What to do when STS refuses the request itself (not the caller): its parameters, mostly the duration. */
    private static String credentialsFix(AwsServiceException refusal) {
        if (!"ValidationError".equals(errorCode(refusal))) {
            return "";
        }
        return " STS refused the request's parameters: s3.assume.role.duration.seconds may exceed the role's maximum"
                + " session duration, or 1 hour when the source credentials are themselves a role session (role"
                + " chaining, e.g. a web identity or another assumed role): lower it to 3600 or less.";
    }

    /** Checks S3's key length limit before sending anything. */
    static String checkLength(String bucket, String objectKey) throws UnretryableStoreException {
        int bytes = objectKey.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new UnretryableStoreException(
                    "The S3 key s3://" + bucket + "/" + objectKey + " is " + bytes
                            + " bytes (UTF-8), over S3's limit of " + MAX_KEY_BYTES + " (KeyTooLongError): shorten the"
                            + " prefix of output.url or the values that become path segments (labels)." + NOT_RETRIED,
                    null);
        }
        return objectKey;
    }

    /** The first cause of {@code e} (itself included) of one of {@code types}. */
    @SafeVarargs
    private static Optional<Throwable> causeOf(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return Optional.of(cause);
                }
            }
        }
        return Optional.empty();
    }

    private static String status(SdkException e) {
        return e instanceof AwsServiceException service
                ? " (HTTP " + service.statusCode() + " " + errorCode(service) + ")"
                : "";
    }

    private static String transientFix(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return " The store did not answer in time (s3.api.call.attempt.timeout.ms per attempt,"
                    + " s3.api.call.timeout.ms per request with its retries): check the endpoint, the network and the"
                    + " store's health, or raise them on a slow link.";
        }
        return " Transient (the client retried it up to s3.max.attempts times within s3.api.call.timeout.ms):"
                + " check the endpoint, the network and the store's health.";
    }

    private static String permanentFix(Request request, String bucket, String objectKey, AwsServiceException e) {
        String code = errorCode(e);
        if (WRONG_CREDENTIALS.contains(code)) {
            return " The credentials are wrong: check s3.access.key.id and s3.secret.access.key (or what the"
                    + " default AWS credentials chain finds).";
        }
        if (WRONG_REGION.contains(code) || e.statusCode() == 301) {
            return " Bucket '" + bucket + "' is in another region: set s3.region to the bucket's region.";
        }
        if (code.startsWith("KMS") || code.startsWith("kms")) {
            return " The KMS key was refused: check s3.sse.kms.key.id (a key id, key ARN or alias ARN in the"
                    + " bucket's region, or empty for the AWS-managed key) and allow kms:GenerateDataKey and kms:Decrypt"
                    + " on it to the connector's credentials.";
        }
        if ("NoSuchBucket".equals(code)) {
            return " Bucket '" + bucket + "' does not exist at this endpoint: create it, or correct output.url"
                    + " (and s3.endpoint, s3.region).";
        }
        if ("KeyTooLongError".equals(code)) {
            return " The key is over S3's limit of " + MAX_KEY_BYTES + " bytes: shorten the prefix of output.url or"
                    + " the values that become path segments (labels).";
        }
        if ("NoSuchUpload".equals(code)) {
            return " The multipart upload was aborted meanwhile, e.g. by a lifecycle rule: give"
                    + " AbortIncompleteMultipartUpload at least 1 day (DaysAfterInitiation).";
        }
        if (e.statusCode() == 403) {
            return " Access denied: allow " + request.iamAction + " on " + arn(request, bucket, objectKey)
                    + " to the connector's credentials, and check the bucket policy and any KMS key policy"
                    + " (docs/production.md lists the whole IAM policy).";
        }
        return " The store rejected the request: check the bucket's settings (policies, object lock, encryption)"
                + " and the s3.* keys.";
    }

    private static String arn(Request request, String bucket, String objectKey) {
        return switch (request) {
            case LIST -> "arn:aws:s3:::" + bucket;
            case COPY -> "both objects in arn:aws:s3:::" + bucket;
            default -> "arn:aws:s3:::" + bucket + "/" + objectKey;
        };
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
    }
}
