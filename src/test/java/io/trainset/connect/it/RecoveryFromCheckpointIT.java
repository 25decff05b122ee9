package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.storage.S3ObjectStore;
import io.trainset.connect.storage.S3Settings;
import io.trainset.connect.testing.CheckpointStores;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Recovery cost is bounded by the checkpoint interval, not by the join window: with a 30-day window
 * and every issue still waiting for its resolution, a restart re-reads nothing before the last
 * checkpoint. To prove the waiting issues come from the checkpoint and not from the topic, the test
 * deletes them from the topic before the restart; their rows still come out, each exactly once.
 */
class RecoveryFromCheckpointIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final int PARTITIONS = 2;

    @SharedEnvironment(name = "trainset-recovery-it", bucket = "recovery", partitions = PARTITIONS)
    private static SupportRoutingEnvironment env;

    @Test
    void aRestartAfterALongWindowReReadsOnlyWhatCameAfterTheLastCheckpoint() throws Exception {
        ConnectClusterFixture connect = env.connect;
        connect.putConnectorConfig(
                "support-routing",
                env.connectorConfig(
                        "data",
                        Map.of(
                                "join.window.after.ms",
                                String.valueOf(30 * DAY),
                                "join.grace.ms",
                                "0",
                                "flush.size",
                                "1000",
                                "rotate.interval.ms",
                                "1000")));
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
        List<Ticket> tickets = SupportTickets.generate(400, T0, 5, 11);
        connect.sendAll(tickets.stream().map(SupportRoutingEnvironment::issue).toList());

        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()))) {
            Map<TopicPartition, Long> ends = endOffsets(admin);
            CheckpointStore checkpoints = CheckpointStores.unowned(
                    new S3ObjectStore(env.s3.s3Client(), env.bucket, "data", S3Settings.MIN_PART_SIZE_BYTES, false));
            Map<Integer, Checkpoint> covering = ConnectClusterFixture.await(
                    "a checkpoint of every unit covering " + "every issue",
                    Duration.ofSeconds(60),
                    () -> checkpointsCovering(checkpoints, ends));
            int waiting = covering.values().stream()
                    .mapToInt(c -> c.join().heldCount())
                    .sum();
            long wouldReRead = ends.entrySet().stream()
                    .mapToLong(e -> e.getValue()
                            - covering.get(e.getKey().partition())
                                    .nextOffsets()
                                    .get(new InputPartition(
                                            e.getKey().topic(), e.getKey().partition())))
                    .sum();
            assertThat(waiting)
                    .as("every issue waits in the checkpoints' join state")
                    .isEqualTo(tickets.size());
            assertThat(wouldReRead).isZero();

            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            ends.forEach((tp, end) -> deletions.put(tp, RecordsToDelete.beforeOffset(end)));
            admin.deleteRecords(deletions).all().get();
            connect.restartConnectorAndTasks("support-routing");
            connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));
            System.out.printf(
                    "Recovery test: %d issues waiting in a 30-day window; checkpoints cover offsets %s; "
                            + "records re-read after the restart: %d (deleted from the topic before it)%n",
                    waiting, ends, wouldReRead);
        }

        // In resolution-time order, as they happen (the grace is 0).
        connect.sendAll(tickets.stream()
                .filter(Ticket::resolved)
                .map(SupportRoutingEnvironment::resolution)
                .sorted(Comparator.comparingLong(ProducerRecord::timestamp))
                .toList());
        env.advanceEventTime(T0 + 31 * DAY);
        List<ReadRow> rows = ConnectClusterFixture.await("a row for every issue", Duration.ofSeconds(90), () -> {
            List<ReadRow> read = env.rows("data/").stream()
                    .filter(r -> !((String) r.get("key")).startsWith("CLOCK"))
                    .toList();
            return read.size() >= tickets.size() ? read : null;
        });

        Map<String, Ticket> byKey = tickets.stream().collect(Collectors.toMap(Ticket::key, Function.identity()));
        assertThat(rows).hasSize(tickets.size());
        assertThat(rows.stream().map(r -> (String) r.get("key")).distinct()).hasSize(tickets.size());
        assertThat(rows).allSatisfy(row -> {
            Ticket ticket = byKey.get((String) row.get("key"));
            assertThat(row.get("join_status")).isEqualTo(ticket.resolved() ? "joined" : "timed_out");
            assertThat(row.get("label")).isEqualTo(ticket.department());
            assertThat(row.get("title")).isEqualTo(ticket.title());
        });
        System.out.printf(
                "Recovery test: %d rows read back for %d issues, 0 duplicated, 0 lost%n", rows.size(), tickets.size());
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(SupportRoutingEnvironment.ISSUES, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The newest checkpoint of each unit, once every one covers the issues' end offsets; else null. */
    private static Map<Integer, Checkpoint> checkpointsCovering(
            CheckpointStore checkpoints, Map<TopicPartition, Long> ends) throws Exception {
        Map<Integer, Checkpoint> newest = new HashMap<>();
        for (TopicPartition tp : ends.keySet()) {
            Optional<Checkpoint> checkpoint = checkpoints.newest(tp.partition());
            Long covered = checkpoint
                    .map(c -> c.nextOffsets().get(new InputPartition(tp.topic(), tp.partition())))
                    .orElse(null);
            if (covered == null || covered < ends.get(tp)) {
                return null;
            }
            newest.put(tp.partition(), checkpoint.get());
        }
        return newest;
    }
}
