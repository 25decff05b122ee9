package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill: tickets whose event times lie months before the wall clock, produced once and then
 * nothing more, with no clock records. Once every input has been quiet for the idle timeout, every
 * issue is decided (issue 19): joined with its label, or timed out with a null label; the card says
 * the dataset is complete; a second connector rebuilding from the earliest offsets into another
 * prefix writes the same rows and splits; a live stream produced afterwards reaches the bucket;
 * records with an empty key are dead letters, not rows; a label spelled "null" is counted apart
 * from the null label of timed-out rows.
 */
class BackfillIT {

    private static final String BUCKET = "backfills";
    private static final int TICKETS = 300;
    private static final int UNRESOLVED_EVERY = 7;
    private static final int TIMED_OUT = 1 + (TICKETS - 1) / UNRESOLVED_EVERY;
    private static final int LIVE = 20;
    private static final String NULL_SPELLED = "ISSUE-LABEL-NULL";
    private static final String CONNECTOR_NAME_HEADER = "__connect.errors.connector.name";
    private static final String TOPIC_HEADER = "__connect.errors.topic";
    private static final String MESSAGE_HEADER = "__connect.errors.exception.message";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Both builds share these. A short grace lets the live stream's rows become final within seconds of
     * their inputs falling quiet (a first resolution is written once the watermark passes it).
     */
    private static final Map<String, String> SETTINGS =
            Map.of("join.idle.timeout.ms", "2000", "join.grace.ms", "5000", "rotate.interval.ms", "1000");

    @TempDir
    Path s3Directory;

    @Test
    void aBackfillProducedOnceIsCompleteOnceItsInputsAreQuietAndRebuildsIdentically() throws Exception {
        try (SupportRoutingEnvironment env =
                SupportRoutingEnvironment.start(s3Directory, "trainset-backfill", BUCKET, 2)) {
            env.connect.putConnectorConfig("backfill", env.connectorConfig("backfill", SETTINGS));
            env.connect.awaitConnectorRunning("backfill", 1, Duration.ofSeconds(60));
            List<Ticket> tickets = backfillTickets();
            List<ProducerRecord<String, String>> records = new ArrayList<>(SupportRoutingEnvironment.records(tickets));
            records.addAll(emptyKeyRecords());
            env.connect.sendAll(records);
            long quietSince = System.nanoTime();

            Map<String, List<Object>> built = awaitRows(env, "backfill/", tickets.size());
            Duration waited = Duration.ofNanos(System.nanoTime() - quietSince);
            Map<String, Object> expected = new HashMap<>();
            tickets.forEach(t -> expected.put(t.key(), t.department()));
            Map<String, Object> labels = new HashMap<>();
            built.forEach((key, row) -> labels.put(key, row.get(0)));
            assertThat(labels).isEqualTo(expected);
            assertThat(built.values())
                    .filteredOn(row -> row.get(0) == null)
                    .extracting(row -> row.get(2))
                    .hasSize(TIMED_OUT)
                    .containsOnly("timed_out");
            assertThat(built.values())
                    .extracting(row -> row.get(1))
                    .containsOnly("train", "validation", "test")
                    .contains("train", "validation", "test");
            assertCardComplete(env, "backfill", tickets.size());
            assertEmptyKeysDeadLettered(env, "backfill");

            // A rebuild: another name (a new consumer group) and another prefix, from the earliest offsets.
            Map<String, String> rebuild = new HashMap<>(SETTINGS);
            rebuild.put("consumer.override.auto.offset.reset", "earliest");
            env.connect.putConnectorConfig("rebuild", env.connectorConfig("rebuild", rebuild));
            assertThat(awaitRows(env, "rebuild/", tickets.size())).isEqualTo(built);
            assertEmptyKeysDeadLettered(env, "rebuild");

            List<Ticket> live = liveTickets();
            env.connect.sendAll(SupportRoutingEnvironment.records(live));
            for (String prefix : List.of("backfill/", "rebuild/")) {
                Map<String, List<Object>> rows = awaitRows(env, prefix, tickets.size() + LIVE);
                live.forEach(t -> assertThat(rows.get(t.key()))
                        .as("live %s under %s", t.key(), prefix)
                        .first()
                        .isEqualTo(t.department()));
                live.forEach(t -> assertThat(rows.get(t.key()).get(2)).isEqualTo("joined"));
            }
            System.out.printf(
                    "BackfillIT: %d issues months old, no clock records: all decided and in the bucket "
                            + "%.1f s after they were produced; rebuilt identically; %d live issues followed%n",
                    built.size(), waited.toMillis() / 1000.0, LIVE);
        }
    }

    /** The generated tickets, and one more resolved with a label spelled "null". */
    private static List<Ticket> backfillTickets() {
        List<Ticket> tickets =
                new ArrayList<>(SupportTickets.generate(TICKETS, SupportRoutingEnvironment.T0, UNRESOLVED_EVERY, 19));
        Ticket t = tickets.get(1);
        tickets.add(new Ticket(
                NULL_SPELLED,
                t.title(),
                t.description(),
                t.product(),
                t.priority(),
                t.tier(),
                "null",
                t.submittedAtMs(),
                t.resolvedAtMs()));
        return tickets;
    }

    /** A submission and a resolution whose key is the empty string, amid the backfill's event times. */
    private static List<ProducerRecord<String, String>> emptyKeyRecords() {
        long t = SupportRoutingEnvironment.T0 + 10_000;
        return List.of(
                new ProducerRecord<>(SupportRoutingEnvironment.ISSUES, null, t, "", "{\"title\":\"no key\"}"),
                new ProducerRecord<>(
                        SupportRoutingEnvironment.RESOLUTIONS, null, t + 1, "", "{\"department\":\"billing\"}"));
    }

    /** Tickets happening now by the worker's clock, each resolved a millisecond after it is submitted. */
    private static List<Ticket> liveTickets() {
        long now = System.currentTimeMillis();
        List<Ticket> generated = SupportTickets.generate(LIVE, now, 0, 20);
        return IntStream.range(0, LIVE)
                .mapToObj(i -> {
                    Ticket t = generated.get(i);
                    return new Ticket(
                            String.format("LIVE-%05d", i),
                            t.title(),
                            t.description(),
                            t.product(),
                            t.priority(),
                            t.tier(),
                            t.department(),
                            now + i,
                            now + i + 1);
                })
                .toList();
    }

    /** Waits for {@code count} rows under {@code prefix}: key -> (label, split, join_status), one row per key. */
    private static Map<String, List<Object>> awaitRows(SupportRoutingEnvironment env, String prefix, int count) {
        List<ReadRow> rows =
                ConnectClusterFixture.await(count + " rows under " + prefix, Duration.ofSeconds(45), () -> {
                    List<ReadRow> read = env.rows(prefix);
                    return read.size() >= count ? read : null;
                });
        assertThat(rows).as("rows under %s", prefix).hasSize(count);
        Map<String, List<Object>> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(
                String.valueOf(row.get("key")),
                Arrays.asList(row.get("label"), row.get("split"), row.get("join_status"))));
        assertThat(byKey).as("keys under %s", prefix).hasSize(count).doesNotContainKey("");
        return byKey;
    }

    /**
     * The card under {@code prefix} once it counts every row: complete up to a time its README names, the
     * timed-out rows under the null label and the label spelled "null" in a cell of its own.
     */
    private static void assertCardComplete(SupportRoutingEnvironment env, String prefix, int rows) {
        JsonNode card = ConnectClusterFixture.await("a complete card under " + prefix, Duration.ofSeconds(30), () -> {
            JsonNode read = JSON.readTree(object(env, prefix + "/_trainset/dataset.json"));
            return read.path("rows").asLong() == rows
                            && read.path("completeness").path("complete").asBoolean()
                    ? read
                    : null;
        });
        JsonNode completeness = card.path("completeness");
        assertThat(completeness.path("units_reported").asInt()).isEqualTo(2);
        assertThat(completeness.path("complete_up_to").isTextual()).isTrue();
        assertThat(completeness.path("complete_up_to_ms").isIntegralNumber()).isTrue();
        assertThat(new String(object(env, prefix + "/_trainset/README.md"), StandardCharsets.UTF_8))
                .contains(
                        "Complete up to " + completeness.path("complete_up_to").asText() + ":");

        long nullLabel = 0;
        long spelledNull = 0;
        for (JsonNode cell : card.path("counts")) {
            if (cell.path("label").isNull()) {
                nullLabel += cell.path("rows").asLong();
            } else if (cell.path("label").asText().equals("null")) {
                spelledNull += cell.path("rows").asLong();
            }
        }
        assertThat(nullLabel).as("timed-out rows counted under the null label").isEqualTo(TIMED_OUT);
        assertThat(spelledNull).as("rows counted under the label \"null\"").isEqualTo(1);
        assertThat(card.path("join").path("timed_out_rows").asLong()).isEqualTo(TIMED_OUT);
    }

    /** Both empty-key records are in the dead-letter queue, reported by {@code connector} with the reason. */
    private static void assertEmptyKeysDeadLettered(SupportRoutingEnvironment env, String connector) {
        List<ConsumerRecord<String, String>> reports =
                env.connect.consumeToEnd(SupportRoutingEnvironment.DLQ, Duration.ofSeconds(30)).stream()
                        .filter(r -> connector.equals(header(r, CONNECTOR_NAME_HEADER)))
                        .toList();
        assertThat(reports)
                .extracting(r -> header(r, TOPIC_HEADER))
                .containsExactlyInAnyOrder(SupportRoutingEnvironment.ISSUES, SupportRoutingEnvironment.RESOLUTIONS);
        assertThat(reports).extracting(ConsumerRecord::key).containsOnly("");
        assertThat(reports).extracting(r -> header(r, MESSAGE_HEADER)).allMatch(m -> m.contains("join key is empty"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] object(SupportRoutingEnvironment env, String key) {
        return env.s3
                .s3Client()
                .getObjectAsBytes(b -> b.bucket(BUCKET).key(key))
                .asByteArray();
    }
}
