package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.issue;
import static io.trainset.connect.pipeline.PipelineFixture.resolution;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainset.connect.dataset.card.DatasetCard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset card as the pipeline commits: its row counts and each unit's offsets, watermark and caught-up
 * state.
 */
class PipelineCardTest {

    private final PipelineFixture fx;

    PipelineCardTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
    }

    /** A pipeline with a card, an idle timeout of 1 min and a commit interval of 30 s, opened on unit 0. */
    private SinkPipeline openedWithIdleTimeout() {
        return fx.opened(
                fx.builder()
                        .withCard()
                        .settings(settings().withIdleTimeout(Duration.ofMinutes(1)))
                        .commitInterval(Duration.ofSeconds(30))
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
    }

    private JsonNode card() throws IOException {
        return new ObjectMapper().readTree(fx.store.read(DatasetCard.JSON_KEY).orElseThrow());
    }

    private JsonNode cardCompleteness() throws IOException {
        return card().path("completeness");
    }

    private long cardRows() throws IOException {
        return card().path("rows").asLong();
    }

    @Test
    void eachCommitWithNoOtherWaitingWritesTheCardViewAtOnce() throws IOException {
        SinkPipeline pipeline = fx.opened(fx.builder().withCard().build(), ISSUES_0, RESOLUTIONS_0);

        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));
        fx.advanceEventTime(pipeline, 0, T0 + 3_001);
        assertThat(cardRows()).isEqualTo(1);
        fx.put(pipeline, issue(0, 4, "ISSUE-2", "Crash"), resolution(0, 8, "ISSUE-2", "technical"));
        fx.advanceEventTime(pipeline, 0, T0 + 8_001);

        assertThat(cardRows())
                .as("the second commit, at the same instant, rewrote the view")
                .isEqualTo(2);
    }

    @Test
    void eachCommitsOffsetsWatermarkAndCaughtUpStateReachTheCardsCompleteness() throws IOException {
        SinkPipeline pipeline = openedWithIdleTimeout();
        fx.put(pipeline, issue(0, 0, "ISSUE-1", "Charged twice"), resolution(0, 3, "ISSUE-1", "billing"));

        fx.clock.advance(Duration.ofSeconds(30));
        pipeline.put(List.of()); // the commit interval: the inputs were quiet for 30 s, not the idle timeout
        JsonNode reading = cardCompleteness().path("units").get(0);
        fx.clock.advance(Duration.ofSeconds(60));
        pipeline.put(List.of()); // quiet for 90 s: the unit's watermark follows the clock and decides ISSUE-1

        assertThat(reading.path("offsets").toString()).isEqualTo("{\"issues-0\":1,\"resolutions-0\":4}");
        assertThat(reading.path("watermark_ms").asLong())
                .as("the lower input's highest event time")
                .isEqualTo(T0);
        assertThat(reading.path("caught_up").asBoolean()).isFalse();
        JsonNode caughtUp = cardCompleteness();
        assertThat(cardRows()).isEqualTo(1);
        assertThat(caughtUp.path("units").get(0).path("commit").asLong()).isEqualTo(2);
        assertThat(caughtUp.path("units").get(0).path("caught_up").asBoolean()).isTrue();
        assertThat(caughtUp.path("units").get(0).path("as_of_ms").asLong()).isEqualTo(T0 + 90_000);
        assertThat(caughtUp.path("complete_up_to_ms").asLong())
                .as("clock - idle timeout")
                .isEqualTo(T0 + 30_000);
        assertThat(caughtUp.path("complete").asBoolean()).isTrue();
    }

    @Test
    void aUnitThatCatchesUpWithoutWritingARowCommitsOnceSoThatTheCardSaysItCaughtUp() throws IOException {
        SinkPipeline pipeline = openedWithIdleTimeout();
        fx.put(pipeline, resolution(0, 0, "ORPHAN", "billing"));
        fx.clock.advance(Duration.ofSeconds(30));
        pipeline.put(List.of());
        assertThat(cardCompleteness().path("units").get(0).path("caught_up").asBoolean())
                .isFalse();

        fx.clock.advance(Duration.ofSeconds(60));
        pipeline.put(List.of()); // both inputs quiet: the orphan is dropped, no row, no file
        fx.clock.advance(Duration.ofMinutes(5));
        pipeline.put(List.of());

        JsonNode unit = cardCompleteness().path("units").get(0);
        assertThat(unit.path("caught_up").asBoolean()).isTrue();
        assertThat(unit.path("commit").asLong())
                .as("one commit for catching up, none after")
                .isEqualTo(2);
        assertThat(unit.path("watermark_ms").asLong()).isEqualTo(T0 + 30_000);
        assertThat(cardRows()).isZero();
        assertThat(card().path("join").path("orphaned_resolutions").asLong())
                .as("the dropped orphan, counted on the files lane for the commit")
                .isEqualTo(1);
    }
}
