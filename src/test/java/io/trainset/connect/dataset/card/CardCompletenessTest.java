package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.Datasets;
import io.trainset.connect.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card's completeness: each unit's newest commit's offsets, watermark and caught-up state, and the one line. */
class CardCompletenessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAY_30 = Instant.parse("2026-05-30T00:00:00Z").toEpochMilli();
    private static final long MAY_29_NOON =
            Instant.parse("2026-05-29T12:00:00Z").toEpochMilli();
    private static final long AS_OF = Instant.parse("2026-12-05T11:00:00Z").toEpochMilli();

    @TempDir
    Path root;

    private LocalObjectStore store;
    private DatasetCard card;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
        card = Datasets.defaultCard(store, TestClock.atMillis(AS_OF));
    }

    private static UnitProgress progress(int unit, long commit, long offset, long watermarkMs, boolean caughtUp) {
        return new UnitProgress(
                unit,
                commit,
                Map.of("issues-" + unit, offset, "resolutions-" + unit, offset / 2),
                watermarkMs,
                caughtUp,
                AS_OF);
    }

    private JsonNode completeness() throws IOException {
        return JSON.readTree(store.read(DatasetCard.JSON_KEY).orElseThrow()).path("completeness");
    }

    private String readmeLine() throws IOException {
        String readme = new String(store.read(DatasetCard.README_KEY).orElseThrow(), StandardCharsets.UTF_8);
        return readme.lines()
                .filter(l -> l.startsWith("Complete") || l.startsWith("Not complete"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aUnitThatStillReadsItsInputsLeavesTheDatasetIncompleteUpToTheLowestWatermark() throws IOException {
        card.part(0, "aaaa").published(new CardStats(), progress(0, 3, 120, MAY_30, true));
        card.part(1, "bbbb").published(new CardStats(), progress(1, 7, 80, MAY_29_NOON, false));

        card.refreshIfStale();

        assertThat(completeness().toString())
                .isEqualTo("{\"complete\":false,"
                        + "\"complete_up_to\":\"2026-05-29T12:00:00Z\",\"complete_up_to_ms\":" + MAY_29_NOON + ","
                        + "\"units_reported\":2,\"units\":["
                        + "{\"unit\":0,\"commit\":3,\"offsets\":{\"issues-0\":120,\"resolutions-0\":60},"
                        + "\"watermark\":\"2026-05-30T00:00:00Z\",\"watermark_ms\":" + MAY_30 + ",\"caught_up\":true,"
                        + "\"as_of\":\"2026-12-05T11:00:00Z\",\"as_of_ms\":" + AS_OF + "},"
                        + "{\"unit\":1,\"commit\":7,\"offsets\":{\"issues-1\":80,\"resolutions-1\":40},"
                        + "\"watermark\":\"2026-05-29T12:00:00Z\",\"watermark_ms\":" + MAY_29_NOON
                        + ",\"caught_up\":false,"
                        + "\"as_of\":\"2026-12-05T11:00:00Z\",\"as_of_ms\":" + AS_OF + "}]}");
        assertThat(readmeLine())
                .isEqualTo(
                        "Not complete: unit 1 still reads its inputs; decisions are final up to "
                                + "2026-05-29T12:00:00Z (2 join units reported: 0, 1; a unit that never committed is not counted).");
    }

    @Test
    void onceEveryUnitHasCaughtUpTheDatasetIsCompleteUpToTheLowestWatermark() throws IOException {
        card.part(0, "aaaa").published(new CardStats(), progress(0, 3, 120, MAY_30, true));
        WriterPart unit1 = card.part(1, "bbbb");
        unit1.published(new CardStats(), progress(1, 7, 80, MAY_29_NOON, false));

        unit1.published(new CardStats(), progress(1, 8, 80, MAY_30 + 3_600_000, true));
        card.refreshIfStale();

        assertThat(completeness().path("complete").asBoolean()).isTrue();
        assertThat(completeness().path("complete_up_to").asText()).isEqualTo("2026-05-30T00:00:00Z");
        assertThat(readmeLine())
                .isEqualTo("Complete up to 2026-05-30T00:00:00Z: every join unit's decisions up to "
                        + "then are final (2 join units reported: 0, 1; a unit that never committed is not counted).");
    }

    @Test
    void aRestartedUnitsNewerCommitSupersedesTheAbsorbedPartsProgressEvenAfterTheOldWriterWritesAgain()
            throws IOException {
        WriterPart before = card.part(0, "aaaa");
        before.published(new CardStats(), progress(0, 4, 100, MAY_29_NOON, false));
        WriterPart restarted = card.part(0, "bbbb");

        restarted.published(new CardStats(), progress(0, 5, 130, MAY_30, true));
        before.published(new CardStats(), progress(0, 4, 110, MAY_29_NOON, false)); // a zombie's late write
        card.refreshIfStale();

        assertThat(completeness().path("units_reported").asInt()).isEqualTo(1);
        assertThat(completeness().path("units").get(0).path("commit").asLong()).isEqualTo(5);
        assertThat(completeness().path("units").get(0).path("offsets").toString())
                .isEqualTo("{\"issues-0\":130,\"resolutions-0\":65}");
        assertThat(CardParts.read(store, DatasetCard.PARTS + "unit-0000-bbbb").values())
                .singleElement()
                .extracting(p -> p.progress().orElseThrow().commit())
                .isEqualTo(5L);
    }

    @Test
    void aPartThatAbsorbsAnOlderOneKeepsTheOlderProgressWhileItHasNoneOfItsOwn() throws IOException {
        card.part(0, "aaaa").published(new CardStats(), progress(0, 4, 100, MAY_30, true));
        WriterPart restarted = card.part(0, "bbbb");

        restarted.dropped(CardStats.Dropped.DUPLICATES);
        card.refreshIfStale();

        assertThat(store.list(DatasetCard.PARTS)).containsExactly(DatasetCard.PARTS + "unit-0000-bbbb.json");
        assertThat(completeness().path("units").get(0).path("commit").asLong()).isEqualTo(4);
    }

    @Test
    void withoutAnyUnitsProgressTheCardSaysSo() throws IOException {
        card.part(0, "aaaa").dropped(CardStats.Dropped.DUPLICATES);
        card.refreshIfStale();

        assertThat(completeness().toString())
                .isEqualTo("{\"complete\":false,\"complete_up_to\":null,"
                        + "\"complete_up_to_ms\":null,\"units_reported\":0,\"units\":[]}");
        assertThat(readmeLine()).isEqualTo("Not complete: no join unit has published a commit yet.");
    }

    @Test
    void aCaughtUpUnitWithoutAWatermarkLeavesNoHorizon() throws IOException {
        card.part(0, "aaaa").published(new CardStats(), progress(0, 1, 0, Long.MIN_VALUE, true));
        card.refreshIfStale();

        assertThat(completeness().path("complete").asBoolean()).isFalse();
        assertThat(readmeLine())
                .isEqualTo("Not complete: unit 0 has no watermark yet "
                        + "(1 join unit reported: 0; a unit that never committed is not counted).");
    }
}
