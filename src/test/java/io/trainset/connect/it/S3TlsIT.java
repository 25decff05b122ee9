package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets.Ticket;
import io.trainset.connect.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https S3 endpoint whose certificate a private CA signs (made by the test), on a real Connect cluster: the
 * connector trusts the CA only through its config (s3.ssl.ca.bundle.path, or s3.ssl.truststore.path and its
 * password) and writes the dataset; without it the connector fails at start, its status naming the key and the fix.
 */
class S3TlsIT {

    private static final String BUCKET = "datasets";

    @TempDir
    Path directory;

    @Test
    void theConnectorTrustsAPrivateCaOnlyThroughItsConfig() throws Exception {
        TestCertificates tls = TestCertificates.generate(directory.resolve("tls"));
        try (SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                directory.resolve("s3"),
                S3ProxyServer.Options.PLAIN.withTls(tls),
                ConnectClusterFixture.builder().name("trainset-tls").workers(1),
                BUCKET,
                1)) {
            assertThat(env.s3.endpoint().toString()).startsWith("https://127.0.0.1:");

            env.connect.putConnectorConfig(
                    "pem",
                    config(
                            env,
                            "pem",
                            Map.of("s3.ssl.ca.bundle.path", tls.caPem().toString())));
            env.connect.putConnectorConfig(
                    "store",
                    config(
                            env,
                            "store",
                            Map.of(
                                    "s3.ssl.truststore.path",
                                    tls.caTrustStore().toString(),
                                    "s3.ssl.truststore.password",
                                    TestCertificates.PASSWORD)));
            env.connect.awaitConnectorRunning("pem", 1, Duration.ofSeconds(60));
            env.connect.awaitConnectorRunning("store", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = S3Batches.send(env, 0, 20);
            S3Batches.awaitRows(tickets, "pem/", env::rows, "pem/");
            S3Batches.awaitRows(tickets, "store/", env::rows, "store/");

            env.connect.putConnectorConfig("untrusting", config(env, "untrusting", Map.of("s3.max.attempts", "2")));
            JsonNode failed = env.connect.awaitConnectorStatus(
                    "untrusting",
                    "FAILED",
                    Duration.ofSeconds(60),
                    s -> "FAILED".equals(s.path("connector").path("state").asText()));

            assertThat(failed.path("connector").path("trace").asText())
                    .contains("The TLS connection to the endpoint failed")
                    .contains("give that CA in s3.ssl.ca.bundle.path (a PEM file) or s3.ssl.truststore.path")
                    .contains("host names are always verified")
                    .doesNotContain(env.s3.secretKey());
        }
    }

    private static String config(SupportRoutingEnvironment env, String prefix, Map<String, String> tls) {
        Map<String, String> overrides = new HashMap<>(S3Batches.QUICK_FILES);
        overrides.putAll(tls);
        return env.connectorConfig(prefix, overrides);
    }
}
