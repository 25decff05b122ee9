package io.trainset.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.storage.S3Failures.Request;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 answers a later attempt can change (retried) and which it cannot (failed at once). */
class S3FailuresTest {

    @ParameterizedTest(name = "HTTP {0} {1}: transient={2}")
    @CsvSource({
        "500, InternalError, true",
        "502, BadGateway, true",
        "503, SlowDown, true",
        "503, ServiceUnavailable, true",
        "429, TooManyRequests, true",
        "400, RequestTimeout, true",
        "409, ConditionalRequestConflict, true",
        "409, OperationAborted, true",
        "400, ExpiredToken, true",
        "400, IncompleteBody, true",
        "400, BadDigest, true",
        "400, XAmzContentSHA256Mismatch, true",
        "403, AccessDenied, false",
        "403, InvalidAccessKeyId, false",
        "403, SignatureDoesNotMatch, false",
        "404, NoSuchBucket, false",
        "404, NoSuchUpload, false",
        "400, KeyTooLongError, false",
        "400, InvalidBucketName, false",
        "301, PermanentRedirect, false",
        "409, BucketAlreadyOwnedByYou, false"
    })
    void anS3AnswerIsRetriedOnlyWhenALaterAttemptCanSucceed(int status, String code, boolean transientFailure) {
        S3Exception answer = (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message("scripted")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();

        IOException failure = S3Failures.of(Request.UPLOAD, "ml-data", "p/a.parquet", answer);

        assertThat(S3Failures.isTransient(answer)).isEqualTo(transientFailure);
        assertThat(failure instanceof UnretryableStoreException).isEqualTo(!transientFailure);
        assertThat(failure)
                .hasMessageStartingWith(
                        "S3 upload of s3://ml-data/p/a.parquet failed (HTTP " + status + " " + code + "): ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "COPY, both objects in arn:aws:s3:::ml-data",
        "LIST, arn:aws:s3:::ml-data",
        "DELETE, arn:aws:s3:::ml-data/p/a.parquet"
    })
    void accessDeniedNamesTheIamActionOfTheRequestAndItsResource(Request request, String resource) {
        S3Exception denied = (S3Exception) S3Exception.builder()
                .statusCode(403)
                .message("denied")
                .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("AccessDenied").build())
                .build();

        assertThat(S3Failures.of(request, "ml-data", "p/a.parquet", denied))
                .hasMessageContaining(" on " + resource + " to the connector's credentials");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Connection refused", "Unable to execute HTTP request"})
    void aFailureWithoutAnAnswerIsTransient(String message) {
        assertThat(S3Failures.isTransient(SdkClientException.create(message))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void aRefusedKmsKeyNamesTheKeySettingAndTheKmsPermissions() {
        S3Exception refused = (S3Exception) S3Exception.builder()
                .statusCode(400)
                .message("Invalid keyId")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("KMS.NotFoundException")
                        .build())
                .build();

        assertThat(S3Failures.of(Request.UPLOAD, "ml-data", "p/a.parquet", refused))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessageContaining("The KMS key was refused: check s3.sse.kms.key.id")
                .hasMessageContaining("allow kms:GenerateDataKey and kms:Decrypt");
    }

    @org.junit.jupiter.api.Test
    void aFailedTlsHandshakeIsNotRetriedAndNamesTheCaSettings() {
        SdkClientException handshake = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))
                .build();

        assertThat(S3Failures.of(Request.READ, "ml-data", "p/_trainset/owner.json", handshake))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessageContaining("The TLS connection to the endpoint failed (PKIX path building failed)")
                .hasMessageContaining("s3.ssl.ca.bundle.path (a PEM file) or s3.ssl.truststore.path");
    }

    @org.junit.jupiter.api.Test
    void anStsValidationErrorPointsAtTheSessionDurationAndRoleChaining() {
        AwsServiceException validation = AwsServiceException.builder()
                .statusCode(400)
                .message("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
                        + " chaining.")
                .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("ValidationError").build())
                .build();
        SdkClientException failure = SdkClientException.builder()
                .message("Could not assume the role")
                .cause(validation)
                .build();

        assertThat(S3Failures.of(Request.READ, "ml-data", "p/_trainset/owner.json", failure))
                .isInstanceOf(UnretryableStoreException.class)
                .hasMessageContaining("The credentials could not be obtained (HTTP 400 ValidationError).")
                .hasMessageContaining(
                        "or 1 hour when the source credentials are themselves a role session (role" + " chaining")
                .hasMessageContaining("lower it to 3600 or less");
    }
}
