package io.trainset.connect.record;

import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class JoinKeysTest {

    private static byte[] longBytes(long value) {
        try (LongSerializer serializer = new LongSerializer()) {
            return serializer.serialize("t", value);
        }
    }

    @Test
    void keysThatDifferOnlyInNonUtf8BytesStayDistinct() {
        String k128 = JoinKeys.of(longBytes(128));
        String k129 = JoinKeys.of(longBytes(129));

        assertThat(k128).isNotEqualTo(k129);
        assertThat(k128).isEqualTo("~b64:AAAAAAAAAIA");
        assertThat(JoinKeys.bytesOf(k128)).isEqualTo(longBytes(128));
    }

    @Test
    void equalBytesGiveEqualKeysWhateverTheirContainer() {
        byte[] bytes = {1, (byte) 0xFF, 0};

        assertThat(JoinKeys.of(bytes))
                .isEqualTo(JoinKeys.of(bytes.clone()))
                .isEqualTo(JoinKeys.of(ByteBuffer.wrap(bytes.clone())));
    }

    @Test
    void wellFormedUtf8BytesAreTheirTextAndMeetTheSameStringKey() {
        assertThat(JoinKeys.of("ISSUE-\u00fc \ud83c\udfab".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ISSUE-\u00fc \ud83c\udfab")
                .isEqualTo(JoinKeys.of("ISSUE-\u00fc \ud83c\udfab"));
        assertThat(JoinKeys.of(new byte[0])).isEqualTo("").isEqualTo(JoinKeys.of(""));
    }

    @Test
    void aRealKeyThatStartsWithThePrefixIsEncodedSoThatNoBinaryKeyMeetsIt() {
        byte[] binary = {(byte) 0xFF};
        String lookalike = JoinKeys.of(binary); // "~b64:_w"

        assertThat(JoinKeys.of(lookalike)).isNotEqualTo(lookalike).startsWith(JoinKeys.PREFIX);
        assertThat(JoinKeys.of(lookalike.getBytes(StandardCharsets.UTF_8))).isEqualTo(JoinKeys.of(lookalike));
        assertThat(new String(JoinKeys.bytesOf(JoinKeys.of(lookalike)), StandardCharsets.UTF_8))
                .isEqualTo(lookalike);
    }

    @Test
    void aLoneSurrogateIsKeptLosslesslyAsItsWtf8Bytes() {
        String high = JoinKeys.of("a\ud800");
        String low = JoinKeys.of("a\udc00");

        assertThat(high).isEqualTo("~b64:Ye2ggA").isNotEqualTo(low);
        assertThat(JoinKeys.of(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .isEqualTo(high);
        assertThat(io.trainset.connect.model.Wtf8.hasLoneSurrogate(high)).isFalse();
        assertThat(JoinKeys.of("\ud83c\udfab")).isEqualTo("\ud83c\udfab"); // a pair is one code point
    }

    @Test
    void numbersAreTheirExactDecimalText() {
        assertThat(JoinKeys.of(new BigInteger("18446744073709551617"))).isEqualTo("18446744073709551617");
        assertThat(JoinKeys.of(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    }

    @Test
    void aJsonIntegerKeyBeyond64BitsIsItsExactDigitsNotAWrappedLong() {
        EventExtractor extractor = Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED),
                new EventSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Policies.TimeMode.EVENT,
                        Optional.empty(),
                        "submitted",
                        "resolved"),
                () -> 0L,
                Optional.of(FieldPath.parse("id")),
                Optional.empty(),
                FieldPath.parse("label"),
                Extractors.features(List.of(), List.of("id")),
                Extractors.plainResolutions(),
                ValueReader.json(List.of(), true));

        assertThat(extractor.extract(json("{\"id\":18446744073709551617}")).key())
                .isEqualTo("18446744073709551617");
        assertThat(extractor.extract(json("{\"id\":1}")).key()).isEqualTo("1");
    }

    @Test
    void byteKeysOfRecordsAreJoinKeys() {
        EventExtractor extractor = Extractors.events(
                Map.of(SUBMITTED_TOPIC, Side.SUBMITTED),
                EventSettings.defaults(),
                () -> 0L,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("label"),
                Extractors.features(List.of(), List.of()));

        assertThat(extractor
                        .extract(record(longBytes(128), Map.of("title", "t")))
                        .key())
                .isNotEqualTo(extractor
                        .extract(record(longBytes(129), Map.of("title", "t")))
                        .key());
    }

    private static SinkRecord json(String text) {
        return record(null, text.getBytes(StandardCharsets.UTF_8));
    }

    private static SinkRecord record(Object key, Object value) {
        return new SinkRecord(SUBMITTED_TOPIC, 0, null, key, null, value, 1, 1_000L, TimestampType.CREATE_TIME);
    }
}
