package io.trainset.connect.record;

import java.nio.charset.StandardCharsets;

/**
 * The tokens of JSON text in UTF-8 bytes for {@link JsonFieldScanner}, read from a cursor: whitespace,
 * punctuation, names, strings, numbers and literals. Each is accepted only where Jackson's parser (with
 * {@code JsonFactory}'s defaults) accepts it and read to the value Jackson reads; anything else, valid or
 * not, throws {@link Unsure} and the document is left to Jackson. Not thread-safe: one per thread.
 */
final class JsonTokens {

    /** The text is left to Jackson; one shared instance, without a stack trace (it is control flow). */
    static final class Unsure extends RuntimeException {
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super("left to Jackson", null, false, false);
        }
    }

    /** Longer names and strings are left to Jackson (far below its StreamReadConstraints). */
    static final int MAX_NAME_BYTES = 1_000;

    static final int MAX_STRING_BYTES = 1 << 20;

    private byte[] json;
    private int pos;
    /** The last string or name read: its bytes between the quotes, and what they hold. */
    private int textFrom;

    private int textTo;
    private boolean escaped;
    private boolean ascii;

    /** Starts reading {@code bytes}: whether they are an object that Jackson reads as UTF-8 without a BOM. */
    boolean open(byte[] bytes) {
        json = bytes;
        pos = 0;
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return false; // Jackson would detect UTF-16 or UTF-32
            }
        }
        return take('{');
    }

    /** Lets the bytes go. */
    void close() {
        json = null;
    }

    /** The next byte after whitespace (as Jackson skips it: space, tab, CR, LF), not consumed. */
    int peek() {
        byte[] in = json;
        for (int p = pos; p < in.length; p++) {
            byte b = in[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                pos = p;
                return b;
            }
        }
        throw Unsure.INSTANCE;
    }

    /** Consumes {@code c} if it comes next (after whitespace). */
    boolean take(int c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member or element: true for a comma, false for {@code close}; anything else is left to Jackson. */
    boolean next(int close) {
        int c = peek();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw Unsure.INSTANCE;
    }

    /** A member's name and its colon: the field of {@code keep} it names, null when not kept. */
    Keep name(Keep keep) {
        scanName();
        return escaped ? keep.field(text()) : keep.child(json, textFrom, textTo);
    }

    /** A member's name and its colon: the name. */
    String nameText() {
        scanName();
        return text();
    }

    /** A member's name and its colon, validated and passed over. */
    void skipName() {
        scanName();
    }

    private void scanName() {
        if (peek() != '"') {
            throw Unsure.INSTANCE;
        }
        scanString(MAX_NAME_BYTES);
        if (escaped && Utf8.escapesSurrogate(json, textFrom, textTo) || !take(':')) {
            throw Unsure.INSTANCE;
        }
    }

    String string() {
        scanString(MAX_STRING_BYTES);
        return text();
    }

    /** {@link #string()}, a short ASCII string without escapes taken from {@code repeats} when it came before. */
    String string(RepeatedText repeats) {
        scanString(MAX_STRING_BYTES);
        return escaped || !ascii ? text() : repeats.ascii(json, textFrom, textTo);
    }

    void skipString() {
        scanString(Integer.MAX_VALUE);
    }

    /** Validates the string at the cursor's quote as Jackson does and notes where its text is. */
    private void scanString(int maxBytes) {
        byte[] in = json;
        int p = pos + 1;
        textFrom = p;
        escaped = false;
        ascii = true;
        while (true) {
            p = Utf8.plainEnd(in, p);
            if (p >= in.length) {
                throw Unsure.INSTANCE;
            }
            byte b = in[p];
            if (b == '"') {
                break;
            } else if (b == '\\') {
                p = Utf8.escapeEnd(in, p);
                escaped = true;
            } else if (b < 0) {
                p = Utf8.sequenceEnd(in, p);
                ascii = false;
            } else {
                throw Unsure.INSTANCE; // Jackson refuses unescaped control characters
            }
        }
        textTo = p;
        pos = p + 1;
        if (textTo - textFrom > maxBytes) {
            throw Unsure.INSTANCE;
        }
    }

    private String text() {
        if (escaped) {
            return Utf8.unescaped(json, textFrom, textTo);
        }
        return new String(
                json, textFrom, textTo - textFrom, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** true, false or null. */
    Object literal() {
        return switch (peek()) {
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> throw Unsure.INSTANCE;
        };
    }

    private Object word(String word, Object value) {
        if (pos + word.length() > json.length) {
            throw Unsure.INSTANCE;
        }
        for (int i = 0; i < word.length(); i++) {
            if (json[pos + i] != word.charAt(i)) {
                throw Unsure.INSTANCE;
            }
        }
        pos += word.length();
        return value;
    }

    /** A number as Jackson reads it: Long, BigInteger beyond 64 bits, Double with a fraction or exponent. */
    Object number() {
        int from = pos;
        pos = JsonNumbers.end(json, from);
        return JsonNumbers.value(json, from, pos);
    }

    void skipNumber() {
        pos = JsonNumbers.end(json, pos);
    }
}
