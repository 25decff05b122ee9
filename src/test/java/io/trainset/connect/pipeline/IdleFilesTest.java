package io.trainset.connect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The stall rule of {@link IdleFiles} at its threshold: a {@code put()} that took more than a quarter of
 * {@code rotate.inactivity.ms} was not reading, so its time is no silence; one that took a quarter or less is.
 */
class IdleFilesTest {

    private static final CommitTiming TIMING = new CommitTiming(Duration.ofSeconds(60), Duration.ofMillis(2_000));
    private static final long T = 1_000_000;

    private static IdleFiles rowsSeenAt(long nowMs) {
        IdleFiles idle = new IdleFiles();
        idle.look(10, nowMs);
        return idle;
    }

    @Test
    void aPutOfAQuarterOfTheIntervalCountsAsSilence() {
        IdleFiles idle = rowsSeenAt(T);

        idle.putEnded(T, T + 500, TIMING);

        assertThat(idle.dueMs(TIMING)).isEqualTo(T + 2_000);
    }

    @Test
    void aPutLongerThanAQuarterOfTheIntervalDoesNot() {
        IdleFiles idle = rowsSeenAt(T);

        idle.putEnded(T, T + 501, TIMING);

        assertThat(idle.dueMs(TIMING)).as("the put()'s 501 ms added").isEqualTo(T + 2_501);
    }

    @Test
    void aLongPutAfterTheRowsWereCommittedChangesNothing() {
        IdleFiles idle = rowsSeenAt(T);
        idle.committing(T + 100, TIMING, true);

        idle.putEnded(T + 100, T + 5_000, TIMING);

        assertThat(idle.dueMs(TIMING))
                .as("no row since the commit: nothing to finish")
                .isEqualTo(Long.MAX_VALUE);
        idle.look(11, T + 5_000);
        assertThat(idle.dueMs(TIMING)).isEqualTo(T + 7_000);
    }
}
