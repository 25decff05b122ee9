package io.trainset.connect.pipeline;

import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_0;
import static io.trainset.connect.pipeline.PipelineFixture.ISSUES_1;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_0;
import static io.trainset.connect.pipeline.PipelineFixture.RESOLUTIONS_1;
import static io.trainset.connect.pipeline.PipelineFixture.ROTATE;
import static io.trainset.connect.pipeline.PipelineFixture.T0;
import static io.trainset.connect.pipeline.PipelineFixture.WINDOW;
import static io.trainset.connect.pipeline.PipelineFixture.fileKey;
import static io.trainset.connect.pipeline.PipelineFixture.issueAt;
import static io.trainset.connect.pipeline.PipelineFixture.offsets;
import static io.trainset.connect.pipeline.PipelineFixture.resolutionAt;
import static io.trainset.connect.pipeline.PipelineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.RecordingSink;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.ObjectOutput;
import io.trainset.connect.storage.ObjectStore;
import io.trainset.connect.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rotate.inactivity.ms: a unit whose rows stopped finishes its open files and commits without waiting for the
 * rotation, at most once per rotation interval, and asks for the put() that does it. On the fixture's test clock.
 */
class PipelineIdleFilesTest {

    private static final Duration INACTIVITY = Duration.ofSeconds(2);
    private static final long INACTIVITY_MS = INACTIVITY.toMillis();

    private final PipelineFixture fx;
    private final RecordingSink sink = new RecordingSink();
    private final TaskMetrics metrics;
    /** Tickets written so far. */
    private int tickets;

    PipelineIdleFilesTest(@TempDir Path root) {
        fx = new PipelineFixture(root);
        metrics = new TaskMetrics(fx.clock, sink);
    }

    /** Unit 0 of a pipeline whose files hold up to 100 rows and whose rows stop after {@code inactivity}. */
    private SinkPipeline opened(Duration inactivity) {
        return fx.opened(
                fx.builder()
                        .flushSize(100)
                        .inactivity(inactivity)
                        .metrics(metrics)
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
    }

    /** A ticket resolved to {@code label} and decided, so that its row goes to the unit's open file now. */
    private void ticket(SinkPipeline pipeline, String label) {
        ticket(fx, pipeline, 0, tickets++, label);
    }

    /** Ticket {@code n} of {@code fixture}'s {@code unit}: its records take offsets 2n on both inputs (the clock's 2n + 1). */
    private static void ticket(PipelineFixture fixture, SinkPipeline pipeline, int unit, int n, String label) {
        long at = T0 + n * 1_000L;
        fixture.put(
                pipeline,
                issueAt(unit, 2L * n, at, "K" + n, "t" + n),
                resolutionAt(unit, 2L * n, at + 1, "K" + n, label));
        fixture.advanceEventTime(pipeline, unit, at + 2);
    }

    /** Lets {@code ms} pass and has the worker call put() without records. */
    private void idle(SinkPipeline pipeline, long ms) {
        fx.clock.advanceMillis(ms);
        pipeline.put(List.of());
    }

    private long lastWakeUp() {
        return fx.task.wakeUps().get(fx.task.wakeUps().size() - 1);
    }

    private double filesFinishedIdle() {
        return sink.read(Metric.FILES_FINISHED_IDLE, Map.of());
    }

    @Test
    void theUnitsFilesAreFinishedAndCommittedOnceItsRowsStoppedForTheInactivityInterval() {
        SinkPipeline pipeline = opened(INACTIVITY);
        ticket(pipeline, "billing");
        ticket(pipeline, "billing");
        assertThat(lastWakeUp())
                .as("the next put() asked for when the rows will have stopped")
                .isEqualTo(INACTIVITY_MS);

        idle(pipeline, INACTIVITY_MS - 1);
        assertThat(fx.committedKeys()).as("not before the inactivity interval").isEmpty();
        assertThat(lastWakeUp()).isEqualTo(DueUnits.SOONEST_WAKE_UP_MS);

        try (LogCapture log = new LogCapture(UnitOutput.class.getName())) {
            idle(pipeline, 1);
            assertThat(log.messages())
                    .first()
                    .isEqualTo("Unit 0: no row for 2000 ms (rotate.inactivity.ms): finishing its 1 open files with 2 "
                            + "rows and committing");
        }
        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(fx.rowsOf(fileKey(0, "label=billing", 1, 0))).hasSize(2);
        assertThat(filesFinishedIdle()).isEqualTo(1);
        assertThat(pipeline.preCommit())
                .as("the commit covers what was read")
                .isEqualTo(offsets(ISSUES_0, 4, RESOLUTIONS_0, 4));
    }

    @Test
    void theInactivityIsTheUnitsNotAFilesASplitWithFewRowsWaitsWhileTheOthersAreWritten() {
        SinkPipeline pipeline = opened(INACTIVITY);
        ticket(pipeline, "technical");
        for (int i = 0; i < 5; i++) {
            idle(pipeline, 1_500);
            ticket(pipeline, "billing");
        }
        assertThat(fx.committedKeys())
                .as("the technical file got no row for 7.5 s, but its unit's billing file did")
                .isEmpty();

        idle(pipeline, INACTIVITY_MS);

        assertThat(fx.committedKeys())
                .containsExactlyInAnyOrder(fileKey(0, "label=technical", 1, 0), fileKey(0, "label=billing", 1, 1));
        assertThat(filesFinishedIdle()).isEqualTo(2);
    }

    @Test
    void aUnitFinishesItsFilesForInactivityAtMostOncePerRotationInterval() {
        SinkPipeline pipeline = opened(INACTIVITY);
        ticket(pipeline, "billing");
        idle(pipeline, INACTIVITY_MS);
        assertThat(fx.committedKeys()).hasSize(1);

        ticket(pipeline, "billing");
        idle(pipeline, INACTIVITY_MS);
        assertThat(fx.committedKeys())
                .as("the first finish was less than an interval ago")
                .hasSize(1);
        assertThat(lastWakeUp())
                .as("asked for when the next finish is allowed")
                .isEqualTo(ROTATE.toMillis() - INACTIVITY_MS);

        idle(pipeline, ROTATE.toMillis() - INACTIVITY_MS - 1);
        assertThat(fx.committedKeys()).hasSize(1);
        idle(pipeline, 1);
        assertThat(fx.committedKeys())
                .containsExactly(fileKey(0, "label=billing", 1, 0), fileKey(0, "label=billing", 2, 0));
        assertThat(filesFinishedIdle())
                .as("the second commit was due by the commit interval as well")
                .isEqualTo(1);
    }

    @Test
    void aPutThatStalledIsNoSilenceTheUnitsRowsStopOnlyWhileTheTaskReads() {
        AtomicBoolean slowStore = new AtomicBoolean();
        ObjectStore files = new ForwardingObjectStore(fx.store) {
            @Override
            public ObjectOutput create(String key) throws IOException {
                if (slowStore.get()) {
                    fx.clock.advanceMillis(3 * INACTIVITY_MS);
                }
                return super.create(key);
            }
        };
        SinkPipeline pipeline = fx.opened(
                fx.builder()
                        .flushSize(100)
                        .inactivity(INACTIVITY)
                        .fileStore(files)
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0,
                ISSUES_1,
                RESOLUTIONS_1);
        ticket(pipeline, "billing");
        slowStore.set(true);
        ticket(fx, pipeline, 1, tickets++, "technical");
        slowStore.set(false);

        pipeline.put(List.of());
        assertThat(fx.committedKeys())
                .as("unit 0 got no row for 6 s of wall clock, all of it in a put() that waited for the store")
                .isEmpty();
        idle(pipeline, INACTIVITY_MS);

        assertThat(fx.committedKeys())
                .containsExactlyInAnyOrder(fileKey(0, "label=billing", 1, 0), fileKey(1, "label=technical", 1, 0));
    }

    @Test
    void zeroTurnsItOffTheFilesWaitForTheirRotation() {
        SinkPipeline pipeline = opened(Duration.ZERO);
        ticket(pipeline, "billing");
        assertThat(lastWakeUp()).isEqualTo(ROTATE.toMillis());

        idle(pipeline, ROTATE.toMillis() - 1);
        assertThat(fx.committedKeys()).isEmpty();
        idle(pipeline, 1);

        assertThat(fx.committedKeys()).containsExactly(fileKey(0, "label=billing", 1, 0));
        assertThat(filesFinishedIdle()).isZero();
    }

    @Test
    void theRowsABackfillsIdleTimeoutDecidesAreFinishedAfterTheInactivityIntervalNotAtTheRotation() {
        Duration idleTimeout = Duration.ofMinutes(1);
        SinkPipeline pipeline = fx.opened(
                fx.builder()
                        .flushSize(100)
                        .inactivity(INACTIVITY)
                        .commitInterval(Duration.ofHours(3))
                        .settings(settings().withIdleTimeout(idleTimeout))
                        .build(),
                ISSUES_0,
                RESOLUTIONS_0);
        ticket(pipeline, "billing");
        fx.put(pipeline, issueAt(0, 2, T0 + 5_000, "OPEN", "never resolved"));
        idle(pipeline, INACTIVITY_MS);
        assertThat(fx.committedKeys())
                .as("the backfill's joined row, finished for inactivity")
                .hasSize(1);

        // Every input quiet for the idle timeout: the unit caught up, and its open submission times out now.
        idle(pipeline, WINDOW.plus(idleTimeout).plusMinutes(1).toMillis());
        assertThat(fx.committedKeys()).as("the timed-out row's file is open").hasSize(1);
        idle(pipeline, INACTIVITY_MS);
        assertThat(fx.committedKeys())
                .as("finished once its rows stopped, though the unit finished files for inactivity within the interval")
                .hasSize(2);
    }

    @Test
    void aTrickleOfRowsGetsAtMostTwiceTheFilesOfRotationAlone(@TempDir Path on, @TempDir Path off) {
        int withInactivity = trickleFiles(on, INACTIVITY);
        int rotationAlone = trickleFiles(off, Duration.ZERO);

        assertThat(rotationAlone).isEqualTo(3);
        assertThat(withInactivity)
                .as("the first rows finished at once; then each interval's commit counts as its inactivity finish")
                .isEqualTo(4)
                .isLessThanOrEqualTo(2 * rotationAlone);
    }

    /** The files a unit writes of a row every 3 s for three rotation intervals, 2 s after which it is looked at. */
    private static int trickleFiles(Path root, Duration inactivity) {
        PipelineFixture fixture = new PipelineFixture(root);
        SinkPipeline pipeline = fixture.opened(
                fixture.builder().flushSize(1_000).inactivity(inactivity).build(), ISSUES_0, RESOLUTIONS_0);
        int rows = (int) (3 * ROTATE.toSeconds() / 3);
        for (int n = 0; n < rows; n++) {
            ticket(fixture, pipeline, 0, n, "billing");
            fixture.clock.advanceMillis(2_000);
            pipeline.put(List.of());
            fixture.clock.advanceMillis(1_000);
        }
        fixture.clock.advance(ROTATE);
        pipeline.put(List.of());
        return fixture.committedKeys().size();
    }
}
