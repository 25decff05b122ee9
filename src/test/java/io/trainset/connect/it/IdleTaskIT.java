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
 * A stream that goes quiet, on a worker whose offset commits are minutes apart: a worker whose consumer
 * has nothing new calls put() again only at its next offset commit, so the task asks for its next put()
 * when its file is due, and the last rows reach the bucket at their rotation, not minutes later.
 */
class IdleTaskIT {

    private static final String BUCKET = "datasets";
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final Duration OFFSET_COMMITS = Duration.ofMinutes(3);

    @TempDir
    Path s3Directory;

    @Test
    void theLastFileOfAStreamThatWentQuietIsCommittedAtItsRotationNotAtTheWorkersNextOffsetCommit() throws Exception {
        try (SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                s3Directory,
                ConnectClusterFixture.builder().name("trainset-idle").workers(1).offsetFlushInterval(OFFSET_COMMITS),
                BUCKET,
                1)) {
            env.connect.putConnectorConfig(
                    "quiet",
                    env.connectorConfig(
                            "quiet",
                            Map.of(
                                    "join.window.after.ms",
                                    String.valueOf(DAY),
                                    "join.grace.ms",
                                    "0",
                                    "flush.size",
                                    "1000",
                                    "rotate.interval.ms",
                                    "2000")));
            env.connect.awaitConnectorRunning("quiet", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = SupportTickets.generate(20, T0, 1_000, 7);
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            tickets.forEach(t -> records.add(SupportRoutingEnvironment.issue(t)));
            tickets.stream()
                    .filter(Ticket::resolved)
                    .forEach(t -> records.add(SupportRoutingEnvironment.resolution(t)));
            env.connect.sendAll(records);
            env.advanceEventTime(T0 + 10 * DAY);
            long quietSince = System.nanoTime();

            List<ReadRow> rows =
                    ConnectClusterFixture.await("the 20 rows in the bucket", Duration.ofSeconds(45), () -> {
                        List<ReadRow> read = env.rows("quiet/");
                        return read.size() >= 20 ? read : null;
                    });
            Duration waited = Duration.ofNanos(System.nanoTime() - quietSince);

            assertThat(rows)
                    .extracting(row -> row.columns().get("key"))
                    .containsExactlyInAnyOrderElementsOf(
                            tickets.stream().map(Ticket::key).toList());
            System.out.printf(
                    "IdleTaskIT: the stream went quiet; its last %d rows were in the bucket %.1f s later "
                            + "(offset commits every %d s)%n",
                    rows.size(), waited.toMillis() / 1000.0, OFFSET_COMMITS.toSeconds());
        }
    }
}
