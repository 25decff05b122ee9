package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.SeededCases;
import io.trainset.connect.testing.SupportTickets;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFieldScanner} against Jackson's path of {@link ValueReader#readFields}, differentially: for every
 * document, generated or hostile, the scanner either leaves it to Jackson or reads exactly Jackson's values
 * (types, field order, -0.0, lone surrogates), and it leaves to Jackson every document Jackson refuses.
 */
class JsonFieldScannerTest {

    /** Paths to keep and a document's bytes. */
    record Case(List<FieldPath> paths, byte[] json) {
        @Override
        public String toString() {
            return paths + " " + new String(json, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void generatedDocumentsAreScannedToJacksonsValuesWithoutBeingLeftToJackson() {
        int[] scanned = {0};
        SeededCases.check(3000, gen -> new Case(JsonDocs.paths(gen), bytes(JsonDocs.document(gen))), c -> {
            assertThat(agreesWithJackson(c)).as("accepted by Jackson").isTrue();
            if (!startsWithZero(c)) {
                assertThat(ValueReader.json(c.paths(), false).scanned(c.json()))
                        .as("scanned, not left to Jackson")
                        .isNotNull();
                scanned[0]++;
            }
        });
        assertThat(scanned[0]).isGreaterThan(2900);
    }

    @Test
    void hostileMutationsAreLeftToJacksonWheneverJacksonRefusesThem() {
        int[] outcomes = new int[3]; // refused by Jackson, scanned, left to Jackson though valid
        SeededCases.check(
                20_000,
                gen -> new Case(JsonDocs.paths(gen), JsonMutations.mutated(gen, bytes(JsonDocs.document(gen)))),
                c -> {
                    boolean valid = agreesWithJackson(c);
                    boolean scanned = ValueReader.json(c.paths(), false).scanned(c.json()) != null;
                    outcomes[valid ? (scanned ? 1 : 2) : 0]++;
                });
        assertThat(outcomes[0]).as("refused by Jackson").isGreaterThan(5000);
        assertThat(outcomes[1]).as("valid and scanned").isGreaterThan(1000);
    }

    @Test
    void deepNestingIsLeftToJackson() {
        String deep = "[".repeat(JsonFieldScanner.MAX_DEPTH) + "]".repeat(JsonFieldScanner.MAX_DEPTH);
        Case c = new Case(List.of(FieldPath.parse("a")), bytes("{\"a\":" + deep + ",\"b\":1}"));

        assertThat(agreesWithJackson(c)).isTrue();
        assertThat(ValueReader.json(c.paths(), false).scanned(c.json())).isNull();
    }

    @Test
    void supportTicketsAndBenchmarkShapedDocumentsAreScanned() {
        List<String> documents = new ArrayList<>();
        SupportTickets.generate(200, 1_780_000_000_000L, 7, 42).forEach(t -> {
            documents.add(t.issueJson());
            if (t.resolved()) {
                documents.add(t.resolutionJson());
            }
        });
        documents.add("{\"id\":\"ISSUE-000000007\",\"title\":\"Charged twice\",\"description\":\"Kupe mora tise. Ba "
                + "lodi ke.\",\"product\":\"web\",\"priority\":3,\"customer\":{\"tier\":\"pro\"},"
                + "\"time\":\"2026-05-28T20:26:47Z\"}");
        documents.add("{\"id\":\"ISSUE-000000007\",\"department\":\"billing\",\"resolved_by\":\"billing-agent-3\","
                + "\"resolution\":\"Refunded.\",\"time\":\"2026-05-28T21:02:13Z\"}");
        List<FieldPath> paths = List.of(
                FieldPath.parse("title"),
                FieldPath.parse("description"),
                FieldPath.parse("product"),
                FieldPath.parse("priority"),
                FieldPath.parse("customer.tier"),
                FieldPath.parse("department"));
        for (String document : documents) {
            Case c = new Case(paths, bytes(document));
            assertThat(agreesWithJackson(c)).as(document).isTrue();
            assertThat(ValueReader.json(paths, false).scanned(c.json()))
                    .as(document)
                    .isNotNull();
        }
    }

    @Test
    void escapesAreDecodedByTheScannerItself() {
        String document = "{\"a\":\"line\\nbreak \\\"quoted\\\" back\\\\slash \\/ \\b\\f\\r\\t \\u00e9\\u20AC"
                + " \\ud834\\udd1e \\udc00 é€𝄞\",\"q\\\"\":[\"\\u0041\"],\"b\":{\"\\u0069d\":-0.0}}";
        List<FieldPath> paths = List.of(FieldPath.parse("a"), FieldPath.parse("q\""), FieldPath.parse("b.id"));
        Object[] slots = ValueReader.json(paths, false).scanned(bytes(document));

        assertThat(slots).isNotNull();
        assertThat(slots)
                .containsExactlyInAnyOrder(
                        "line\nbreak \"quoted\" back\\slash / \b\f\r\t é€ \ud834\udd1e \udc00 é€𝄞",
                        List.of("A"),
                        -0.0);
        assertThat(agreesWithJackson(new Case(paths, bytes(document)))).isTrue();
    }

    @Test
    void edgeCasesAreScannedAsJacksonReadsThemOrLeftToIt() {
        List<FieldPath> paths = List.of(FieldPath.parse("a"), FieldPath.parse("b.c"));
        // Scanned: read by the scanner, exactly as Jackson reads them.
        for (String json : List.of(
                " \t\r\n{\"a\":-0}",
                "{\"a\":1.0}",
                "{\"a\":-0.0}",
                "{\"a\":1e5}",
                "{\"a\":1E-400}",
                "{\"a\":9223372036854775807}",
                "{\"a\":-9223372036854775808}",
                "{\"a\":9223372036854775808}",
                "{\"a\":-123456789012345678901234567890}",
                "{\"a\":0.30000000000000004}",
                "{\"a\":1,\"a\":2}",
                "{\"b\":{\"c\":1},\"b\":{\"d\":2}}",
                "{\"b\":{\"c\":1},\"b\":3}",
                "{\"a\":\"x\"} trailing, not read",
                "{\"a\":{\"k\":1,\"k\":2,\"j\":3}}",
                "{\"\\u0061\":\"escaped name\"}",
                "{\"a\":\"\\ud800 lone, \\udfff too\"}",
                "{\"a\":\"\u00e9\u20ac\ud834\udd1e\"}")) {
            Case c = new Case(paths, bytes(json));
            assertThat(agreesWithJackson(c)).as(json).isTrue();
            assertThat(ValueReader.json(paths, false).scanned(c.json()))
                    .as(json)
                    .isNotNull();
        }
        // Left to Jackson: refused by it, or not sure (an overlong é, a BOM, an escaped surrogate pair in a name).
        List<byte[]> left = new ArrayList<>(List.of(
                bytes("{\"a\":01}"),
                bytes("{\"a\":NaN}"),
                bytes("{\"a\":-}"),
                bytes("{\"a\":1.}"),
                bytes("{\"a\":.5}"),
                bytes("{\"a\":+1}"),
                bytes("{\"a\":1,}"),
                bytes("{\"a\":\"\\x\"}"),
                bytes("{\"a\":\"tab\there\"}"),
                bytes("{\"a\":tru}"),
                bytes("{\"a\":1 /* comment */}"),
                bytes("{'a':1}"),
                bytes("[1,2]"),
                bytes(""),
                bytes("{\"\\ud834\\udd1e\":1}"),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xA9, '"', '}'},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}));
        for (byte[] json : left) {
            Case c = new Case(paths, json);
            agreesWithJackson(c);
            assertThat(ValueReader.json(paths, false).scanned(json))
                    .as(c.toString())
                    .isNull();
        }
    }

    /**
     * Whether Jackson accepts the document; checks on the way that the scanner leaves it to Jackson when Jackson
     * refuses it, and that what it reads, and what readFields reads, equals Jackson's values exactly.
     */
    private static boolean agreesWithJackson(Case c) {
        ValueReader reader = ValueReader.json(c.paths(), false);
        Object[] jackson;
        try {
            jackson = reader.jacksonOnly().readFields(c.json());
        } catch (IllegalArgumentException refused) {
            assertThat(reader.scanned(c.json()))
                    .as("accepted what Jackson refuses: %s", refused.getMessage())
                    .isNull();
            assertThat(catching(() -> reader.readFields(c.json()))).isEqualTo(refused.getMessage());
            return false;
        }
        Object[] scanned = reader.scanned(c.json());
        if (scanned != null) {
            assertThat(exactly(scanned)).isEqualTo(exactly(jackson));
        }
        assertThat(exactly(reader.readFields(c.json()))).isEqualTo(exactly(jackson));
        return true;
    }

    private static String catching(Runnable read) {
        try {
            read.run();
            return "no exception";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Whether a zero byte comes in the first four, from which Jackson may take the text for UTF-16 or UTF-32. */
    private static boolean startsWithZero(Case c) {
        for (int i = 0; i < Math.min(4, c.json().length); i++) {
            if (c.json()[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** A value with its exact types, order and bits: what equality alone would not tell apart. */
    static String exactly(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getSimpleName();
        if (value instanceof Object[] array) {
            return exactly(java.util.Arrays.asList(array));
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder(type).append('{');
            map.forEach((k, v) ->
                    out.append(exactly(k)).append('=').append(exactly(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder(type).append('[');
            list.forEach(v -> out.append(exactly(v)).append(','));
            return out.append(']').toString();
        }
        if (value instanceof String text) {
            return type
                    + text.chars().mapToObj(ch -> String.format("\\u%04x", ch)).toList();
        }
        if (value instanceof Double d) {
            return type + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        return type + (value instanceof BigInteger || value instanceof Long || value instanceof Boolean ? value : "?");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
