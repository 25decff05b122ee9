package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.testing.Gen;
import io.trainset.connect.testing.SeededCases;
import io.trainset.connect.testing.SupportTickets;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    void exactlyMaxDepthLevelsAreScannedAndOneMoreIsLeftToJackson() {
        for (String field : List.of("a", "z")) { // kept whole, skipped
            assertThat(scanned(List.of("a"), "{\"" + field + "\":" + nested(JsonFieldScanner.MAX_DEPTH - 1) + "}"))
                    .as("%d levels under %s", JsonFieldScanner.MAX_DEPTH, field)
                    .isTrue();
            assertThat(scanned(List.of("a"), "{\"" + field + "\":" + nested(JsonFieldScanner.MAX_DEPTH) + "}"))
                    .as("%d levels under %s", JsonFieldScanner.MAX_DEPTH + 1, field)
                    .isFalse();
        }
        // Objects on a kept path count as levels too: the root and 99 more, then one more.
        String objects = "{\"b\":".repeat(JsonFieldScanner.MAX_DEPTH) + "1" + "}".repeat(JsonFieldScanner.MAX_DEPTH);
        assertThat(scanned(List.of("b.b.c"), objects)).isTrue();
        assertThat(scanned(List.of("b.b.c"), "{\"b\":" + objects + "}")).isFalse();
    }

    @Test
    void namesStringsAndNumbersAtTheLimitAreScannedAndOneBytePastIsLeftToJackson() {
        int name = JsonTokens.MAX_NAME_BYTES;
        assertThat(scanned(List.of("a"), "{\"" + "n".repeat(name) + "\":1,\"a\":2}"))
                .isTrue();
        assertThat(scanned(List.of("a"), "{\"" + "n".repeat(name + 1) + "\":1,\"a\":2}"))
                .isFalse();
        int string = JsonTokens.MAX_STRING_BYTES;
        assertThat(scanned(List.of("a"), "{\"a\":\"" + "é".repeat(string / 2) + "\"}"))
                .isTrue();
        assertThat(scanned(List.of("a"), "{\"a\":\"" + "é".repeat(string / 2) + "s\"}"))
                .isFalse();
        int number = JsonNumbers.MAX_NUMBER_BYTES;
        assertThat(scanned(List.of("a"), "{\"a\":-" + "9".repeat(number - 1) + "}"))
                .isTrue();
        assertThat(scanned(List.of("a"), "{\"a\":-" + "9".repeat(number) + "}")).isFalse();
        assertThat(scanned(List.of("a"), "{\"a\":1." + "5".repeat(number - 2) + "}"))
                .isTrue();
        assertThat(scanned(List.of("a"), "{\"a\":1." + "5".repeat(number - 1) + "}"))
                .isFalse();
    }

    /** Whether the scanner reads the document itself (checking that it agrees with Jackson, which accepts it). */
    private static boolean scanned(List<String> paths, String json) {
        Case c = new Case(paths.stream().map(FieldPath::parse).toList(), bytes(json));
        assertThat(agreesWithJackson(c)).as("accepted by Jackson").isTrue();
        return ValueReader.json(c.paths(), false).scanned(c.json()) != null;
    }

    /** An array {@code levels} deep. */
    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    @Test
    void readersSharedByThreadsReadWhatJacksonReads() throws Exception {
        List<ValueReader> readers = Stream.of(
                        List.of("a"), List.of("a", "b.id", "é"), List.of("id", "x y", "𝄞.a", "q\"", "名前"))
                .map(paths ->
                        ValueReader.json(paths.stream().map(FieldPath::parse).toList(), false))
                .toList();
        List<ValueReader> jackson =
                readers.stream().map(ValueReader::jacksonOnly).toList();
        int threads = 4;
        int perThread = 1_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long first = 1 + (long) t * perThread;
                results.add(pool.submit(() -> {
                    int scanned = 0;
                    for (long seed = first; seed < first + perThread; seed++) {
                        Gen gen = new Gen(seed);
                        byte[] json = bytes(JsonDocs.document(gen));
                        byte[] input = gen.bool() ? json : JsonMutations.mutated(gen, json);
                        int r = (int) (seed % readers.size());
                        assertThat(catchingRead(readers.get(r), input))
                                .as("seed %d", seed)
                                .isEqualTo(catchingRead(jackson.get(r), input));
                        scanned += readers.get(r).scanned(input) == null ? 0 : 1;
                    }
                    return scanned;
                }));
            }
            int scanned = 0;
            for (Future<Integer> result : results) {
                scanned += result.get(2, TimeUnit.MINUTES);
            }
            assertThat(scanned).as("documents the scanner read").isGreaterThan(threads * perThread / 3);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What readFields reads, exactly, or the message it throws. */
    private static String catchingRead(ValueReader reader, byte[] json) {
        try {
            return exactly(reader.readFields(json));
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
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

        ValueReader reader = ValueReader.json(paths, false);
        assertThat(slots).isNotNull().hasSize(3);
        assertThat(reader.slot(paths.get(0)).get(slots))
                .isEqualTo("line\nbreak \"quoted\" back\\slash / \b\f\r\t é€ \ud834\udd1e \udc00 é€𝄞");
        assertThat(reader.slot(paths.get(1)).get(slots)).isEqualTo(List.of("A"));
        assertThat(exactly(reader.slot(paths.get(2)).get(slots))).isEqualTo(exactly(-0.0));
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
