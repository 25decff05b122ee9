package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strings in a checkpoint: every Java string comes back as it was; the bytes of the others are unchanged. */
class PayloadStringsTest {

    private static final String LONE = "a\ud800b\udc00\ud83c\udfab\udbff";

    private static byte[] written(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PayloadCodec.string(new DataOutputStream(bytes), s);
        return bytes.toByteArray();
    }

    private static String read(byte[] bytes) throws IOException {
        return PayloadCodec.string(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void stringsWithLoneSurrogatesComeBackFromACheckpointExactly() throws IOException {
        Features features = new Features(
                List.of(
                        new Column("t" + LONE, ColumnType.STRING),
                        new Column("tags", ColumnType.list(ColumnType.STRING))),
                List.of(LONE, List.of(LONE, "\ud800")),
                LONE);
        Event submitted = new Event(Side.SUBMITTED, LONE, 1, new SourcePosition("issues", 0, 1), features);
        Event resolved = new Event(
                Side.RESOLVED, LONE, 2, new SourcePosition("resolutions", 0, 1), new Resolution(LONE, Features.EMPTY));
        JoinSnapshot join = new JoinSnapshot(
                0,
                Map.of(),
                List.of(new JoinSnapshot.KeySnapshot(LONE, List.of(submitted), List.of(resolved), List.of())));
        Checkpoint checkpoint = new Checkpoint(0, 1, Map.of(), join, List.of());

        assertThat(CheckpointCodec.decode(CheckpointCodec.encode(checkpoint), "test"))
                .isEqualTo(checkpoint);
    }

    @Test
    void aStringWithoutLoneSurrogatesIsWrittenAsItsUtf8AsBeforeAndReadBackFromThem() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800));
                if (random.nextInt(5) == 0) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            String s = text.toString();
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] expected = new byte[4 + utf8.length];
            expected[3] = (byte) utf8.length;
            expected[2] = (byte) (utf8.length >> 8);
            System.arraycopy(utf8, 0, expected, 4, utf8.length);

            assertThat(written(s)).as("seed 7, case %d", i).isEqualTo(expected);
            assertThat(read(expected)).as("seed 7, case %d", i).isEqualTo(s);
        }
    }

    @Test
    void aCheckpointWrittenBeforeReadsAsBeforeWhereALoneSurrogateHadBecomeAQuestionMark() throws IOException {
        byte[] old = "a\ud800".getBytes(StandardCharsets.UTF_8); // what the earlier codec wrote: "a?"
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(old.length);
        out.write(old);

        assertThat(read(bytes.toByteArray())).isEqualTo("a?");
    }
}
