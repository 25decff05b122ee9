package io.trainset.connect.record;

import io.trainset.connect.model.Wtf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text of a join key: one function of the key's bytes, the same whether the key came as a
 * {@code String} or as {@code byte[]}, and injective (distinct keys never merge, equal keys always
 * meet, across restarts). Bytes that are well-formed UTF-8 are their text, unless that text starts
 * with {@link #PREFIX}; every other key is {@code PREFIX} + the unpadded base64url of its bytes. A
 * {@code String} key's bytes are its UTF-8 (a lone surrogate, which UTF-8 cannot hold, as the three
 * bytes {@link Wtf8} gives it, which are not UTF-8 and so never meet a readable key). Numbers are their text
 * ({@code toString}: a big integer's exact decimal digits).
 */
public final class JoinKeys {

    /** What starts an encoded key (binary, or text that itself starts with the prefix). */
    public static final String PREFIX = "~b64:";

    private JoinKeys() {}

    /** The key text of a record key or key field; null when the value is not a string, bytes or number. */
    public static String of(Object value) {
        if (value instanceof String s) {
            return ofText(s);
        }
        if (value instanceof byte[] bytes) {
            return ofBytes(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return ofBytes(bytes);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /** The key of these bytes. */
    public static String ofBytes(byte[] bytes) {
        String text = strictUtf8(bytes);
        return text == null || text.startsWith(PREFIX) ? encoded(bytes) : text;
    }

    /** The key of this text: the key of its (WTF-8) bytes. */
    public static String ofText(String text) {
        return text.startsWith(PREFIX) || Wtf8.hasLoneSurrogate(text) ? encoded(Wtf8.encode(text)) : text;
    }

    /** The bytes a key stands for (the inverse of {@link #ofBytes}). */
    public static byte[] bytesOf(String key) {
        return key.startsWith(PREFIX)
                ? Base64.getUrlDecoder().decode(key.substring(PREFIX.length()))
                : key.getBytes(StandardCharsets.UTF_8);
    }

    private static String encoded(byte[] bytes) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The text of well-formed UTF-8, or null. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
