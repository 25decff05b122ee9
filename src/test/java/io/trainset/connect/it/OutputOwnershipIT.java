package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One connector per output location, on a real Connect cluster with the S3 server (docs/guarantees.md): a
 * second connector pointed at a running connector's output.url fails at start with the clear error, and the
 * first goes on writing every issue exactly once; the first deleted and re-created with its name and topics
 * continues its dataset.
 */
class OutputOwnershipIT {

    private static final String BUCKET = "datasets";
    private static final long DAY = SupportRoutingEnvironment.DAY;

    @TempDir
    Path s3Directory;

    @Test
    void aSecondConnectorOnTheSameOutputUrlFailsAtStartAndTheFirstIsUnaffected() throws Exception {
        try (SupportRoutingEnvironment env =
                SupportRoutingEnvironment.start(s3Directory, "trainset-ownership", BUCKET, 1)) {
            List<Ticket> tickets = new ArrayList<>();
            startFirst(env);
            sendBatch(env, tickets, 0);
            awaitExactlyOnce(env, tickets);

            env.connect.putConnectorConfig("second", config(env));
            JsonNode failed = env.connect.awaitConnectorStatus(
                    "second",
                    "FAILED",
                    Duration.ofSeconds(30),
                    s -> "FAILED".equals(s.path("connector").path("state").asText()));

            assertThat(failed.path("connector").path("trace").asText())
                    .contains("The output location s3://" + BUCKET + "/shared (output.url) belongs to connector "
                            + "'first' reading [support-issues, support-resolutions] (claimed ")
                    .contains("not to this connector 'second' reading [support-issues, support-resolutions]")
                    .contains("give this connector an output.url of its own");
            assertThat(failed.path("tasks").size()).isZero();
            env.connect.awaitConnectorRunning("first", 1, Duration.ofSeconds(5));
            sendBatch(env, tickets, 1);
            awaitExactlyOnce(env, tickets);

            env.connect.deleteConnector("first");
            env.connect.awaitConnectorGone("first", Duration.ofSeconds(30));
            startFirst(env);
            sendBatch(env, tickets, 2);
            awaitExactlyOnce(env, tickets);
            assertThat(owner(env)).contains("\"connector\" : \"first\"");
            assertThat(env.s3
                            .s3Client()
                            .listObjectsV2(r -> r.bucket(BUCKET).prefix("shared/_trainset/probe/"))
                            .contents())
                    .isEmpty();
        }
    }

    private static String config(SupportRoutingEnvironment env) {
        return env.connectorConfig(
                "shared",
                Map.of(
                        "join.window.after.ms",
                        String.valueOf(DAY),
                        "join.grace.ms",
                        "0",
                        "flush.size",
                        "1000",
                        "rotate.interval.ms",
                        "2000"));
    }

    private static void startFirst(SupportRoutingEnvironment env) {
        env.connect.putConnectorConfig("first", config(env));
        env.connect.awaitConnectorRunning("first", 1, Duration.ofSeconds(60));
    }

    /** Ten tickets twenty days after the last batch's, and event time moved past their windows. */
    private static void sendBatch(SupportRoutingEnvironment env, List<Ticket> sent, int batch) {
        long start = SupportRoutingEnvironment.T0 + batch * 20 * DAY;
        List<Ticket> tickets =
                SupportTickets.generate(10 * (batch + 1), start, 1000, 11).subList(10 * batch, 10 * (batch + 1));
        env.connect.sendAll(SupportRoutingEnvironment.records(tickets));
        env.advanceEventTime(start + 10 * DAY);
        sent.addAll(tickets);
    }

    /** Every ticket sent is in the bucket once (the clock's own keys aside). */
    private static void awaitExactlyOnce(SupportRoutingEnvironment env, List<Ticket> sent) {
        List<Object> keys =
                ConnectClusterFixture.await(sent.size() + " issues under shared/", Duration.ofSeconds(45), () -> {
                    List<Object> read = env.rows("shared/").stream()
                            .map(ReadRow::columns)
                            .map(c -> c.get("key"))
                            .filter(k -> String.valueOf(k).startsWith("ISSUE-"))
                            .toList();
                    return read.size() >= sent.size() ? read : null;
                });
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(Ticket::key).toList());
    }

    private static String owner(SupportRoutingEnvironment env) {
        return env.s3
                .s3Client()
                .getObjectAsBytes(r -> r.bucket(BUCKET).key("shared/_trainset/owner.json"))
                .asString(StandardCharsets.UTF_8);
    }
}
