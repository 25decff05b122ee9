package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.LayoutSpec;
import io.trainset.connect.model.PathLevel;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a starting task takes over from the dataset card: the data columns' types and the labels counted. */
class CardSeedTest {

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    private void writeCard(String json) throws IOException {
        assertThat(store.createIfAbsent(DatasetCard.JSON_KEY, json.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void theDataColumnsTypesAndTheCountedLabelsAreSeeded() throws IOException {
        writeCard("""
                {"schema": [
                   {"name": "key", "type": "string"},
                   {"name": "title", "type": "string"},
                   {"name": "split", "type": "string"},
                   {"name": "dt", "type": "string"},
                   {"name": "priority", "type": "long|string"},
                   {"name": "customer", "type": "struct<tier:string>"},
                   {"name": "join_status", "type": "string"}],
                 "counts": [
                   {"split": "train", "label": "billing", "rows": 3},
                   {"split": "train", "label": null, "rows": 1},
                   {"split": "test", "label": "technical", "rows": 2}]}
                """);

        CardSeed seed = CardSeed.read(store);

        assertThat(seed.columns())
                .containsExactly(
                        Map.entry("title", ColumnType.STRING),
                        Map.entry("customer", ColumnType.parse("struct<tier:string>")));
        assertThat(seed.mixedColumns()).containsExactly("priority");
        assertThat(seed.labels()).containsExactly("billing", "technical");
    }

    @Test
    void aNewDatasetHasNothingToSeed() {
        assertThat(CardSeed.read(store)).isEqualTo(CardSeed.empty());
    }

    @Test
    void anUnreadableCardSeedsNothingAndSaysSo() throws IOException {
        writeCard("""
                {"schema": [{"name": "title", "type": "string"}, {"name": "when", "type": "no such type"}],
                 "counts": [{"label": "billing"}]}
                """);

        try (LogCapture logs = new LogCapture(CardSeed.class.getName())) {
            assertThat(CardSeed.read(store)).isEqualTo(new CardSeed(Map.of(), Set.of(), List.of(), List.of()));

            assertThat(logs.messages())
                    .singleElement()
                    .asString()
                    .startsWith("Could not read the columns and labels of the dataset card _trainset/dataset.json in ")
                    .endsWith(". Column types and the bounds on columns and labels start from the records this task "
                            + "reads.");
        }
    }

    @Test
    void thePathLevelsTheCardRecordsAreKeptAndAnotherLayoutIsRefused() throws IOException {
        writeCard("""
                {"layout": {"path_levels": ["split", "label"]}, "schema": [], "counts": []}
                """);

        CardSeed seed = CardSeed.read(store);

        assertThat(seed.pathLevels()).containsExactly("split", "label");
        seed.requireLayout(LayoutSpec.of(PathLevel.SPLIT, PathLevel.LABEL), store.location());
        assertThatThrownBy(() -> seed.requireLayout(LayoutSpec.of(PathLevel.SPLIT, PathLevel.DATE), "s3://b/p"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("layout.partitions gives split,dt. ")
                .hasMessageEndingWith("Set layout.partitions=split,label to keep appending to this dataset, or write "
                        + "the new layout to a new output.url.");
        CardSeed.empty().requireLayout(LayoutSpec.defaults(), "s3://b/p");
    }
}
