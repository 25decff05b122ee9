package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#plainEnd}, word at a time, against the byte-at-a-time definition. */
class Utf8Test {

    /** The definition: the first quote, backslash, control character or non-ASCII byte from {@code p}. */
    private static int plainEndByBytes(byte[] in, int p) {
        int at = p;
        while (at < in.length && in[at] >= 0x20 && in[at] != '"' && in[at] != '\\') {
            at++;
        }
        return at;
    }

    @Test
    void everyByteValueIsFoundAtEveryPlaceOfBothWordsAndTheTail() {
        for (int length = 0; length <= 40; length++) {
            for (int place = 0; place < length; place++) {
                for (int value = 0; value < 256; value++) {
                    byte[] in = new byte[length];
                    Arrays.fill(in, (byte) 'a');
                    in[place] = (byte) value;
                    for (int from = 0; from <= Math.min(place + 1, length); from++) {
                        assertThat(Utf8.plainEnd(in, from))
                                .as("byte %d at %d of %d, from %d", value, place, length, from)
                                .isEqualTo(plainEndByBytes(in, from));
                    }
                }
            }
        }
    }

    @Test
    void theFirstOfSeveralSpecialBytesIsFoundWhateverTheBytesAboveIt() {
        Random random = new Random(14);
        byte[] specials = {'"', '\\', 0, 0x1F, (byte) 0x80, (byte) 0xA0, (byte) 0xFF, 0x7F, 0x20, 0x21, 0x5B, 0x5D};
        for (int round = 0; round < 200_000; round++) {
            byte[] in = new byte[random.nextInt(48)];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(4) == 0
                        ? specials[random.nextInt(specials.length)]
                        : (byte) (0x20 + random.nextInt(0x60));
            }
            int from = in.length == 0 ? 0 : random.nextInt(in.length + 1);
            assertThat(Utf8.plainEnd(in, from))
                    .as("%s from %d", Arrays.toString(in), from)
                    .isEqualTo(plainEndByBytes(in, from));
        }
    }
}
