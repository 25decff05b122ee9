package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How {@link ChunkedOutput} cuts a stream: each chunk handed over once full, so it holds one chunk at most. */
class ChunkedOutputTest {

    private static final int CHUNK = 1024;

    private final List<String> handedOver = new ArrayList<>();
    private final ChunkedOutput out =
            new ChunkedOutput(CHUNK, "p/", (key, bytes) -> handedOver.add(key + ":" + bytes.length));

    @Test
    void bytesThatFitInOneChunkStayInline() throws IOException {
        out.write(new byte[CHUNK - 1]);
        out.write(7);

        EncodedJoin encoded = out.finish();

        assertThat(handedOver).isEmpty();
        assertThat(encoded.isChunked()).isFalse();
        assertThat(encoded.inline()).hasSize(CHUNK).endsWith((byte) 7);
    }

    @Test
    void eachChunkIsHandedOverAsSoonAsBytesFollowIt() throws IOException {
        out.write(new byte[2 * CHUNK + 1]);
        assertThat(handedOver)
                .as("while the stream is written")
                .containsExactly("p/state-00000:1024", "p/state-00001:1024");
        out.write(new byte[10]);

        EncodedJoin encoded = out.finish();

        assertThat(handedOver).containsExactly("p/state-00000:1024", "p/state-00001:1024", "p/state-00002:11");
        assertThat(encoded).isEqualTo(EncodedJoin.chunked("p/", 3));
        assertThat(encoded.chunks()).containsExactly("p/state-00000", "p/state-00001", "p/state-00002");
    }

    @Test
    void chunksLargerThanABlockKeepEveryByteInOrder() throws IOException {
        int chunk = 200_000; // three blocks and a part
        List<byte[]> chunks = new ArrayList<>();
        ChunkedOutput large = new ChunkedOutput(chunk, "p/", (key, bytes) -> chunks.add(bytes));
        Random random = new Random(10);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        while (written.size() < 2 * chunk + 12_345) {
            byte[] piece = new byte[random.nextInt(100_000)]; // pieces across block and chunk ends
            random.nextBytes(piece);
            large.write(piece);
            written.write(piece);
            large.write(piece.length & 0xFF);
            written.write(piece.length & 0xFF);
        }

        EncodedJoin encoded = large.finish();

        ByteArrayOutputStream handed = new ByteArrayOutputStream();
        for (byte[] bytes : chunks) {
            handed.write(bytes);
        }
        assertThat(encoded.chunks()).hasSize(chunks.size());
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(bytes -> assertThat(bytes).hasSize(chunk));
        assertThat(handed.toByteArray()).isEqualTo(written.toByteArray());
    }

    @Test
    void aStateOfSeveralBlocksInOneChunkStaysInlineWhole() throws IOException {
        ChunkedOutput large = new ChunkedOutput(1 << 20, "p/", (key, bytes) -> handedOver.add(key));
        byte[] bytes = new byte[150_000];
        new Random(11).nextBytes(bytes);
        large.write(bytes, 0, 65_535);
        large.write(bytes, 65_535, bytes.length - 65_535);

        EncodedJoin encoded = large.finish();

        assertThat(handedOver).isEmpty();
        assertThat(encoded.inline()).isEqualTo(bytes);
    }
}
