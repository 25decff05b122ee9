package io.trainset.connect.parquet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * Encodes strings to UTF-8 into arrays reused for every value, for Parquet's {@link Binary}: Parquet copies a value's
 * bytes into its page at once, and copies a reused {@link Binary} wherever it keeps one (statistics, dictionary), so
 * no array is allocated per value. The string's characters are copied out at once ({@link String#getChars}, for a
 * Latin-1 string a vectorised widening of its bytes) and encoded by the JDK's UTF-8 encoder, whose loop over ASCII
 * runs is a vectorised intrinsic: ~0.1 ns per character of an 850-character description against ~0.45 ns through
 * {@code charAt} one character at a time (docs/performance.md, "Issue 14, session 6"). The bytes are those of {@link
 * String#getBytes(java.nio.charset.Charset)}: a string the encoder rejects (a lone surrogate, which {@code getBytes}
 * writes as {@code ?}) and a string longer than {@value #MAX_REUSED_CHARS} characters (so that the arrays stay small)
 * are encoded by it, allocating. Not thread-safe.
 */
final class Utf8Strings {

    /** The longest string encoded into the reused arrays. */
    static final int MAX_REUSED_CHARS = 64 * 1024;
    /** The most UTF-8 bytes a char encodes to (a surrogate pair: 4 bytes for 2 chars). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final CharsetEncoder encoder = StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private char[] chars;
    private CharBuffer charBuffer;
    private byte[] bytes;
    private ByteBuffer byteBuffer;

    Utf8Strings() {
        resize(256);
    }

    /** The string's UTF-8 bytes, in an array reused by the next call unless the string is too long for it. */
    Binary encode(String value) {
        int length = value.length();
        if (length > MAX_REUSED_CHARS) {
            return Binary.fromString(value);
        }
        if (chars.length < length) {
            resize(Math.min(MAX_REUSED_CHARS, Math.max(length, chars.length * 2)));
        }
        value.getChars(0, length, chars, 0);
        charBuffer.clear().limit(length);
        byteBuffer.clear();
        encoder.reset();
        CoderResult result = encoder.encode(charBuffer, byteBuffer, true);
        if (!result.isUnderflow()) {
            return Binary.fromString(value); // malformed: the JDK's getBytes replaces what the encoder rejects
        }
        return Binary.fromReusedByteArray(bytes, 0, byteBuffer.position());
    }

    private void resize(int capacity) {
        chars = new char[capacity];
        charBuffer = CharBuffer.wrap(chars);
        bytes = new byte[capacity * MAX_BYTES_PER_CHAR];
        byteBuffer = ByteBuffer.wrap(bytes);
    }
}
