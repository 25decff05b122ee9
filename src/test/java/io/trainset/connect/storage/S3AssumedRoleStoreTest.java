package io.trainset.connect.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.StsStub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Credentials: a role assumed through an STS endpoint the test serves, through the SDK's real StsClient, whose
 * sessions an S3 server (s3proxy) accepts only while they are valid; the static pair; the default chain.
 */
class S3AssumedRoleStoreTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/trainset-writer";
    private static final String EXTERNAL_ID = "external-id-4711";
    private static final int PART = S3Settings.MIN_PART_SIZE_BYTES;

    @TempDir
    Path temp;

    /**
     * Sessions live 1 minute, the SDK's stale time, so the provider renews the session before every request: the
     * parts of one multipart upload are signed by different sessions, and the upload completes.
     */
    @Test
    void aMultipartUploadSpansCredentialRotationsOfTheAssumedRole() throws Exception {
        List<String> signers = Collections.synchronizedList(new ArrayList<>());
        try (StsStub sts = StsStub.start(Duration.ofMinutes(1), Clock.systemUTC());
                S3ProxyServer server =
                        S3ProxyServer.start(temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withSessions(key -> {
                            signers.add(key);
                            return sts.secretOf(key);
                        }))) {
            server.createBucket("datasets");
            byte[] large = S3SecureStoreTest.bytes(3 * PART + 100);

            try (LogCapture log = new LogCapture("io.trainset.connect.storage");
                    ObjectStore store = ObjectStores.open(URI.create("s3://datasets/v1"), roleSettings(server, sts))) {
                S3SecureStoreTest.write(store, "large.bin", large);
                assertThat(store.read("large.bin"))
                        .hasValueSatisfying(b -> assertThat(b).isEqualTo(large));
                assertThat(log.text())
                        .doesNotContain(server.secretKey(), EXTERNAL_ID)
                        .contains(ROLE);
            }

            // create, 4 parts, complete, get: each signed by a session issued for it, none by the source key
            assertThat(signers)
                    .hasSizeGreaterThanOrEqualTo(7)
                    .doesNotContain(server.accessKey())
                    .allMatch(key -> key.startsWith("ASIASTUB"));
            assertThat(signers.stream().distinct().count()).isGreaterThanOrEqualTo(6);
            assertThat(sts.calls()).allSatisfy(call -> {
                assertThat(call.signingAccessKey()).isEqualTo(server.accessKey());
                assertThat(call.parameters())
                        .containsAllEntriesOf(Map.of(
                                "Action",
                                "AssumeRole",
                                "RoleArn",
                                ROLE,
                                "RoleSessionName",
                                "trainset-test",
                                "DurationSeconds",
                                "900",
                                "ExternalId",
                                EXTERNAL_ID));
            });
        }
    }

    @Test
    void sessionsThatOutliveThePrefetchTimeAreReused() throws Exception {
        try (StsStub sts = StsStub.start(Duration.ofHours(1), Clock.systemUTC());
                S3ProxyServer server = S3ProxyServer.start(
                        temp.resolve("s3"), S3ProxyServer.Options.PLAIN.withSessions(sts::secretOf))) {
            server.createBucket("datasets");
            try (ObjectStore store = ObjectStores.open(URI.create("s3://datasets"), roleSettings(server, sts))) {
                for (int i = 0; i < 5; i++) {
                    S3SecureStoreTest.write(store, "k" + i, "v".getBytes(UTF_8));
                }
            }
            assertThat(sts.calls()).hasSize(1);
        }
    }

    @Test
    void aRoleStsRefusesFailsWithTheRoleAndTheFixAndWithoutRetrying() throws Exception {
        try (StsStub sts = StsStub.start(Duration.ofHours(1), Clock.systemUTC()).refuse("AccessDenied");
                S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"))) {
            server.createBucket("datasets");
            try (LogCapture log = new LogCapture("io.trainset.connect.storage");
                    ObjectStore store = ObjectStores.open(URI.create("s3://datasets"), roleSettings(server, sts))) {
                assertThatThrownBy(() -> store.read("a"))
                        .isInstanceOf(UnretryableStoreException.class)
                        .hasMessageContaining("Could not assume the role " + ROLE + " (s3.assume.role.arn) through"
                                + " STS at " + sts.endpoint())
                        .hasMessageContaining("The credentials could not be obtained (HTTP 403 AccessDenied).")
                        .hasMessageContaining("trust policy allows the source credentials")
                        .hasMessageNotContaining(server.secretKey())
                        .hasMessageNotContaining(EXTERNAL_ID);
                assertThat(log.text()).doesNotContain(server.secretKey(), EXTERNAL_ID);
            }
            assertThat(sts.requests()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableStsFailsNamingTheRoleAndTheEndpoint() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(temp.resolve("s3"))) {
            server.createBucket("datasets");
            S3AssumeRole role = new S3AssumeRole(
                    ROLE,
                    Optional.empty(),
                    "trainset",
                    Duration.ofMinutes(15),
                    Optional.of(URI.create("http://127.0.0.1:1")),
                    Optional.of("us-east-1"));
            S3Settings settings = S3SecureStoreTest.settings(server)
                    .withAssumeRole(role)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
            try (ObjectStore store = ObjectStores.open(URI.create("s3://datasets"), settings)) {
                assertThatThrownBy(() -> store.read("a"))
                        .hasMessageContaining("Could not assume the role " + ROLE + " (s3.assume.role.arn) through"
                                + " STS at http://127.0.0.1:1")
                        .hasMessageNotContaining(server.secretKey());
            }
        }
    }

    @Test
    void withoutKeysAndRoleTheDefaultChainIsUsed() {
        assertThat(S3Clients.credentials(S3Settings.defaults())).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(S3Clients.credentials(new S3Settings(
                        Optional.empty(), Optional.empty(), false, Optional.of("id"), Optional.of("secret"), 1, PART)))
                .isInstanceOf(StaticCredentialsProvider.class);
    }

    /**
     * A Kubernetes service-account token (EKS IRSA: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, here as the
     * equivalent system properties) is exchanged through STS by a client reached like S3: the configured proxy
     * (here the stub itself, so the unresolvable STS host is never looked up) carries the request.
     */
    @Test
    void aWebIdentityTokenIsExchangedThroughStsWithTheConfiguredProxy() throws Exception {
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "environment keys would win");
        Path token = Files.writeString(temp.resolve("token"), "service-account-jwt");
        try (StsStub sts = StsStub.start(Duration.ofHours(1), Clock.systemUTC())) {
            Map<String, String> properties = Map.of(
                    "aws.webIdentityTokenFile",
                    token.toString(),
                    "aws.roleArn",
                    ROLE,
                    "aws.roleSessionName",
                    "pod-session",
                    "aws.region",
                    "us-east-1",
                    "aws.endpointUrlSts",
                    "http://sts.trainset-test.invalid");
            S3Settings viaProxy = S3Settings.defaults()
                    .withTransport(new S3Transport(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(sts.endpoint()),
                            Optional.empty(),
                            Optional.empty()));
            properties.forEach(System::setProperty);
            try (var credentials = (ClosingCredentials) S3Clients.credentials(viaProxy)) {
                assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIASTUB");
            } finally {
                properties.keySet().forEach(System::clearProperty);
            }
            assertThat(sts.calls())
                    .singleElement()
                    .satisfies(call -> assertThat(call.parameters())
                            .containsAllEntriesOf(Map.of(
                                    "Action",
                                    "AssumeRoleWithWebIdentity",
                                    "RoleArn",
                                    ROLE,
                                    "RoleSessionName",
                                    "pod-session",
                                    "WebIdentityToken",
                                    "service-account-jwt")));
        }
    }

    @Test
    void theAssumedRoleOwnsAndClosesItsSourceCredentials() throws Exception {
        try (StsStub sts = StsStub.start(Duration.ofHours(1), Clock.systemUTC())) {
            ClosableSource source = new ClosableSource();
            AssumedRoleCredentials credentials = AssumedRoleCredentials.open(
                    new S3AssumeRole(
                            ROLE,
                            Optional.empty(),
                            "trainset",
                            Duration.ofMinutes(15),
                            Optional.of(sts.endpoint()),
                            Optional.of("us-east-1")),
                    S3Settings.defaults(),
                    source);
            assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIASTUB");
            assertThat(source.closed).isFalse();

            credentials.close();

            assertThat(source.closed).isTrue();
        }
    }

    @Test
    void withoutAnStsRegionOpeningFailsNamingTheKeysAndClosesTheSource() {
        Assumptions.assumeTrue(
                System.getenv("AWS_REGION") == null
                        && System.getenv("AWS_DEFAULT_REGION") == null
                        && System.getProperty("aws.region") == null,
                "a region from the environment would be found");
        ClosableSource source = new ClosableSource();
        Map<String, String> noProfile = Map.of(
                "aws.configFile",
                temp.resolve("none").toString(),
                "aws.sharedCredentialsFile",
                temp.resolve("none").toString(),
                "aws.disableEc2Metadata",
                "true");
        noProfile.forEach(System::setProperty);
        try {
            assertThatThrownBy(() -> AssumedRoleCredentials.open(
                            new S3AssumeRole(
                                    ROLE,
                                    Optional.empty(),
                                    "trainset",
                                    Duration.ofMinutes(15),
                                    Optional.empty(),
                                    Optional.empty()),
                            S3Settings.defaults(),
                            source))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "Could not create the STS client for the role " + ROLE + " (s3.assume.role.arn): ")
                    .hasMessageContaining("Set s3.sts.region (or s3.region");
        } finally {
            noProfile.keySet().forEach(System::clearProperty);
        }
        assertThat(source.closed).isTrue();
    }

    /** Static source credentials that remember being closed. */
    private static final class ClosableSource implements AwsCredentialsProvider, AutoCloseable {
        private volatile boolean closed;

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("source-id", "source-secret");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static S3Settings roleSettings(S3ProxyServer server, StsStub sts) {
        return S3SecureStoreTest.settings(server)
                .withAssumeRole(new S3AssumeRole(
                        ROLE,
                        Optional.of(EXTERNAL_ID),
                        "trainset-test",
                        Duration.ofMinutes(15),
                        Optional.of(sts.endpoint()),
                        Optional.of("us-east-1")));
    }
}
