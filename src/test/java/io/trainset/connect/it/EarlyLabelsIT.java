package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.dataset.card.EarlyLabelRecipes;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The early-label mode end to end on a real Connect cluster configured by REST: two connectors read the same topics,
 * one with {@code join.early.window.ms} (1 hour of a 1-day window) and one without. Issues resolved before their early
 * point, after it, and never; hostile labels; a malformed record; a restart of the connector between the provisional
 * rows' commit and the final decisions. Per key the versions reconcile (one final row per
 * case, a provisional row only for the late and the never resolved, the latest version per key equal to the mode-off
 * row), the card counts what the files hold, and DuckDB and Spark run docs/dataset.md's recipes to the same rows.
 */
class EarlyLabelsIT {

    private static final String BUCKET = "early";
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = SupportRoutingEnvironment.DAY;
    private static final int ISSUES = 60;
    /** Labels as producers send them, written as they are (no normalisation configured). */
    private static final List<String> LABELS =
            List.of("billing", "007", "", "a/b", "\"#'*?{[]^", "Rechnungsprüfung 📦", "x=y");

    /** The partitions, and so the clock issues {@link SupportRoutingEnvironment#advanceEventTime} sends each time. */
    private static final int CLOCKS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @SharedEnvironment(name = "trainset-early-it", bucket = BUCKET, partitions = CLOCKS)
    private static SupportRoutingEnvironment env;

    /** n % 3: 0 resolved 10 minutes after submission (before the early point), 1 after three hours, 2 never. */
    private static String kind(int n) {
        return switch (n % 3) {
            case 0 -> "early";
            case 1 -> "late";
            default -> "never";
        };
    }

    private static String key(int n) {
        return String.format("ISSUE-%03d", n);
    }

    private static String label(int n) {
        return LABELS.get(n % LABELS.size());
    }

    @Test
    void provisionalAndFinalRowsReconcileKeyByKeyInEveryReader() throws Exception {
        startConnector("early", Map.of("join.early.window.ms", String.valueOf(HOUR)));
        startConnector("plain", Map.of());

        // Phase 1: every issue, the resolutions before the early points, event time past the early points only.
        env.connect.sendAll(records(true));
        env.connect.send(new ProducerRecord<>(SupportRoutingEnvironment.ISSUES, 0, T0, "BROKEN", "{not json"));
        env.advanceEventTime(T0 + 2 * HOUR);
        int resolvedEarly = ISSUES / 3;
        int provisional = ISSUES - resolvedEarly;
        List<Map<String, Object>> fresh = table("early", resolvedEarly + provisional);
        assertThat(fresh)
                .extracting(r -> r.get("join_status") + "/v" + r.get("label_version") + "/" + r.get("label_final"))
                .as("before any late resolution or timeout: the early finals and the provisional rows")
                .containsOnly("joined/v1/true", "provisional/v1/false")
                .filteredOn("provisional/v1/false"::equals)
                .hasSize(provisional);
        assertCardCounts(fresh, provisional, resolvedEarly);
        assertRecipesInEveryReader(fresh);
        // A restart between the provisional rows' commit and the final decisions: none is written again.
        env.connect.restartConnectorAndTasks("early");
        env.connect.awaitConnectorRunning("early", 1, Duration.ofSeconds(60));

        // Phase 2: the late resolutions, then event time past every window: phase 1's clock issues (one per
        // partition) become cases too, each with a provisional row and a timeout.
        env.connect.sendAll(records(false));
        env.advanceEventTime(T0 + 3 * DAY);
        List<Map<String, Object>> early = table("early", ISSUES + provisional + 2 * CLOCKS);
        List<Map<String, Object>> plain = table("plain", ISSUES + CLOCKS);

        assertVersionsReconcile(issues(early));
        assertThat(latestPerCase(early))
                .as("latest version per case = the mode-off dataset's rows")
                .isEqualTo(byKey(plain));
        assertThat(plain)
                .allSatisfy(
                        row -> assertThat(row).doesNotContainKeys("label_version", "label_final", "case_started_at"));
        assertThat(env.connect.consumeAll(SupportRoutingEnvironment.DLQ, 2 + 2 * CLOCKS, Duration.ofSeconds(30)))
                .as("per connector the malformed record and phase 1's clock resolutions (orphans): nothing else lost")
                .extracting(r -> r.key())
                .containsExactlyInAnyOrder(
                        "BROKEN",
                        "BROKEN",
                        "CLOCK-RESOLUTION-0",
                        "CLOCK-RESOLUTION-0",
                        "CLOCK-RESOLUTION-1",
                        "CLOCK-RESOLUTION-1");
        assertCardCounts(early, provisional + CLOCKS, ISSUES + CLOCKS);
        assertRecipesInEveryReader(early);
    }

    private static void startConnector(String name, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "join.window.after.ms", String.valueOf(DAY),
                "features.include", "title",
                "flush.size", "20",
                "rotate.interval.ms", "1000"));
        config.putAll(overrides);
        env.connect.putConnectorConfig(name, env.connectorConfig(name, config));
        env.connect.awaitConnectorRunning(name, 1, Duration.ofSeconds(60));
    }

    /** Phase 1: the issues and the resolutions before the early points; phase 2: the late resolutions. */
    private static List<ProducerRecord<String, String>> records(boolean firstPhase) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int n = 0; n < ISSUES; n++) {
            long at = T0 + n * 1_000L;
            if (firstPhase) {
                records.add(new ProducerRecord<>(
                        SupportRoutingEnvironment.ISSUES,
                        null,
                        at,
                        key(n),
                        JSON.writeValueAsString(Map.of("title", "n" + n))));
            }
            if (kind(n).equals(firstPhase ? "early" : "late")) {
                long resolvedAt = at + (kind(n).equals("early") ? 10 * MINUTE : 3 * HOUR);
                records.add(new ProducerRecord<>(
                        SupportRoutingEnvironment.RESOLUTIONS,
                        null,
                        resolvedAt,
                        key(n),
                        JSON.writeValueAsString(Map.of("department", label(n)))));
            }
        }
        records.sort(java.util.Comparator.comparingLong(ProducerRecord::timestamp));
        return records;
    }

    /** The rows under {@code prefix} once there are {@code rows} of them, schemas unioned by name. */
    private static List<Map<String, Object>> table(String prefix, int rows) {
        List<ReadFile> files = ConnectClusterFixture.await(rows + " rows of " + prefix, Duration.ofSeconds(120), () -> {
            List<ReadFile> read = DatasetFiles.read(env.s3.s3Client(), BUCKET, prefix + "/");
            return read.stream().mapToInt(f -> f.rows().size()).sum() >= rows ? read : null;
        });
        List<Map<String, Object>> table = DatasetFiles.unionByName(files);
        assertThat(table).hasSize(rows);
        return table;
    }

    /** The rows of the issues, without those of the clock issues. */
    private static List<Map<String, Object>> issues(List<Map<String, Object>> rows) {
        return rows.stream()
                .filter(r -> !((String) r.get("key")).startsWith("CLOCK-"))
                .toList();
    }

    /**
     * One final row per case; a provisional row (label null, version 1, judged at its early point) before a version-2
     * final row iff late; the rows of a case share its case_started_at (here its one submission's time).
     */
    private static void assertVersionsReconcile(List<Map<String, Object>> early) {
        assertThat(early)
                .allSatisfy(r -> assertThat(r.get("case_started_at")).isEqualTo(r.get("submitted_at")))
                .filteredOn(r -> "provisional".equals(r.get("join_status")))
                .allSatisfy(r -> assertThat(((Number) r.get("label_deadline")).longValue()
                                - ((Number) r.get("submitted_at")).longValue())
                        .as("a provisional row's observation time")
                        .isEqualTo(HOUR));
        Map<Object, List<Map<String, Object>>> byKey =
                early.stream().collect(Collectors.groupingBy(r -> r.get("key"), TreeMap::new, Collectors.toList()));
        assertThat(byKey).hasSize(ISSUES);
        for (int n = 0; n < ISSUES; n++) {
            List<String> versions = byKey.get(key(n)).stream()
                    .map(r -> r.get("join_status") + "/v" + r.get("label_version") + "/" + r.get("label_final") + "/"
                            + r.get("label"))
                    .sorted()
                    .toList();
            String expected = switch (kind(n)) {
                case "early" -> "[joined/v1/true/" + label(n) + "]";
                case "late" -> "[joined/v2/true/" + label(n) + ", provisional/v1/false/null]";
                default -> "[provisional/v1/false/null, timed_out/v2/true/null]";
            };
            assertThat(versions.toString()).as(key(n)).isEqualTo(expected);
        }
    }

    /** The comparable content of each case's rows of the highest version, as the mode-off dataset has them. */
    private static Map<Object, List<String>> latestPerCase(List<Map<String, Object>> early) {
        Map<List<Object>, Integer> highest = new HashMap<>();
        early.forEach(r -> highest.merge(caseOf(r), (Integer) r.get("label_version"), Math::max));
        return byKey(early.stream()
                .filter(r -> r.get("label_version").equals(highest.get(caseOf(r))))
                .toList());
    }

    private static List<Object> caseOf(Map<String, Object> row) {
        return Arrays.asList(row.get("key"), row.get("case_started_at"));
    }

    private static Map<Object, List<String>> byKey(List<Map<String, Object>> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("key"),
                        TreeMap::new,
                        Collectors.mapping(
                                r -> Arrays.asList(
                                                r.get("label"),
                                                r.get("join_status"),
                                                r.get("submitted_at"),
                                                r.get("resolved_at"),
                                                r.get("split"),
                                                r.get("title"),
                                                r.get("label_deadline"))
                                        .toString(),
                                Collectors.toList())));
    }

    private static void assertCardCounts(List<Map<String, Object>> early, int provisional, int finals)
            throws Exception {
        JsonNode card = ConnectClusterFixture.await("a current card", Duration.ofSeconds(30), () -> {
            JsonNode read = JSON.readTree(env.s3
                    .s3Client()
                    .getObjectAsBytes(b -> b.bucket(BUCKET).key("early/_trainset/dataset.json"))
                    .asByteArray());
            return read.path("rows").asLong() == early.size() ? read : null;
        });
        assertThat(card.path("join").path("provisional_rows").asLong()).isEqualTo(provisional);
        assertThat(card.path("join").path("final_rows").asLong()).isEqualTo(finals);
        Map<String, long[]> perSplit = new TreeMap<>();
        early.forEach(r -> perSplit.computeIfAbsent((String) r.get("split"), s -> new long[2])[
                Boolean.TRUE.equals(r.get("label_final")) ? 1 : 0]++);
        perSplit.forEach((split, counts) -> {
            assertThat(card.path("per_split").path(split).path("provisional").asLong())
                    .as(split)
                    .isEqualTo(counts[0]);
            assertThat(card.path("per_split").path(split).path("final").asLong())
                    .as(split)
                    .isEqualTo(counts[1]);
        });
        String readme = new String(
                env.s3
                        .s3Client()
                        .getObjectAsBytes(b -> b.bucket(BUCKET).key("early/_trainset/README.md"))
                        .asByteArray(),
                StandardCharsets.UTF_8);
        assertThat(readme).contains(EarlyLabelRecipes.LATEST_PER_CASE_SQL, EarlyLabelRecipes.FINAL_ROWS_SQL);
    }

    /** DuckDB and Spark run the recipes of docs/dataset.md and the card to the rows computed here. */
    private static void assertRecipesInEveryReader(List<Map<String, Object>> early) throws Exception {
        List<String> finals = summary(early.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("label_final")))
                .toList());
        List<String> latest = summary(early.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("label_final"))
                        || early.stream()
                                .noneMatch(
                                        o -> caseOf(o).equals(caseOf(r)) && Boolean.TRUE.equals(o.get("label_final"))))
                .toList());
        for (DatasetReader reader : List.of(DatasetReader.DUCKDB, DatasetReader.SPARK)) {
            Optional<JsonNode> read = reader.run(
                    reader == DatasetReader.SPARK ? "SparkQuery.java" : "duckdb-query.mjs",
                    List.of(
                            env.s3.bucketDirectory(BUCKET).resolve("early").toString(),
                            EarlyLabelRecipes.FINAL_ROWS_SQL,
                            EarlyLabelRecipes.LATEST_PER_CASE_SQL));
            if (read.isEmpty()) {
                System.out.println(reader + " recipe check skipped: the reader is not installed here");
                continue;
            }
            assertThat(rowsOf(read.get().path("results").get(0)))
                    .as(reader + " final rows")
                    .isEqualTo(finals);
            assertThat(rowsOf(read.get().path("results").get(1)))
                    .as(reader + " latest per case")
                    .isEqualTo(latest);
            System.out.printf(
                    "%s ran the early-label recipes: %d final rows, %d latest%n", reader, finals.size(), latest.size());
        }
    }

    private static List<String> summary(List<Map<String, Object>> rows) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(JSON.writeValueAsString(Arrays.asList(
                    r.get("key"), r.get("label"), r.get("join_status"), r.get("label_version"), r.get("label_final"))));
        }
        return out.stream().sorted().toList();
    }

    private static List<String> rowsOf(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.forEach(row -> out.add(row.toString()));
        return out.stream().sorted().toList();
    }
}
