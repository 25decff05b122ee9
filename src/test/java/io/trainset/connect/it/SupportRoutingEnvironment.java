package io.trainset.connect.it;

import io.trainset.connect.testing.ConnectorConfigs;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the integration tests share: an in-process S3 server with one bucket, a Connect cluster
 * with the shipped example's topics, and the records of support tickets.
 */
final class SupportRoutingEnvironment implements AutoCloseable {

    static final String ISSUES = "support-issues";
    static final String RESOLUTIONS = "support-resolutions";
    static final String DLQ = "support-routing-dlq";
    static final long T0 = 1_780_000_000_000L;
    static final long DAY = 86_400_000L;

    /**
     * Input topics keep their records: the tickets' event times lie months before the wall clock,
     * and the broker's default time retention (7 days, measured on record timestamps) would delete
     * every segment as soon as it rolls, under a running connector.
     */
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    final String bucket;
    final S3ProxyServer s3;
    final ConnectClusterFixture connect;
    private final int partitions;

    private SupportRoutingEnvironment(String bucket, S3ProxyServer s3, ConnectClusterFixture connect, int partitions) {
        this.bucket = bucket;
        this.s3 = s3;
        this.connect = connect;
        this.partitions = partitions;
    }

    /** Starts the S3 server in {@code directory} and a one-worker cluster with both topics and the DLQ. */
    static SupportRoutingEnvironment start(Path directory, String name, String bucket, int partitions)
            throws Exception {
        return start(directory, ConnectClusterFixture.builder().name(name).workers(1), bucket, partitions);
    }

    /** Starts the S3 server in {@code directory} and the cluster {@code cluster} builds, with both topics and the DLQ. */
    static SupportRoutingEnvironment start(
            Path directory, ConnectClusterFixture.Builder cluster, String bucket, int partitions) throws Exception {
        return start(directory, S3ProxyServer.Options.PLAIN, cluster, bucket, partitions);
    }

    /** As {@link #start(Path, ConnectClusterFixture.Builder, String, int)}, the S3 server started with {@code s3Options}. */
    static SupportRoutingEnvironment start(
            Path directory,
            S3ProxyServer.Options s3Options,
            ConnectClusterFixture.Builder cluster,
            String bucket,
            int partitions)
            throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start(directory, s3Options);
        s3.createBucket(bucket);
        ConnectClusterFixture connect;
        try {
            connect = cluster.start();
        } catch (RuntimeException | Error e) {
            s3.close();
            throw e;
        }
        connect.createTopic(ISSUES, partitions, KEEP_FOREVER);
        connect.createTopic(RESOLUTIONS, partitions, KEEP_FOREVER);
        connect.createTopic(DLQ, 1);
        return new SupportRoutingEnvironment(bucket, s3, connect, partitions);
    }

    /**
     * The shipped example config pointed at this bucket under {@code prefix}, plus {@code overrides}.
     * Without an override, join.idle.timeout.ms is 0: these tests move event time with clock records
     * ({@link #advanceEventTime}) and produce in phases with pauses between them (restarts, faults,
     * waits for rows), during which an idle timeout would close the windows of events still to come
     * (docs/join-semantics.md, "Quiet streams and backfills"); BackfillIT tests the idle timeout.
     */
    String connectorConfig(String prefix, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(ConnectorConfigs.s3(s3, bucket, prefix));
        config.put("join.idle.timeout.ms", "0");
        config.putAll(overrides);
        return ConnectorConfigs.supportRouting(config);
    }

    /** Every row under {@code prefix} of the bucket. */
    List<DatasetFiles.ReadRow> rows(String prefix) {
        return DatasetFiles.rows(s3.s3Client(), bucket, prefix);
    }

    /**
     * The issue and, if resolved, the resolution of each ticket, keyed by issue id, in event-time
     * order, as producers write them when they happen.
     */
    static List<ProducerRecord<String, String>> records(List<Ticket> tickets) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Ticket t : tickets) {
            records.add(issue(t));
            if (t.resolved()) {
                records.add(resolution(t));
            }
        }
        records.sort(java.util.Comparator.comparingLong(ProducerRecord::timestamp));
        return records;
    }

    static ProducerRecord<String, String> issue(Ticket t) {
        return new ProducerRecord<>(ISSUES, null, t.submittedAtMs(), t.key(), t.issueJson());
    }

    static ProducerRecord<String, String> resolution(Ticket t) {
        return new ProducerRecord<>(RESOLUTIONS, null, t.resolvedAtMs(), t.key(), t.resolutionJson());
    }

    /**
     * Moves event time of every join unit to {@code timestampMs}: one issue and one resolution per
     * partition (keys that match nothing), so waiting issues older than the timeout time out.
     */
    void advanceEventTime(long timestampMs) {
        for (int partition = 0; partition < partitions; partition++) {
            connect.send(new ProducerRecord<>(ISSUES, partition, timestampMs, "CLOCK-" + partition, "{}"));
            connect.send(new ProducerRecord<>(
                    RESOLUTIONS, partition, timestampMs, "CLOCK-RESOLUTION-" + partition, "{\"department\":\"none\"}"));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            connect.close();
        } finally {
            s3.close();
        }
    }
}
