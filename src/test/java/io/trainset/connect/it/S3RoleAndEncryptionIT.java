package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.RecordingBlobStore;
import io.trainset.connect.testing.RecordingBlobStore.Write;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.StsStub;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A connector on a real Connect cluster that assumes a role through an STS endpoint the test serves (the SDK's real
 * StsClient; the static keys are only the source credentials) and asks for SSE-KMS with a bucket key: the sessions
 * rotate while rows stream in and within a multipart upload, s3proxy accepts exactly the sessions STS issued, every request
 * that created an object carried the KMS headers when the server received it, and no log line of the cluster holds
 * the source secret, the external id or a session's secret or token.
 */
class S3RoleAndEncryptionIT {

    private static final String BUCKET = "datasets";
    private static final String ROLE = "arn:aws:iam::123456789012:role/trainset-writer";
    private static final String EXTERNAL_ID = "support-routing-7f3a";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @TempDir
    Path directory;

    @Test
    void anAssumedRoleRotatesMidStreamAndEveryObjectIsWrittenWithKms() throws Exception {
        AtomicReference<RecordingBlobStore> recorder = new AtomicReference<>();
        // The SDK renews a session at the latest in its last minute (earlier: within the 5 minutes before expiry, at
        // a random moment): sessions of 60 s are renewed before every request, so rotations happen mid-stream and
        // between the requests of one multipart upload, deterministically.
        try (LogCapture log = new LogCapture(LogManager.ROOT_LOGGER_NAME);
                StsStub sts = StsStub.start(Duration.ofSeconds(60), Clock.systemUTC());
                SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                        directory,
                        S3ProxyServer.Options.PLAIN
                                .withSessions(sts::secretOf)
                                .withBlobStore(RecordingBlobStore.into(recorder)),
                        ConnectClusterFixture.builder().name("trainset-role").workers(1),
                        BUCKET,
                        1)) {
            Map<String, String> overrides = new HashMap<>(S3Batches.QUICK_FILES);
            overrides.putAll(Map.of(
                    "s3.assume.role.arn",
                    ROLE,
                    "s3.assume.role.external.id",
                    EXTERNAL_ID,
                    "s3.assume.role.session.name",
                    "support-routing",
                    "s3.assume.role.duration.seconds",
                    "900",
                    "s3.sts.endpoint",
                    sts.endpoint().toString(),
                    "s3.sts.region",
                    "us-east-1",
                    "s3.sse",
                    "sse_kms",
                    "s3.sse.kms.key.id",
                    KMS_KEY,
                    "s3.sse.bucket.key.enabled",
                    "true",
                    "s3.checksum.algorithm",
                    "crc32c"));
            env.connect.putConnectorConfig("routing", env.connectorConfig("routing", overrides));
            env.connect.awaitConnectorRunning("routing", 1, Duration.ofSeconds(60));

            List<Ticket> sent = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                int signersBefore = env.s3.signers().size();
                sent.addAll(S3Batches.send(env, batch, 15));
                S3Batches.awaitRows(sent, "routing/", env::rows, "routing/");
                assertThat(sessionsUsed(env.s3
                                .signers()
                                .subList(signersBefore, env.s3.signers().size())))
                        .as("sessions signing batch %d", batch)
                        .isNotEmpty();
            }

            Set<String> sessions = sessionsUsed(env.s3.signers());
            assertThat(sessions).hasSizeGreaterThanOrEqualTo(3);
            assertThat(sts.calls()).hasSizeGreaterThanOrEqualTo(sessions.size()).allSatisfy(call -> {
                assertThat(call.signingAccessKey()).isEqualTo(env.s3.accessKey());
                assertThat(call.parameters())
                        .containsAllEntriesOf(Map.of(
                                "RoleArn",
                                ROLE,
                                "ExternalId",
                                EXTERNAL_ID,
                                "RoleSessionName",
                                "support-routing",
                                "DurationSeconds",
                                "900"));
            });

            List<Write> writes = recorder.get().writes().stream()
                    .filter(w -> w.key().startsWith("routing/"))
                    .toList();
            assertThat(writes).allSatisfy(write -> {
                assertThat(write.sse()).as(write.toString()).isEqualTo("aws:kms");
                assertThat(write.kmsKeyId()).as(write.toString()).isEqualTo(KMS_KEY);
                assertThat(write.bucketKey()).as(write.toString()).isTrue();
            });
            assertThat(writes).extracting(Write::request).contains("PutObject", "CopyObject");
            Set<String> written = writes.stream().map(Write::key).collect(Collectors.toSet());
            List<String> stored =
                    env
                            .s3
                            .s3Client()
                            .listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("routing/"))
                            .contents()
                            .stream()
                            .map(S3Object::key)
                            .toList();
            assertThat(stored)
                    .isNotEmpty()
                    .allMatch(written::contains)
                    .anyMatch(key -> key.endsWith(".parquet"))
                    .anyMatch(key -> key.contains("_trainset/"));

            assertAMultipartUploadSpansRotations(env, recorder.get(), overrides);

            String logged = log.text();
            assertThat(logged).contains(ROLE).doesNotContain(env.s3.secretKey(), EXTERNAL_ID);
            assertThat(sts.issuedSecrets())
                    .isNotEmpty()
                    .allSatisfy(secret -> assertThat(logged).doesNotContain(secret));
        }
    }

    /**
     * A second connector on the same role writes one file of 1,600 rows of 4 KB of random text (uncompressed, one
     * path level, one split): over its 5 MiB part size, so a multipart upload, whose requests (create, parts,
     * complete) are signed by sessions renewed in between.
     */
    private static void assertAMultipartUploadSpansRotations(
            SupportRoutingEnvironment env, RecordingBlobStore recorder, Map<String, String> role) {
        Map<String, String> bulk = new HashMap<>(role);
        bulk.putAll(Map.of(
                "layout.partitions",
                "split",
                "split.ratios",
                "train=1",
                "parquet.compression",
                "uncompressed",
                "flush.size",
                "100000",
                "rotate.interval.ms",
                "15000",
                "s3.part.size.bytes",
                "5242880"));
        bulk.put("rotate.inactivity.ms", "0"); // one file however the rows arrive: no finish on a pause in them
        env.connect.putConnectorConfig("bulk", env.connectorConfig("bulk", bulk));
        env.connect.awaitConnectorRunning("bulk", 1, Duration.ofSeconds(60));
        long start = SupportRoutingEnvironment.T0 + 80 * S3Batches.DAY;
        Random random = new Random(18);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            byte[] text = new byte[3000];
            random.nextBytes(text);
            String key = String.format("BULK-%04d", i);
            records.add(new ProducerRecord<>(
                    SupportRoutingEnvironment.ISSUES,
                    null,
                    start + i,
                    key,
                    "{\"title\":\"bulk\",\"description\":\""
                            + Base64.getEncoder().encodeToString(text)
                            + "\",\"product\":\"app\",\"priority\":1,\"customer\":{\"tier\":\"gold\"}}"));
            records.add(new ProducerRecord<>(
                    SupportRoutingEnvironment.RESOLUTIONS, null, start + i + 1, key, "{\"department\":\"billing\"}"));
        }
        env.connect.sendAll(records);
        env.advanceEventTime(start + 10 * S3Batches.DAY);

        Write upload = ConnectClusterFixture.await(
                "a multipart upload under bulk/",
                Duration.ofSeconds(90),
                () -> recorder.writes().stream()
                        .filter(w -> w.request().equals("CreateMultipartUpload")
                                && w.key().startsWith("bulk/"))
                        .findFirst()
                        .orElse(null));
        assertThat(upload.sse()).isEqualTo("aws:kms");
        Set<String> signers = ConnectClusterFixture.await(
                "the upload of " + upload.key() + " completed", Duration.ofSeconds(60), () -> {
                    // the first four requests naming the staged key: create, part 1, part 2 (6.4 MB), complete
                    List<String> keys = env.s3.signedRequests().stream()
                            .filter(r -> upload.key().equals(r.key()))
                            .limit(4)
                            .map(S3ProxyServer.Signed::accessKey)
                            .toList();
                    boolean copied = recorder.writes().stream()
                            .anyMatch(w -> w.request().equals("CopyObject")
                                    && w.key().startsWith("bulk/")
                                    && w.key().endsWith(".parquet"));
                    return copied && keys.size() == 4 ? Set.copyOf(keys) : null;
                });
        assertThat(signers).hasSize(4).allMatch(key -> key.startsWith("ASIASTUB"));
    }

    /** The STS sessions among the access keys that signed requests; the fixed pair signs the test's own reads. */
    private static Set<String> sessionsUsed(List<String> signers) {
        return signers.stream().filter(key -> key.startsWith("ASIASTUB")).collect(Collectors.toSet());
    }
}
