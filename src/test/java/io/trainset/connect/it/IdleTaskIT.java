package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream that goes quiet, on a worker whose offset commits are minutes apart: a worker whose consumer
 * has nothing new calls put() again only at its next offset commit, so the task asks for its next put()
 * when its file is due, and the last rows reach the bucket at their rotation, not minutes later; with
 * rotate.inactivity.ms, once the unit's rows stopped, not at the rotation either.
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
        quietAfter(20, 7, Map.of("rotate.interval.ms", "2000", "rotate.inactivity.ms", "0"), Duration.ofSeconds(45));
    }

    @Test
    void aBurstsRowsAreCommittedOnceItsRowsStopNotAtTheRotation() throws Exception {
        quietAfter(
                200,
                11,
                Map.of("flush.size", "100000", "rotate.interval.ms", "600000", "rotate.inactivity.ms", "1000"),
                Duration.ofSeconds(90));
    }

    /**
     * Creates a connector with {@code overrides} through the REST API, sends {@code count} tickets (seed {@code seed})
     * at once, then nothing but the event time's advance, and awaits every row in the bucket within {@code deadline}.
     */
    private void quietAfter(int count, long seed, Map<String, String> overrides, Duration deadline) throws Exception {
        try (SupportRoutingEnvironment env = SupportRoutingEnvironment.start(
                s3Directory,
                ConnectClusterFixture.builder().name("trainset-idle").workers(1).offsetFlushInterval(OFFSET_COMMITS),
                BUCKET,
                1)) {
            Map<String, String> config =
                    new HashMap<>(Map.of("join.window.after.ms", String.valueOf(DAY), "join.grace.ms", "0"));
            config.put("flush.size", "1000");
            config.putAll(overrides);
            env.connect.putConnectorConfig("quiet", env.connectorConfig("quiet", config));
            env.connect.awaitConnectorRunning("quiet", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = SupportTickets.generate(count, T0, 1_000, seed);
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            tickets.forEach(t -> records.add(SupportRoutingEnvironment.issue(t)));
            tickets.stream()
                    .filter(Ticket::resolved)
                    .forEach(t -> records.add(SupportRoutingEnvironment.resolution(t)));
            env.connect.sendAll(records);
            env.advanceEventTime(T0 + 10 * DAY);
            long quietSince = System.nanoTime();

            List<ReadRow> rows = ConnectClusterFixture.await("the " + count + " rows in the bucket", deadline, () -> {
                List<ReadRow> read = env.rows("quiet/");
                return read.size() >= count ? read : null;
            });
            Duration waited = Duration.ofNanos(System.nanoTime() - quietSince);

            assertThat(rows)
                    .extracting(row -> row.columns().get("key"))
                    .containsExactlyInAnyOrderElementsOf(
                            tickets.stream().map(Ticket::key).toList());
            System.out.printf(
                    "IdleTaskIT: the stream went quiet; its last %d rows were in the bucket %.1f s later "
                            + "(offset commits every %d s; %s)%n",
                    rows.size(), waited.toMillis() / 1000.0, OFFSET_COMMITS.toSeconds(), overrides);
        }
    }
}
