package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3MockServer;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The same dataset written by two connectors on one Connect cluster, one to s3proxy and one to a second, independent
 * S3 implementation (Adobe's S3Mock, a child JVM), read back from each key by key: the same rows, labels, splits and
 * paths. Both honour conditional create (If-None-Match: * answers 412 on an existing key), which the connector
 * probes at start; S3Mock also checks the SSE-KMS key of every object.
 */
class S3CompatibilityIT {

    private static final String BUCKET = "datasets";
    /** S3Mock checks the key id of an SSE-KMS request against the ids of the ARNs it was started with. */
    private static final String KMS_KEY_ID = "5678abcd-12ab-34cd-56ef-1234567890ab";

    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/" + KMS_KEY_ID;

    @TempDir
    Path directory;

    @Test
    void theSameDatasetReadsBackKeyByKeyFromS3proxyAndS3Mock() throws Exception {
        try (S3MockServer s3mock = S3MockServer.start(directory.resolve("s3mock"), List.of(BUCKET), List.of(KMS_KEY));
                SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                        directory.resolve("s3proxy"),
                        ConnectClusterFixture.builder().name("trainset-compat").workers(1),
                        BUCKET,
                        1)) {
            assertHonoursConditionalCreate(env.s3.s3Client());
            assertHonoursConditionalCreate(s3mock.s3Client());

            env.connect.putConnectorConfig("on-s3proxy", env.connectorConfig("same", S3Batches.QUICK_FILES));
            Map<String, String> onS3Mock = new HashMap<>(S3Batches.QUICK_FILES);
            onS3Mock.putAll(Map.of(
                    "output.url",
                    "s3://" + BUCKET + "/same",
                    "s3.endpoint",
                    s3mock.endpoint().toString(),
                    "s3.access.key.id",
                    "s3mock",
                    "s3.secret.access.key",
                    "s3mock",
                    "s3.sse",
                    "sse_kms",
                    "s3.sse.kms.key.id",
                    KMS_KEY_ID,
                    "s3.checksum.algorithm",
                    "crc32c"));
            env.connect.putConnectorConfig("on-s3mock", env.connectorConfig("same", onS3Mock));
            env.connect.awaitConnectorRunning("on-s3proxy", 1, Duration.ofSeconds(60));
            env.connect.awaitConnectorRunning("on-s3mock", 1, Duration.ofSeconds(60));

            List<Ticket> tickets = S3Batches.send(env, 0, 40);
            Map<Object, ReadRow> fromS3proxy = S3Batches.awaitRows(tickets, "s3proxy", env::rows, "same/");
            Map<Object, ReadRow> fromS3Mock = S3Batches.awaitRows(
                    tickets, "S3Mock", prefix -> DatasetFiles.rows(s3mock.s3Client(), BUCKET, prefix), "same/");

            assertThat(fromS3Mock.keySet()).isEqualTo(fromS3proxy.keySet());
            fromS3proxy.forEach((key, row) -> {
                ReadRow other = fromS3Mock.get(key);
                assertThat(other.partitions()).as("path levels of %s", key).isEqualTo(row.partitions());
                assertThat(other.columns()).as("columns of %s", key).isEqualTo(row.columns());
            });
            List<S3Object> objects = s3mock.s3Client()
                    .listObjectsV2(r -> r.bucket(BUCKET).prefix("same/"))
                    .contents();
            assertThat(objects).isNotEmpty().allSatisfy(object -> {
                HeadObjectResponse head =
                        s3mock.s3Client().headObject(r -> r.bucket(BUCKET).key(object.key()));
                assertThat(head.serverSideEncryption()).as(object.key()).isEqualTo(ServerSideEncryption.AWS_KMS);
                assertThat(head.ssekmsKeyId()).as(object.key()).contains(KMS_KEY_ID);
            });
        }
    }

    /** PutObject with If-None-Match: * creates a new key and answers 412 on an existing one, keeping the first. */
    private static void assertHonoursConditionalCreate(S3Client client) {
        client.putObject(r -> r.bucket(BUCKET).key("probe/once").ifNoneMatch("*"), RequestBody.fromString("first"));
        S3Exception refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                S3Exception.class,
                () -> client.putObject(
                        r -> r.bucket(BUCKET).key("probe/once").ifNoneMatch("*"), RequestBody.fromString("second")));
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(client.getObjectAsBytes(r -> r.bucket(BUCKET).key("probe/once"))
                        .asString(StandardCharsets.UTF_8))
                .isEqualTo("first");
        client.deleteObject(r -> r.bucket(BUCKET).key("probe/once"));
    }
}
