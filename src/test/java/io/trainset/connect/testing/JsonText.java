package io.trainset.connect.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** JSON text of test values, written by hand so that it can hold what a hostile producer writes. */
public final class JsonText {

    private JsonText() {}

    /** JSON text of a value, every non-ASCII code unit (lone surrogates too) as a \\u escape. */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof byte[] bytes) {
            string(out, java.util.Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer) {
            out.append("\"buffer\"");
        } else {
            out.append(value); // null, booleans, numbers (NaN and Infinity make the text invalid JSON)
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                out.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
