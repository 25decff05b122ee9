package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainset.connect.dataset.DatasetShape;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinStatus;
import io.trainset.connect.model.Row;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.LogCapture;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unit's card parts are absorbed by its next writer: bounded in number, every row counted once. */
class CardPartsTest {

    private static final List<Column> TICKET = List.of(new Column("title", ColumnType.STRING));

    @TempDir
    Path root;

    private LocalObjectStore store;
    private DatasetCard card;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
        card = Datasets.defaultCard(store, TestClock.atMillis(1_000));
    }

    /** The stats of one committed file holding {@code rows} rows, keys from {@code first}. */
    private static CardStats file(int first, int rows) {
        CardStats stats = new CardStats();
        for (int n = first; n < first + rows; n++) {
            stats.addRow(
                    new Row(
                            "K" + n,
                            new Features(TICKET, List.of("t")),
                            "billing",
                            n,
                            n + 1L,
                            JoinStatus.JOINED,
                            1,
                            List.of(new SourcePosition("issues", 0, n))),
                    "train");
        }
        stats.addFile(100, TICKET);
        return stats;
    }

    private List<String> partsOf(int unit) throws IOException {
        return store.list(DatasetCard.PARTS + String.format("unit-%04d-", unit));
    }

    @Test
    void theNullLabelOfTimedOutRowsAndALabelSpelledNullAreCountedApart() {
        CardStats stats = new CardStats();
        for (int n = 0; n < 3; n++) {
            stats.addRow(
                    new Row(
                            "T" + n,
                            new Features(TICKET, List.of("t")),
                            null,
                            n,
                            null,
                            JoinStatus.TIMED_OUT,
                            0,
                            List.of(new SourcePosition("issues", 0, n))),
                    "train");
        }
        stats.addRow(
                new Row(
                        "N",
                        new Features(TICKET, List.of("t")),
                        "null",
                        5,
                        6L,
                        JoinStatus.JOINED,
                        1,
                        List.of(new SourcePosition("issues", 0, 5))),
                "train");

        ObjectNode document = CardDocument.render(
                stats,
                Map.of(),
                Datasets.cardContext(
                        store.location(),
                        DatasetShape.defaults().layout(),
                        DatasetShape.defaults().splitSpec(),
                        Optional.empty(),
                        false),
                1,
                java.time.Instant.EPOCH);

        assertThat(document.path("counts").toString())
                .isEqualTo("[{\"split\":\"train\",\"label\":null,\"rows\":3,\"keys\":3},"
                        + "{\"split\":\"train\",\"label\":\"null\",\"rows\":1,\"keys\":1}]");
    }

    @Test
    void strayObjectsAmongThePartsAreNeitherCountedNorAbsorbedNorDeletedAndLoggedOnce() throws IOException {
        List<String> strays = List.of(
                DatasetCard.PARTS + "unit-0000-.DS_Store",
                DatasetCard.PARTS + "unit-0000-copy.json.bak",
                DatasetCard.PARTS + ".DS_Store");
        for (String stray : strays) {
            store.createIfAbsent(stray, "{\"revision\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (LogCapture log = new LogCapture(CardParts.class.getName())) {
            card.part(0, "w0").committed(file(0, 10));
            card.part(0, "w1").committed(file(10, 10));
            card.refreshIfStale();
            assertThat(card.merged().rows()).isEqualTo(20);
            assertThat(log.messages())
                    .filteredOn(m -> m.contains("unit-0000-.DS_Store"))
                    .hasSize(1);
        }
        assertThat(store.list(DatasetCard.PARTS))
                .containsAll(strays)
                .contains(DatasetCard.PARTS + "unit-0000-w1.json")
                .doesNotContain(DatasetCard.PARTS + "unit-0000-w0.json");
    }

    @Test
    void tenRestartsOfAUnitLeaveOnePartAndTheSameTotals() throws IOException {
        card.part(1, "other").committed(file(1_000, 5));
        for (int restart = 0; restart < 10; restart++) {
            WriterPart part = card.part(0, "w" + restart);
            part.committed(file(restart * 10, 10));

            assertThat(partsOf(0)).containsExactly(DatasetCard.PARTS + "unit-0000-w" + restart + ".json");
            assertThat(card.merged().rows()).isEqualTo((restart + 1) * 10L + 5);
        }
        card.refreshIfStale();

        assertThat(partsOf(1)).as("another unit's part is left alone").hasSize(1);
        CardStats merged = card.merged();
        assertThat(merged.files).isEqualTo(11);
        assertThat(merged.bytes).isEqualTo(1_100);
        assertThat(merged.cells.values().iterator().next().keys.estimate()).isEqualTo(105);
    }

    @Test
    void aZombiesLateWriteAfterItsPartWasAbsorbedIsCountedOnceAndAbsorbedByTheNextWriter() throws IOException {
        WriterPart zombie = card.part(0, "old");
        zombie.committed(file(0, 10));
        card.part(0, "new").committed(file(10, 20));
        assertThat(partsOf(0)).containsExactly(DatasetCard.PARTS + "unit-0000-new.json");

        zombie.committed(file(30, 5)); // the commit it had checkpointed before the new owner took over

        assertThat(partsOf(0)).hasSize(2);
        assertThat(card.merged().rows()).isEqualTo(35);

        card.part(0, "next").committed(file(35, 1));

        assertThat(partsOf(0)).containsExactly(DatasetCard.PARTS + "unit-0000-next.json");
        assertThat(card.merged().rows()).isEqualTo(36);
    }

    @Test
    void aPartAbsorbedButNotYetDeletedIsNotCountedTwice() throws IOException {
        card.part(0, "old").committed(file(0, 10));
        byte[] old = store.read(DatasetCard.PARTS + "unit-0000-old.json").orElseThrow();
        card.part(0, "new").committed(file(10, 10));
        store.createIfAbsent(DatasetCard.PARTS + "unit-0000-old.json", old); // as if its deletion had failed

        assertThat(card.merged().rows()).isEqualTo(20);
    }
}
