package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.join.Events;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The early-label flag of a key in the join state's bytes: kept through a checkpoint, absent from the bytes of a key
 * without it (those are the bytes of the format before the mode, so old checkpoints read as without it).
 */
class JoinStateCodecEarlyLabelsTest {

    private static final Event ISSUE = Events.submitted("a", 1_000, 0);
    private static final List<JoinSnapshot.Decided> DECIDED = List.of(new JoinSnapshot.Decided(10, 5, 20));

    private static JoinSnapshot snapshot(boolean provisional) {
        return new JoinSnapshot(
                1_100,
                Map.of(),
                List.of(new JoinSnapshot.KeySnapshot(
                        "a",
                        List.of(ISSUE),
                        List.of(),
                        DECIDED,
                        provisional ? ISSUE.timestampMs() : JoinSnapshot.KeySnapshot.NO_PROVISIONAL)));
    }

    private static byte[] bytes(JoinSnapshot snapshot) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        JoinStateCodec.write(new DataOutputStream(buffer), snapshot, UnaryOperator.identity());
        return buffer.toByteArray();
    }

    private static JoinSnapshot read(byte[] bytes) throws IOException {
        return JoinStateCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)), UnaryOperator.identity());
    }

    @Test
    void aKeyWhoseCaseHadItsProvisionalRowKeepsTheFlagAndItsDecidedWindows() throws IOException {
        assertThat(read(bytes(snapshot(true)))).isEqualTo(snapshot(true));
        assertThat(read(bytes(snapshot(false)))).isEqualTo(snapshot(false));
    }

    @Test
    void theFlagIsTheComplementOfTheDecidedCountThenTheAnchorSoAKeyWithoutItHasTheBytesOfBefore() throws IOException {
        byte[] without = bytes(snapshot(false));
        byte[] with = bytes(snapshot(true));
        // The count is the word before the decided windows (three longs), which end the state; the flagged
        // case's anchor (a long) comes between them.
        int word = without.length - 4 - 24;
        assertThat(with).hasSize(without.length + 8);
        assertThat(Arrays.copyOf(with, word)).isEqualTo(Arrays.copyOf(without, word));
        assertThat(ByteBuffer.wrap(with, word + 4, 8).getLong()).isEqualTo(ISSUE.timestampMs());
        assertThat(Arrays.copyOfRange(with, word + 12, with.length))
                .isEqualTo(Arrays.copyOfRange(without, word + 4, without.length));
        assertThat(ByteBuffer.wrap(without, word, 4).getInt()).isEqualTo(DECIDED.size());
        assertThat(ByteBuffer.wrap(with, word, 4).getInt()).isEqualTo(~DECIDED.size());
    }
}
