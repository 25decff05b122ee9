package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through a restart: a restart in the middle of a stream, with events waiting in the
 * join and rows in open files, writes every issue exactly once (docs/guarantees.md).
 */
class RestartLosesNothingIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;

    @SharedEnvironment(name = "trainset-restart-it", bucket = "restarts", partitions = 2)
    private static SupportRoutingEnvironment env;

    @Test
    void everyIssueIsInTheDatasetExactlyOnceAfterARestartMidStream() {
        ConnectClusterFixture connect = env.connect;
        connect.putConnectorConfig(
                "support-routing",
                env.connectorConfig(
                        "data",
                        Map.of(
                                "join.window.after.ms",
                                String.valueOf(DAY),
                                "join.grace.ms",
                                "0",
                                "flush.size",
                                "40",
                                "rotate.interval.ms",
                                "1000")));
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
        List<Ticket> tickets = SupportTickets.generate(600, T0, 7, 7);

        List<ProducerRecord<String, String>> records = SupportRoutingEnvironment.records(tickets);
        connect.sendAll(records.subList(0, records.size() / 2));
        ConnectClusterFixture.await(
                "some rows before the restart",
                Duration.ofSeconds(60),
                () -> env.rows("data/").size() >= 10);
        connect.restartConnectorAndTasks("support-routing");
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
        connect.sendAll(records.subList(records.size() / 2, records.size()));
        env.advanceEventTime(T0 + 10 * DAY);

        Set<String> expectedKeys = tickets.stream().map(Ticket::key).collect(Collectors.toSet());
        List<ReadRow> rows = ConnectClusterFixture.await("a row for every issue", Duration.ofSeconds(90), () -> {
            List<ReadRow> read = env.rows("data/");
            return read.stream()
                            .map(r -> r.get("key"))
                            .collect(Collectors.toSet())
                            .containsAll(expectedKeys)
                    ? read
                    : null;
        });

        Map<String, Ticket> byKey = tickets.stream().collect(Collectors.toMap(Ticket::key, t -> t));
        assertThat(rows).allSatisfy(row -> {
            Ticket ticket = byKey.get((String) row.get("key"));
            assertThat(row.get("label")).isEqualTo(ticket.department());
            assertThat(row.get("join_status")).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("title")).isEqualTo(ticket.title());
        });
        Map<String, Long> perKey =
                rows.stream().collect(Collectors.groupingBy(r -> (String) r.get("key"), Collectors.counting()));
        List<String> duplicated = perKey.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        System.out.printf(
                "Restart test: %d issues, %d rows read back, %d keys duplicated, %d lost%n",
                tickets.size(), rows.size(), duplicated.size(), expectedKeys.size() - perKey.size());
        assertThat(duplicated).as("keys written twice").isEmpty();
        assertThat(rows).hasSize(tickets.size());
    }

    @Test
    void issuesSpilledToDiskOverTheBufferBoundAreWrittenExactlyOnceThroughARestart(@TempDir Path spill) {
        ConnectClusterFixture connect = env.connect;
        List<Ticket> tickets = SupportTickets.generate(3000, T0 + 20 * DAY, 7, 11);
        try (LogCapture bound = new LogCapture("io.trainset.connect.pipeline.BufferBound")) {
            connect.putConnectorConfig(
                    "spilling",
                    env.connectorConfig(
                            "spilled",
                            Map.of(
                                    "join.window.after.ms",
                                    String.valueOf(DAY),
                                    "join.grace.ms",
                                    "0",
                                    "flush.size",
                                    "40",
                                    "rotate.interval.ms",
                                    "1000",
                                    "join.buffer.max.bytes",
                                    "1048576",
                                    "join.spill.dir",
                                    spill.toString())));
            connect.awaitConnectorRunning("spilling", 1, Duration.ofSeconds(60));
            connect.sendAll(
                    tickets.stream().map(SupportRoutingEnvironment::issue).toList());
            ConnectClusterFixture.await(
                    "the task to spill",
                    Duration.ofSeconds(60),
                    () -> bound.messages().stream()
                                    .anyMatch(m -> m.endsWith("(bound 1048576): spilling arriving submissions to disk"))
                            ? true
                            : null);
        }
        connect.restartConnectorAndTasks("spilling");
        connect.awaitConnectorRunning("spilling", 1, Duration.ofSeconds(60));
        connect.sendAll(tickets.stream()
                .filter(Ticket::resolved)
                .map(SupportRoutingEnvironment::resolution)
                .sorted(Comparator.comparingLong(ProducerRecord::timestamp))
                .toList()); // in time order, as they happen
        env.advanceEventTime(T0 + 30 * DAY);

        // The topics also hold the other test's tickets (from T0, same key names): only this test's count here.
        Set<String> expectedKeys = tickets.stream().map(Ticket::key).collect(Collectors.toSet());
        List<ReadRow> rows = ConnectClusterFixture.await("a row for every issue", Duration.ofSeconds(90), () -> {
            List<ReadRow> read = env.rows("spilled/").stream()
                    .filter(r -> (Long) r.get("submitted_at") >= T0 + 20 * DAY)
                    .toList();
            return read.stream()
                            .map(r -> r.get("key"))
                            .collect(Collectors.toSet())
                            .containsAll(expectedKeys)
                    ? read
                    : null;
        });

        Map<String, Ticket> byKey = tickets.stream().collect(Collectors.toMap(Ticket::key, t -> t));
        assertThat(rows).as("one row per issue").hasSize(tickets.size()).allSatisfy(row -> {
            Ticket ticket = byKey.get((String) row.get("key"));
            assertThat(row.get("label")).isEqualTo(ticket.department());
            assertThat(row.get("join_status")).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("title")).isEqualTo(ticket.title());
            assertThat(row.get("description")).isEqualTo(ticket.description());
        });
        System.out.printf(
                "RestartLosesNothingIT: %d issues, those past a 1 MiB join buffer spilled, restarted: "
                        + "%d rows, one per issue, with their descriptions%n",
                tickets.size(), rows.size());
    }
}
