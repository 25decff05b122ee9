package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill: tickets whose event times lie months before the wall clock, produced once and then
 * nothing more, with no clock records. Once every input has been quiet for the idle timeout, every
 * issue is decided (issue 19): joined with its label, or timed out with a null label.
 */
class BackfillIT {

    private static final String BUCKET = "backfills";
    private static final int TICKETS = 300;
    private static final int UNRESOLVED_EVERY = 7;

    @TempDir
    Path s3Directory;

    @Test
    void aBackfillProducedOnceIsCompleteOnceItsInputsAreQuietForTheIdleTimeout() throws Exception {
        try (SupportRoutingEnvironment env = SupportRoutingEnvironment.start(s3Directory, "trainset-backfill",
                BUCKET, 2)) {
            env.connect.putConnectorConfig("backfill", env.connectorConfig("backfill", Map.of(
                    "join.idle.timeout.ms", "2000", "rotate.interval.ms", "1000")));
            env.connect.awaitConnectorRunning("backfill", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = SupportTickets.generate(TICKETS, SupportRoutingEnvironment.T0, UNRESOLVED_EVERY, 19);
            env.connect.sendAll(SupportRoutingEnvironment.records(tickets));
            long quietSince = System.nanoTime();

            List<ReadRow> rows = ConnectClusterFixture.await("every issue in the bucket", Duration.ofSeconds(60),
                    () -> {
                        List<ReadRow> read = env.rows("backfill/");
                        return read.size() >= TICKETS ? read : null;
                    });
            Duration waited = Duration.ofNanos(System.nanoTime() - quietSince);

            Map<Object, Object> labels = new HashMap<>();
            rows.forEach(row -> labels.put(row.get("key"), row.get("label")));
            Map<Object, Object> expected = new HashMap<>();
            tickets.forEach(t -> expected.put(t.key(), t.department()));
            assertThat(rows).hasSize(TICKETS);
            assertThat(labels).isEqualTo(expected);
            assertThat(rows).filteredOn(row -> row.get("label") == null).extracting(row -> row.get("join_status"))
                    .hasSize(1 + (TICKETS - 1) / UNRESOLVED_EVERY).containsOnly("timed_out");
            System.out.printf("BackfillIT: %d issues months old, no clock records: all decided and in the bucket "
                    + "%.1f s after they were produced%n", rows.size(), waited.toMillis() / 1000.0);
        }
    }
}
