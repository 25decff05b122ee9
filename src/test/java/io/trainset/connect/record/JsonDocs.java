package io.trainset.connect.record;

import io.trainset.connect.testing.Gen;
import java.util.ArrayList;
import java.util.List;

/**
 * Random JSON documents as bytes for the scanner's differential test: every value kind in every textual
 * shape Jackson accepts (whitespace, escapes of every kind, raw UTF-8 of one to four bytes, lone surrogates
 * as escapes, numbers of every shape and size, duplicate names); {@link JsonMutations} spoils them.
 */
final class JsonDocs {

    /** Field names, few so that kept fields, unkept fields and duplicates all come up. */
    static final String[] NAMES = {"a", "b", "id", "é", "名前", "x y", "q\"", "𝄞", "tab\t"};

    private static final String[] NUMBERS = {
        "0",
        "-0",
        "7",
        "-12",
        "1.0",
        "-0.0",
        "0.5",
        "3.14159",
        "1e5",
        "1E+5",
        "2.5e-3",
        "-1.5E2",
        "0e0",
        "1e400",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "-9223372036854775809",
        "1234567890123456789",
        "999999999999999999",
        "123456789012345678901234567890",
        "0.1000000000000000055511",
        "123456789.12345678",
        "4.9e-324",
        "1.7976931348623157e308",
        "100000000000000000000.0"
    };

    private JsonDocs() {}

    /** A document: an object of random members, maybe with leading whitespace and trailing content. */
    static String document(Gen gen) {
        StringBuilder out = new StringBuilder();
        space(gen, out);
        object(gen, out, 0);
        if (gen.chance(1, 8)) {
            out.append(gen.oneOf(" ", "\n", "x", "{", "}", "[1,", "\"open", "\u0000"));
        }
        return out.toString();
    }

    static String object(Gen gen, StringBuilder out, int depth) {
        out.append('{');
        int members = gen.between(0, depth == 0 ? 8 : 4);
        for (int i = 0; i < members; i++) {
            space(gen, out);
            string(gen, out, gen.oneOf(NAMES), true);
            space(gen, out);
            out.append(':');
            space(gen, out);
            value(gen, out, depth + 1);
            space(gen, out);
            out.append(i + 1 < members ? "," : "");
        }
        space(gen, out);
        return out.append('}').toString();
    }

    private static void value(Gen gen, StringBuilder out, int depth) {
        int kind = gen.between(0, depth > 4 ? 3 : 5);
        switch (kind) {
            case 0 -> out.append(gen.oneOf("true", "false", "null"));
            case 1 -> out.append(number(gen));
            case 2, 3 -> string(gen, out, text(gen), false);
            case 4 -> object(gen, out, depth);
            default -> array(gen, out, depth);
        }
    }

    private static void array(Gen gen, StringBuilder out, int depth) {
        out.append('[');
        int elements = gen.between(0, 4);
        for (int i = 0; i < elements; i++) {
            space(gen, out);
            value(gen, out, depth + 1);
            space(gen, out);
            out.append(i + 1 < elements ? "," : "");
        }
        out.append(']');
    }

    private static String number(Gen gen) {
        return switch (gen.between(0, 3)) {
            case 0 -> gen.oneOf(NUMBERS);
            case 1 -> Long.toString(gen.between(Long.MIN_VALUE, Long.MAX_VALUE) >> gen.between(0, 63));
            case 2 -> (gen.bool() ? "-" : "") + gen.between(0, 99999) + "." + digits(gen, gen.between(1, 18));
            default ->
                gen.between(1, 9)
                        + digits(gen, gen.between(0, 3))
                        + (gen.bool() ? "." + digits(gen, 2) : "")
                        + gen.oneOf("e", "E")
                        + gen.oneOf("", "+", "-")
                        + gen.between(0, 330);
        };
    }

    private static String digits(Gen gen, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + gen.between(0, 9)));
        }
        return digits.toString();
    }

    /** Text of code units from every range: ASCII, controls, Latin-1, BMP, surrogate pairs, lone surrogates. */
    private static String text(Gen gen) {
        StringBuilder text = new StringBuilder();
        int length = gen.chance(1, 20) ? gen.between(100, 3000) : gen.between(0, 12);
        for (int i = 0; i < length; i++) {
            switch (gen.between(0, 9)) {
                case 0 -> text.append((char) gen.between(0, 0x1F));
                case 1 -> text.append(gen.oneOf("\"", "\\", "/", "é", "€", "名"));
                case 2 -> text.appendCodePoint(gen.between(0x10000, 0x10FFFF));
                case 3 -> text.append((char) gen.between(0x80, 0xFFFF)); // lone surrogates too
                default -> text.append((char) gen.between(0x20, 0x7E));
            }
        }
        return text.toString();
    }

    /**
     * A JSON string: each code unit raw, as a short escape or as a \\u escape (either case), at random; in a
     * name, surrogate pairs raw (the scanner leaves names with escaped surrogates to Jackson).
     */
    private static void string(Gen gen, StringBuilder out, String text, boolean name) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                boolean raw = name || !gen.chance(1, 10);
                unit(gen, out, c, raw);
                unit(gen, out, text.charAt(++i), raw);
            } else {
                unit(
                        gen,
                        out,
                        c,
                        c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c) && !gen.chance(1, 10));
            }
        }
        out.append('"');
    }

    private static void unit(Gen gen, StringBuilder out, char c, boolean raw) {
        String shortEscape = shortEscape(c);
        if (raw) {
            out.append(c);
        } else if (shortEscape != null && gen.bool()) {
            out.append(shortEscape);
        } else {
            String hex = String.format("%04x", (int) c);
            out.append("\\u").append(gen.bool() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static String shortEscape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }

    private static void space(Gen gen, StringBuilder out) {
        if (gen.chance(1, 4)) {
            out.append(gen.oneOf(" ", "\n", "\r\n", "\t", "  "));
        }
    }

    /** One to five paths of one to three of {@link #NAMES}. */
    static List<FieldPath> paths(Gen gen) {
        List<FieldPath> paths = new ArrayList<>();
        for (int i = gen.between(1, 5); i > 0; i--) {
            paths.add(new FieldPath(gen.list(1, 3, () -> gen.oneOf(NAMES))));
        }
        return paths;
    }
}
