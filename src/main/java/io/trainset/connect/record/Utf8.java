package io.trainset.connect.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bytes inside a JSON string for {@link JsonTokens}: escapes as Jackson decodes them, and UTF-8 sequences
 * accepted only when well-formed (shortest form, no surrogates, at most U+10FFFF), where Jackson's decoding and
 * the JDK's agree; Jackson decodes some ill-formed ones too, which are left to it ({@link JsonTokens.Unsure}).
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private Utf8() {}

    /**
     * The first index from {@code p} of a byte a string cannot hold as it is: a quote, a backslash, a control
     * character or a non-ASCII byte; {@code in.length} when none. Sixteen bytes at a time, as two words of eight:
     * in each word the lowest flagged byte is a true one (see {@link #special}), so the lowest of all is the first.
     */
    static int plainEnd(byte[] in, int p) {
        int at = p;
        for (int last = in.length - 16; at <= last; at += 16) {
            long low = special((long) LONGS.get(in, at));
            long high = special((long) LONGS.get(in, at + 8));
            if ((low | high) != 0) {
                return low != 0 ? at + firstFlagged(low) : at + 8 + firstFlagged(high);
            }
        }
        if (at <= in.length - 8) {
            long special = special((long) LONGS.get(in, at));
            if (special != 0) {
                return at + firstFlagged(special);
            }
            at += 8;
        }
        while (at < in.length && in[at] >= 0x20 && in[at] != '"' && in[at] != '\\') {
            at++;
        }
        return at;
    }

    /**
     * The high bit of each of the eight bytes of {@code x} that is special (see {@link #plainEnd}), and maybe of bytes
     * above one that is. Each term flags a byte by its high bit: {@code x} a non-ASCII byte; {@code (x ^ QUOTES) -
     * ONES} a quote (zero after the xor) or a non-ASCII byte (0x81 or more after it); {@code x - SPACES} a control
     * character or a non-ASCII byte. A subtraction borrows from a byte above only where a byte underflows, and a
     * byte underflows only when it is flagged (from the lowest byte up, which no borrow reaches), so in the OR of the
     * terms the lowest flagged byte is a true one; a borrow can flag only bytes above it.
     */
    private static long special(long x) {
        return (x | ((x ^ QUOTES) - ONES) | ((x ^ BACKSLASHES) - ONES) | (x - SPACES)) & HIGH_BITS;
    }

    private static int firstFlagged(long special) {
        return Long.numberOfTrailingZeros(special) >>> 3;
    }

    /** The end of the escape at {@code p} (a backslash): one of {@code "\/bfnrt} or {@code u} and four hex digits. */
    static int escapeEnd(byte[] in, int p) {
        int kind = byteAt(in, p + 1);
        return switch (kind) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p + 2;
            case 'u' -> {
                for (int i = p + 2; i < p + 6; i++) {
                    if (hex(byteAt(in, i)) < 0) {
                        throw JsonTokens.Unsure.INSTANCE;
                    }
                }
                yield p + 6;
            }
            default -> throw JsonTokens.Unsure.INSTANCE;
        };
    }

    /** The end of the well-formed UTF-8 sequence of two to four bytes at {@code p}. */
    static int sequenceEnd(byte[] in, int p) {
        int lead = in[p] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation(in, p + 1, 0x80, 0xBF);
            return p + 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            continuation(in, p + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
            continuation(in, p + 2, 0x80, 0xBF);
            return p + 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            continuation(in, p + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
            continuation(in, p + 2, 0x80, 0xBF);
            continuation(in, p + 3, 0x80, 0xBF);
            return p + 4;
        }
        throw JsonTokens.Unsure.INSTANCE;
    }

    private static void continuation(byte[] in, int p, int min, int max) {
        int b = byteAt(in, p);
        if (b < min || b > max) {
            throw JsonTokens.Unsure.INSTANCE;
        }
    }

    /** The value of an ASCII hex digit (either case, as Jackson's), -1 for any other byte. */
    private static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** The byte at {@code p} (0 to 255), or -1 past the end. */
    private static int byteAt(byte[] in, int p) {
        return p < in.length ? in[p] & 0xFF : -1;
    }

    /**
     * Whether validated string bytes escape a surrogate ({@code \\uD800} to {@code \\uDFFF}): Jackson pairs them
     * in field names by rules of its own (it refuses some valid pairs), so such names are left to it.
     */
    static boolean escapesSurrogate(byte[] in, int from, int to) {
        for (int p = from; p < to; p++) {
            if (in[p] == '\\') {
                int high = in[p + 1] == 'u' ? hex(in[p + 2]) << 4 | hex(in[p + 3]) : 0;
                if (high >= 0xD8 && high <= 0xDF) {
                    return true;
                }
                p++; // the escaped character is not a backslash of its own
            }
        }
        return false;
    }

    /** The text of validated string bytes {@code in[from, to)} with escapes; every code unit as Jackson gives it. */
    static String unescaped(byte[] in, int from, int to) {
        char[] out = new char[to - from];
        int n = 0;
        int p = from;
        while (p < to) {
            int b = in[p] & 0xFF;
            if (b == '\\') {
                out[n++] = escaped(in, p + 1);
                p += in[p + 1] == 'u' ? 6 : 2;
            } else if (b < 0x80) {
                out[n++] = (char) b;
                p++;
            } else if (b < 0xE0) {
                out[n++] = (char) (((b & 0x1F) << 6) | (in[p + 1] & 0x3F));
                p += 2;
            } else if (b < 0xF0) {
                out[n++] = (char) (((b & 0x0F) << 12) | ((in[p + 1] & 0x3F) << 6) | (in[p + 2] & 0x3F));
                p += 3;
            } else {
                int codePoint = ((b & 0x07) << 18)
                        | ((in[p + 1] & 0x3F) << 12)
                        | ((in[p + 2] & 0x3F) << 6)
                        | (in[p + 3] & 0x3F);
                out[n++] = Character.highSurrogate(codePoint);
                out[n++] = Character.lowSurrogate(codePoint);
                p += 4;
            }
        }
        return new String(out, 0, n);
    }

    /** The character of the validated escape whose kind is at {@code p}. */
    private static char escaped(byte[] in, int p) {
        return switch (in[p]) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' ->
                (char) ((hex(in[p + 1]) << 12) | (hex(in[p + 2]) << 8) | (hex(in[p + 3]) << 4) | hex(in[p + 4]));
            default -> (char) in[p]; // " \ /
        };
    }
}
