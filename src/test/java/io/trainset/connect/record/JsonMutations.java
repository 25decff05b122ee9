package io.trainset.connect.record;

import io.trainset.connect.testing.Gen;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hostile byte-level edits of {@link JsonDocs}' documents: bit flips, bad UTF-8, garbage, truncation, deletion. */
final class JsonMutations {

    private static final String[] GARBAGE = {
        ",",
        "}",
        "]",
        "{",
        "[",
        "\"",
        "\\",
        ":",
        "0",
        "-",
        ".",
        "e",
        "01",
        "NaN",
        "Infinity",
        "+1",
        "tru",
        "nul",
        "/*",
        "//",
        "#",
        "\u0000",
        "\u0001",
        " ",
        "\t",
        "'",
        "\\u12",
        "\\x",
        "1.",
        "1e",
        ",}",
        ",]"
    };
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xFF},
        {(byte) 0xC0, (byte) 0x80},
        {(byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xC3},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {0}
    };

    private JsonMutations() {}

    /** The document's bytes with one to three hostile edits: flips, bad bytes, garbage, truncation, deletion. */
    static byte[] mutated(Gen gen, byte[] bytes) {
        byte[] out = bytes;
        for (int edits = gen.between(1, 3); edits > 0; edits--) {
            int at = gen.between(0, out.length);
            out = switch (gen.between(0, 4)) {
                case 0 -> flipped(gen, out, at);
                case 1 -> inserted(out, at, gen.oneOf(BAD_BYTES));
                case 2 -> inserted(out, at, gen.oneOf(GARBAGE).getBytes(StandardCharsets.UTF_8));
                case 3 -> Arrays.copyOf(out, at);
                default -> deleted(out, at);
            };
        }
        return out;
    }

    private static byte[] flipped(Gen gen, byte[] bytes, int at) {
        byte[] out = bytes.clone();
        if (at < out.length) {
            out[at] = gen.bool() ? (byte) (out[at] ^ (1 << gen.between(0, 7))) : (byte) gen.between(0, 255);
        }
        return out;
    }

    private static byte[] inserted(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static byte[] deleted(byte[] bytes, int at) {
        if (at >= bytes.length) {
            return bytes;
        }
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
        return out;
    }
}
