package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.testing.Datasets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The card of a dataset in the early-label mode counts provisional and final rows apart, per split. */
class CardEarlyLabelsTest {

    private static CardContext context(boolean early) {
        DatasetShape shape = DatasetShape.defaults();
        return Datasets.cardContext("file:///data", shape.layout(), shape.splitSpec(), Optional.empty(), early);
    }

    private static Row row(String key, String label, JoinStatus status, int version) {
        return new Row(
                key,
                Features.EMPTY,
                label,
                1_000,
                label == null ? null : 2_000L,
                status,
                label == null ? 0 : 1,
                List.of(),
                Features.EMPTY,
                new Row.Version(version, null, null));
    }

    /** K1 resolved early (one final row), K2 resolved late (provisional, then joined), K3 never (provisional, then timed out). */
    private static CardStats stats() {
        CardStats stats = new CardStats();
        stats.addRow(row("K1", "billing", JoinStatus.JOINED, 1), "train");
        stats.addRow(row("K2", null, JoinStatus.PROVISIONAL, 1), "train");
        stats.addRow(row("K2", "billing", JoinStatus.JOINED, 2), "train");
        stats.addRow(row("K3", null, JoinStatus.PROVISIONAL, 1), "test");
        stats.addRow(row("K3", null, JoinStatus.TIMED_OUT, 2), "test");
        return stats;
    }

    @Test
    void theCardCountsProvisionalAndFinalRowsPerSplitAndInTotal() {
        CardStats merged = CardStats.fromJson(stats().toJson());
        JsonNode card = CardDocument.render(merged, Map.of(), context(true), 1, Instant.EPOCH);

        assertThat(card.path("rows").asLong()).isEqualTo(5);
        assertThat(card.path("join").path("provisional_rows").asLong()).isEqualTo(2);
        assertThat(card.path("join").path("final_rows").asLong()).isEqualTo(3);
        assertThat(card.path("join").path("joined_rows").asLong()).isEqualTo(2);
        assertThat(card.path("join").path("timed_out_rows").asLong()).isEqualTo(1);
        assertThat(card.path("per_split").path("train").path("provisional").asLong())
                .isEqualTo(1);
        assertThat(card.path("per_split").path("train").path("final").asLong()).isEqualTo(2);
        assertThat(card.path("per_split").path("test").path("provisional").asLong())
                .isEqualTo(1);
        assertThat(card.path("per_split").path("test").path("final").asLong()).isEqualTo(1);
        assertThat(card.path("per_split").path("test").path("timed_out").asLong())
                .isEqualTo(1);
    }

    /** Rows written before the mode was turned on (no label_final, read as null) count as final, as in the recipes. */
    @Test
    void rowsWrittenBeforeTheModeCountAsFinal() {
        CardStats before = new CardStats();
        before.addRow(row("K0", "tech", JoinStatus.JOINED, 1), "train");
        CardStats merged = CardStats.fromJson(before.toJson());
        merged.merge(CardStats.fromJson(stats().toJson()));
        JsonNode card = CardDocument.render(merged, Map.of(), context(true), 1, Instant.EPOCH);

        assertThat(card.path("per_split").path("train").path("final").asLong()).isEqualTo(3);
        assertThat(card.path("join").path("final_rows").asLong()).isEqualTo(4);
    }

    @Test
    void theReadmeExplainsTheColumnsAndHowToTrainOnEitherView() {
        CardContext context = context(true);
        String readme = CardReadme.render(CardDocument.render(stats(), Map.of(), context, 1, Instant.EPOCH), context);

        assertThat(readme)
                .contains("## Early labels: provisional and final rows")
                .contains("| provisional / final rows (early labels) | 2 / 3 |")
                .contains("| `train` | 1 | 2 |")
                .contains("| `test` | 1 | 1 |")
                .contains("`label_version = 2`", "`label_final = false`")
                .contains(EarlyLabelRecipes.FINAL_ROWS_SQL, EarlyLabelRecipes.LATEST_PER_CASE_SQL)
                .contains(EarlyLabelRecipes.PANDAS)
                .contains("COALESCE(label_final, TRUE)", "fillna(True)", "case_started_at")
                .contains("`label_deadline - submitted_at` is the time it was observed for")
                .contains("take the final rows first")
                .contains("its provisional row is never superseded")
                .contains("| `train` | (null: timed out or provisional) |");
    }

    @Test
    void aCardWithoutTheModeIsAsBefore() {
        CardStats stats = new CardStats();
        stats.addRow(row("K1", "billing", JoinStatus.JOINED, 1), "train");
        JsonNode card = CardDocument.render(stats, Map.of(), context(false), 1, Instant.EPOCH);

        assertThat(card.path("join").has("provisional_rows")).isFalse();
        assertThat(card.path("per_split").path("train").has("provisional")).isFalse();
        assertThat(stats.toJson().path("cells").get(0).has("provisional")).isFalse();
        assertThat(CardReadme.render(card, context(false)))
                .doesNotContain("Early labels", "provisional")
                .contains("| `train` | `billing` |");
    }

    @Test
    void docsDatasetShowsTheSameRecipesAsTheCard() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "dataset.md"));

        assertThat(docs)
                .contains(EarlyLabelRecipes.FINAL_ROWS_SQL, EarlyLabelRecipes.LATEST_PER_CASE_SQL)
                .contains(EarlyLabelRecipes.PANDAS);
    }
}
