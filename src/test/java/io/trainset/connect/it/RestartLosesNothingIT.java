package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton's delivery promise: a restart in the middle of a stream, with events
 * waiting in the join and rows in open files, may duplicate rows but never loses one.
 */
class RestartLosesNothingIT {

    private static final String BUCKET = "restarts";
    private static final String ISSUES = "support-issues";
    private static final String RESOLUTIONS = "support-resolutions";
    private static final long T0 = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    static Path s3Directory;
    private static S3ProxyServer s3;
    private static ConnectClusterFixture connect;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(s3Directory);
        s3.createBucket(BUCKET);
        connect = ConnectClusterFixture.builder().name("trainset-restart-it").workers(1).start();
        connect.createTopic(ISSUES, 2);
        connect.createTopic(RESOLUTIONS, 2);
        connect.createTopic("support-routing-dlq", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void everyIssueIsInTheDatasetAfterARestartMidStream() {
        Map<String, String> overrides = new HashMap<>(ConnectorConfigs.s3(s3, BUCKET, "data"));
        overrides.putAll(Map.of("join.timeout.ms", String.valueOf(DAY), "flush.size", "40",
                "rotate.interval.ms", "1000"));
        connect.putConnectorConfig("support-routing", ConnectorConfigs.supportRouting(overrides));
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
        List<Ticket> tickets = SupportTickets.generate(600, T0, 7, 7);

        connect.sendAll(records(tickets.subList(0, 300)));
        ConnectClusterFixture.await("some rows before the restart", Duration.ofSeconds(60),
                () -> DatasetFiles.rows(s3.s3Client(), BUCKET, "data/").size() >= 100);
        connect.restartConnectorAndTasks("support-routing");
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
        connect.sendAll(records(tickets.subList(300, 600)));
        for (int partition = 0; partition < 2; partition++) {
            connect.send(new ProducerRecord<>(ISSUES, partition, T0 + 10 * DAY, "CLOCK-" + partition, "{}"));
            connect.send(new ProducerRecord<>(RESOLUTIONS, partition, T0 + 10 * DAY, "CLOCK-R-" + partition,
                    "{\"department\":\"none\"}"));
        }

        Set<String> expectedKeys = tickets.stream().map(Ticket::key).collect(Collectors.toSet());
        List<ReadRow> rows = ConnectClusterFixture.await("a row for every issue", Duration.ofSeconds(90), () -> {
            List<ReadRow> read = DatasetFiles.rows(s3.s3Client(), BUCKET, "data/");
            return read.stream().map(r -> r.get("key")).collect(Collectors.toSet()).containsAll(expectedKeys)
                    ? read : null;
        });

        Map<String, Ticket> byKey = tickets.stream().collect(Collectors.toMap(Ticket::key, t -> t));
        assertThat(rows).allSatisfy(row -> {
            Ticket ticket = byKey.get((String) row.get("key"));
            assertThat(row.get("label")).isEqualTo(ticket.department());
            assertThat(row.get("join_status")).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("title")).isEqualTo(ticket.title());
        });
        System.out.printf("Restart test: %d issues, %d rows read back, %d duplicates (allowed), 0 lost%n",
                tickets.size(), rows.size(), rows.size() - expectedKeys.size());
    }

    private static List<ProducerRecord<String, String>> records(List<Ticket> tickets) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Ticket t : tickets) {
            records.add(new ProducerRecord<>(ISSUES, null, t.submittedAtMs(), t.key(), t.issueJson()));
            if (t.resolved()) {
                records.add(new ProducerRecord<>(RESOLUTIONS, null, t.resolvedAtMs(), t.key(), t.resolutionJson()));
            }
        }
        return records;
    }
}
