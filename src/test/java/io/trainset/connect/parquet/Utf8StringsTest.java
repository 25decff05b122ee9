package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/** Strings encoded into reused arrays give exactly the bytes of {@link String#getBytes} in UTF-8. */
class Utf8StringsTest {

    private final Utf8Strings strings = new Utf8Strings();

    @Test
    void everyStringGivesTheBytesOfGetBytesAlsoAfterLongerAndShorterOnes() {
        List<String> values = List.of(
                "",
                "ISSUE-000000042",
                "x".repeat(5000),
                "Café crème, naïve",
                "ascii after a long one",
                "チケット 😀",
                "lone high surrogate at the end \uD83D",
                "lone low \uDE00 surrogate in the middle",
                "reversed pair \uDE00\uD83D",
                "\u0000 control \u007F and \u0080 edges \u07FF\u0800\uFFFF",
                "y".repeat(Utf8Strings.MAX_REUSED_CHARS),
                "z".repeat(Utf8Strings.MAX_REUSED_CHARS + 1) + "é",
                "short again");

        for (String value : values) {
            Binary encoded = strings.encode(value);
            assertThat(encoded.getBytes())
                    .as("bytes of a %d-character string", value.length())
                    .isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStringWithinTheBoundIsEncodedIntoTheReusedArray() {
        Binary first = strings.encode("first value");
        Binary second = strings.encode("second");

        assertThat(first.isBackingBytesReused()).isTrue();
        assertThat(second.isBackingBytesReused()).isTrue();
        assertThat(second.toByteBuffer().array()).isSameAs(first.toByteBuffer().array());
        assertThat(strings.encode("w".repeat(Utf8Strings.MAX_REUSED_CHARS + 1)).isBackingBytesReused())
                .isFalse();
    }
}
