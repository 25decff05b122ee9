package io.trainset.connect.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * WTF-8: UTF-8 extended to every Java string, a lone UTF-16 surrogate (which UTF-8 cannot hold)
 * written as its own three bytes ({@code ED A0..BF 80..BF}). Those bytes are not well-formed UTF-8,
 * so a string without lone surrogates has exactly its UTF-8 bytes, and bytes that are UTF-8 read
 * back as {@link String#String(byte[], java.nio.charset.Charset)} reads them.
 */
public final class Wtf8 {

    private Wtf8() {}

    /** Whether the text has a surrogate that is not half of a pair. */
    public static boolean hasLoneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The WTF-8 bytes of a text: its UTF-8 when it has no lone surrogate. */
    public static byte[] encode(String text) {
        if (!hasLoneSurrogate(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int code = text.codePointAt(i); // a lone surrogate is its own code point here
            i += Character.charCount(code);
            if (code < 0x80) {
                out.write(code);
            } else if (code < 0x800) {
                out.write(0xC0 | code >> 6);
                out.write(0x80 | code & 0x3F);
            } else if (code < 0x10000) {
                out.write(0xE0 | code >> 12);
                out.write(0x80 | code >> 6 & 0x3F);
                out.write(0x80 | code & 0x3F);
            } else {
                out.write(0xF0 | code >> 18);
                out.write(0x80 | code >> 12 & 0x3F);
                out.write(0x80 | code >> 6 & 0x3F);
                out.write(0x80 | code & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** The text of WTF-8 bytes (the inverse of {@link #encode}); other bytes as UTF-8 decoding reads them. */
    public static String decode(byte[] bytes) {
        int first = nextSurrogate(bytes, 0);
        if (first < 0) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        int from = 0;
        for (int at = first; at >= 0; at = nextSurrogate(bytes, from)) {
            text.append(new String(bytes, from, at - from, StandardCharsets.UTF_8));
            text.append((char) (0xD000 | (bytes[at + 1] & 0x3F) << 6 | bytes[at + 2] & 0x3F));
            from = at + 3;
        }
        return text.append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8))
                .toString();
    }

    /** Where the next three bytes of a surrogate start, from {@code from} on; -1 when none. */
    private static int nextSurrogate(byte[] bytes, int from) {
        for (int i = from; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xE0) == 0xA0 && (bytes[i + 2] & 0xC0) == 0x80) {
                return i;
            }
        }
        return -1;
    }
}
