package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row is counted in the cell of its split and label, whichever cell the row before it was counted in. */
class CardStatsTest {

    private static Row row(String key, String label, long submittedAtMs, Long resolvedAtMs) {
        return new Row(
                key,
                Features.EMPTY,
                label,
                submittedAtMs,
                resolvedAtMs,
                label == null ? JoinStatus.TIMED_OUT : JoinStatus.JOINED,
                label == null ? 0 : 1,
                List.of());
    }

    @Test
    void rowsAreCountedInTheirOwnCellsInTheOrderTheCellsFirstCame() {
        CardStats stats = new CardStats();
        stats.addRow(row("K1", "billing", 1_000, 61_000L), "train");
        stats.addRow(row("K2", "billing", 2_000, 3_000L), "train");
        stats.addRow(row("K3", null, 3_000, null), "train");
        stats.addRow(row("K4", new String("billing"), 4_000, 5_000L), "train"); // an equal label, another string
        stats.addRow(row("K5", "billing", 5_000, 6_000L), "test");
        stats.addRow(row("K6", null, 6_000, null), "train");
        stats.addRow(row("K7", "tech", 7_000, 8_000L), "train");
        stats.addRow(row("K8", null, 8_000, null), "train");

        JsonNode cells = stats.toJson().path("cells");
        List<String> counted = new ArrayList<>();
        cells.forEach(c -> counted.add(c.path("split").asText() + "/"
                + c.path("label").asText() + ": " + c.path("rows").asLong() + " rows, "
                + c.path("timed_out").asLong() + " timed out"));

        assertThat(counted)
                .containsExactly(
                        "train/billing: 3 rows, 0 timed out",
                        "train/null: 3 rows, 3 timed out",
                        "test/billing: 1 rows, 0 timed out",
                        "train/tech: 1 rows, 0 timed out");
        assertThat(cells.get(1).path("label").isNull()).isTrue();
        assertThat(stats.rows()).isEqualTo(8);
        assertThat(stats.lags.count()).isEqualTo(5);
        assertThat(stats.toJson().path("lag_histogram").toString()).isEqualTo("{\"80\":4,\"127\":1}");
        assertThat(stats.toJson().path("min_event_ms").asLong()).isEqualTo(1_000);
        assertThat(stats.toJson().path("max_event_ms").asLong()).isEqualTo(8_000);
    }

    @Test
    void aMergedCellKeepsCountingTheRowsOfTheCellBeforeTheMerge() {
        CardStats stats = new CardStats();
        stats.addRow(row("K1", "billing", 1_000, 2_000L), "train");
        CardStats other = new CardStats();
        other.addRow(row("K2", "billing", 2_000, 3_000L), "train");
        stats.merge(other);
        stats.addRow(row("K3", "billing", 3_000, 4_000L), "train");

        assertThat(stats.toJson().path("cells")).hasSize(1);
        assertThat(stats.toJson().path("cells").get(0).path("rows").asLong()).isEqualTo(3);
        assertThat(stats).isEqualTo(CardStats.fromJson(stats.toJson()));
    }
}
