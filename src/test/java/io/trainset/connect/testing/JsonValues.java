package io.trainset.connect.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON values as producers write them, well-formed or not, for the tests that read JSON text both
 * ways (straight into the used fields, and into a map first): submitted issues, resolutions, and
 * text that is not a JSON object at all. Field names: {@code id}, {@code title}, {@code description},
 * {@code product}, {@code priority}, {@code score}, {@code customer} ({@code id}, {@code tier}),
 * {@code tags}, {@code meta}, {@code split}, {@code time}, {@code type}; resolutions {@code id},
 * {@code department}, {@code agent}, {@code note}, {@code resolved_at}.
 */
public final class JsonValues {

    private JsonValues() {}

    /** Submitted issues: complete, sparse, with odd types, duplicate fields and bad keys or times. */
    public static List<String> submitted() {
        List<String> values = new ArrayList<>(List.of(
                "{\"id\":\"I-1\",\"title\":\"Charged twice\",\"description\":\"My card was charged twice.\","
                        + "\"product\":\"web\",\"priority\":3,\"score\":0.5,\"customer\":{\"id\":\"C-9\","
                        + "\"tier\":\"pro\",\"email\":\"a@b.c\"},\"tags\":[\"billing\",\"card\"],"
                        + "\"time\":\"2026-11-24T10:15:30Z\",\"type\":\"submitted\",\"meta\":{\"a\":1,\"b\":{\"c\":true}}}",
                "{\"id\":\"I-2\",\"title\":\"Sparse\",\"type\":\"submitted\"}",
                "{\"id\":7,\"priority\":4,\"time\":1764000000000,\"type\":\"submitted\"}",
                "{\"id\":\"I-4\",\"priority\":\"high\",\"type\":\"submitted\"}",
                "{\"id\":\"I-5\",\"customer\":\"pro\",\"type\":\"submitted\"}",
                "{\"id\":\"I-6\",\"customer\":{\"tier\":\"pro\",\"id\":\"C-1\"},\"customer\":{\"id\":\"C-2\"},"
                        + "\"type\":\"submitted\"}",
                "{\"id\":\"I-7\",\"customer\":\"x\",\"customer\":{\"tier\":\"enterprise\"},\"type\":\"submitted\"}",
                "{\"id\":\"I-8\",\"customer\":{\"tier\":\"enterprise\"},\"customer\":null,\"type\":\"submitted\"}",
                "{\"id\":\"I-9\",\"customer\":{\"tier\":[\"a\",\"b\"],\"id\":{\"deep\":1}},\"type\":\"submitted\"}",
                "{\"title\":\"No id\",\"type\":\"submitted\"}",
                "{\"id\":{\"v\":1},\"type\":\"submitted\"}",
                "{\"id\":null,\"type\":\"submitted\"}",
                "{\"id\":\"I-13\",\"tags\":[{\"k\":[1,2.5,null]},\"x\"],\"type\":\"submitted\"}",
                "{\"id\":\"I-14\",\"tags\":[],\"score\":[null,null],\"type\":\"submitted\"}",
                "{\"id\":\"I-15\",\"tags\":[1,2,3],\"score\":2,\"type\":\"submitted\"}",
                "{\"id\":\"I-16\",\"priority\":123456789012345678901234567890,\"type\":\"submitted\"}",
                "{\"id\":\"I-17\",\"priority\":2.5,\"score\":1e3,\"type\":\"submitted\"}",
                "{\"id\":\"I-18\",\"title\":\"line\\nbreak \\\"quoted\\\" \\u00e9 \\ud83d\\ude00 Zürich\",\"type\":\"submitted\"}",
                "{\"x\":[{\"y\":[1,{\"z\":2}]}],\"id\":\"I-19\",\"title\":\"After a skipped field\",\"type\":\"submitted\"}",
                "{\"id\":\"I-20\",\"time\":\"yesterday\",\"type\":\"submitted\"}",
                "{\"id\":\"I-21\",\"time\":true,\"type\":\"submitted\"}",
                "{\"id\":\"I-22\",\"type\":\"other\"}",
                "{\"id\":\"I-23\",\"title\":\"No type\"}",
                "{\"id\":\"I-24\",\"split\":\"train\",\"type\":\"submitted\"}",
                "{\"id\":\"I-25\",\"meta\":{\"a\":\"now text\"},\"type\":\"submitted\"}",
                "{\"id\":\"I-26\",\"meta\":{},\"customer\":{},\"type\":\"submitted\"}",
                "{\"id\":\"I-27\",\"vip\":true,\"flag\":false,\"nothing\":null,\"type\":\"submitted\"}",
                "  {\n  \"id\" : \"I-28\" ,\n  \"title\" : \"Pretty\" ,\n  \"priority\" : -1,\n  \"type\" : \"submitted\"\n}\n",
                "{\"id\":\"I-29\",\"title\":\"Trailing text after the object\",\"type\":\"submitted\"} tail",
                "{\"id\":\"I-30\",\"id\":\"I-30b\",\"title\":\"Second id wins\",\"type\":\"submitted\"}"));
        return values;
    }

    /** Resolutions: labels of every kind, missing or not primitive, with and without extra fields. */
    public static List<String> resolved() {
        return List.of(
                "{\"id\":\"I-1\",\"department\":\"billing\",\"agent\":\"ana\",\"note\":\"Refunded\","
                        + "\"resolved_at\":\"2026-11-24T11:00:00Z\",\"type\":\"resolved\"}",
                "{\"id\":\"I-2\",\"department\":\"Technical \",\"note\":{\"text\":\"Restarted\",\"steps\":2},\"type\":\"resolved\"}",
                "{\"id\":\"I-3\",\"department\":42,\"agent\":7,\"type\":\"resolved\"}",
                "{\"id\":\"I-4\",\"department\":true,\"type\":\"resolved\"}",
                "{\"id\":\"I-5\",\"type\":\"resolved\"}",
                "{\"id\":\"I-6\",\"department\":{\"name\":\"billing\"},\"type\":\"resolved\"}",
                "{\"id\":\"I-7\",\"department\":null,\"type\":\"resolved\"}",
                "{\"id\":\"I-8\",\"department\":\"shipping\",\"resolved_at\":\"not a time\",\"type\":\"resolved\"}",
                "{\"department\":\"billing\",\"type\":\"resolved\"}",
                "{\"id\":\"I-10\",\"department\":\"accounts\",\"agent\":[\"a\",\"b\"],\"type\":\"resolved\"}");
    }

    /** Text that is not one JSON object: other JSON values, nothing, or not JSON. */
    public static List<String> notObjects() {
        return List.of(
                "[1,2]",
                "\"text\"",
                "42",
                "null",
                "true",
                "",
                "   ",
                "{\"id\":\"I-90\",\"title\":\"Truncated\"",
                "not json",
                "{\"junk\":[1,2,,],\"id\":\"I-91\"}",
                "{\"title\":tru,\"id\":\"I-92\"}",
                "{\"id\":\"I-93\",\"customer\":{\"tier\":}}",
                "{\"id\":\"I-94\",}",
                "{\"id\":\"I-95\",\"tags\":[1,2",
                "{\"id\":\"I-96\" \"title\":\"x\"}");
    }
}
