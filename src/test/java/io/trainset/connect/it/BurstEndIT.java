package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rotate.inactivity.ms on a real worker (connector created through the REST API): a burst's rows are committed once
 * its unit's rows stopped, not at the rotation ten minutes later, and not at the worker's next offset commit either
 * (the task asks for the put() that finishes them).
 */
class BurstEndIT {

    private static final String BUCKET = "datasets";
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final Duration ROTATION = Duration.ofMinutes(10);
    private static final Duration INACTIVITY = Duration.ofSeconds(1);

    @TempDir
    Path s3Directory;

    @Test
    void aBurstsRowsAreCommittedOnceItsRowsStopNotAtTheRotation() throws Exception {
        try (SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                s3Directory,
                ConnectClusterFixture.builder()
                        .name("trainset-burst")
                        .workers(1)
                        .offsetFlushInterval(Duration.ofMinutes(3)),
                BUCKET,
                1)) {
            env.connect.putConnectorConfig(
                    "burst",
                    env.connectorConfig(
                            "burst",
                            Map.of(
                                    "join.window.after.ms",
                                    String.valueOf(DAY),
                                    "join.grace.ms",
                                    "0",
                                    "flush.size",
                                    "100000",
                                    "rotate.interval.ms",
                                    String.valueOf(ROTATION.toMillis()),
                                    "rotate.inactivity.ms",
                                    String.valueOf(INACTIVITY.toMillis()))));
            env.connect.awaitConnectorRunning("burst", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = SupportTickets.generate(200, T0, 1_000, 11);
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            tickets.forEach(t -> records.add(SupportRoutingEnvironment.issue(t)));
            tickets.stream()
                    .filter(Ticket::resolved)
                    .forEach(t -> records.add(SupportRoutingEnvironment.resolution(t)));
            env.connect.sendAll(records);
            env.advanceEventTime(T0 + 10 * DAY);
            long lastSent = System.nanoTime();

            List<ReadRow> rows = ConnectClusterFixture.await(
                    "the burst's 200 rows in the bucket, long before the rotation", Duration.ofSeconds(90), () -> {
                        List<ReadRow> read = env.rows("burst/");
                        return read.size() >= tickets.size() ? read : null;
                    });
            Duration waited = Duration.ofNanos(System.nanoTime() - lastSent);

            assertThat(rows)
                    .extracting(row -> row.columns().get("key"))
                    .containsExactlyInAnyOrderElementsOf(
                            tickets.stream().map(Ticket::key).toList());
            System.out.printf(
                    "BurstEndIT: the burst's %d rows were in the bucket %.1f s after its last record "
                            + "(rotate.inactivity.ms %d, rotate.interval.ms %d)%n",
                    rows.size(), waited.toMillis() / 1000.0, INACTIVITY.toMillis(), ROTATION.toMillis());
        }
    }
}
