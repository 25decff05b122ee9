package io.trainset.connect.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
}
