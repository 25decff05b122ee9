package io.trainset.connect.testing;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records a hostile producer could send, from a seeded {@link Random}: keys of random bytes (often not
 * UTF-8), strings with lone surrogates, NUL, right-to-left marks, emoji, '/', '..', '=', '%'; extreme
 * numbers (Long.MIN/MAX, 2^64+1, NaN, infinities); times far beyond any calendar; deep and wide maps
 * and structs; decimals that do not fit their schema. Labels in field {@code department}, times in
 * {@code created_at}/{@code closed_at}; partition 0 of the issues/resolutions topics.
 */
public final class HostileValues {

    private static final String[] ODD = {
        "",
        "\u0000",
        "\u202Eevil",
        "\ud83c\udfab",
        "/",
        "..",
        "=",
        "%",
        "%2F",
        "a/b/../c",
        "\ud800",
        "\udc00x",
        "~b64:AA",
        "__HIVE_DEFAULT_PARTITION__",
        " ",
        "\r\n",
        "label=x",
        "\\",
        "*?"
    };
    private static final String PUNCTUATION = "/%=.\\\"'{[";
    private static final String[] NAMES = {
        "title",
        "body",
        "n",
        "x",
        "customer",
        "tags",
        "amount",
        "e-mail",
        "key",
        "label",
        "\u00fc",
        "a.b",
        "1st",
        "\ud800",
        ""
    };
    private static final Object[] EXTREMES = {
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        0L,
        -1L,
        Integer.MIN_VALUE,
        new BigInteger("18446744073709551617"),
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -0.0,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Float.NaN,
        true,
        null
    };
    private static final Object[] TIMES = {
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        -1L,
        0L,
        1_764_000_000_000L,
        253402300800000L,
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "2025-11-24T16:00:00+14:00",
        "18446744073709551617",
        "99999999999999999999999",
        "yesterday",
        "",
        1.5e12,
        new BigInteger("18446744073709551617"),
        "\u0661\u0662"
    };

    private final Random random;
    private final HostileStructs structs;

    public HostileValues(Random random) {
        this.random = random;
        this.structs = new HostileStructs(this, random);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A key: random bytes, an odd or long string, an extreme number, or (rarely) nothing or a map. */
    public Object key() {
        return switch (random.nextInt(9)) {
            case 0, 1 -> bytes(random.nextInt(12));
            case 2 -> ByteBuffer.wrap(bytes(random.nextInt(4)));
            case 3 -> string(random.nextInt(20));
            case 4 -> pick(ODD);
            case 5 -> pick(EXTREMES);
            case 6 -> chance(50) ? Map.of("id", 1) : new BigDecimal("1E+3");
            default -> "K-" + random.nextInt(30) + pick(ODD);
        };
    }

    /** A label: mostly short, sometimes odd, multi-byte or longer than a path segment. */
    public Object label() {
        return switch (random.nextInt(8)) {
            case 0 -> string(random.nextInt(400));
            case 1 -> pick(ODD);
            case 2 -> "\u20ac".repeat(70 + random.nextInt(20));
            case 3 -> pick(EXTREMES);
            case 4 -> bytes(random.nextInt(6));
            default -> "billing" + random.nextInt(3);
        };
    }

    public Object time() {
        return chance(85) ? 1_764_000_000_000L + random.nextInt(10_000_000) : pick(TIMES);
    }

    /** A string of random code units: surrogates alone or paired, controls, '/', '%', '=' and letters. */
    public String string(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(
                    switch (random.nextInt(6)) {
                        case 0 -> (char) (0xD800 + random.nextInt(0x800));
                        case 1 -> (char) random.nextInt(0x20);
                        case 2 -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                        case 3 -> (char) random.nextInt(0x10000);
                        default -> (char) ('a' + random.nextInt(26));
                    });
        }
        return text.toString();
    }

    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A feature value: extreme, odd, nested deep or wide, or a list. */
    public Object value(int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0 -> pick(EXTREMES);
            case 1 -> string(random.nextInt(chance(5) ? 5_000 : 30));
            case 2 -> pick(ODD);
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble();
            case 5 -> map(depth + 1, 1 + random.nextInt(depth == 0 && chance(10) ? 300 : 4));
            case 6 -> chance(10) ? deep(200 + random.nextInt(1_500)) : map(depth + 1, 2);
            default -> listOf(depth + 1);
        };
    }

    private List<Object> listOf(int depth) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        Object sample = value(depth);
        for (int i = 0; i < size; i++) {
            list.add(chance(70) ? sample : value(depth));
        }
        return list;
    }

    private Map<String, Object> map(int depth, int width) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            map.put(chance(80) ? pick(NAMES) : string(random.nextInt(8)), value(depth));
        }
        return map;
    }

    private Map<String, Object> deep(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("leaf", 1L);
        for (int i = 0; i < depth; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("n", map);
            map = outer;
        }
        return map;
    }

    boolean submitted() {
        return chance(55);
    }

    /** A schemaless record, as JsonConverter with schemas off gives it; two in five of a steady shape. */
    public SinkRecord mapRecord(long offset) {
        boolean submitted = submitted();
        Map<String, Object> value = chance(40) ? steady() : map(0, random.nextInt(5));
        if (!submitted || chance(10)) {
            value.put("department", label());
        }
        if (chance(60)) {
            value.put(submitted ? "created_at" : "closed_at", time());
        }
        return record(submitted, key(), null, chance(3) ? null : value, offset);
    }

    /** JSON text: of a hostile value (lone surrogates as \\u escapes, numbers beyond 64 bits), or broken. */
    public SinkRecord jsonRecord(long offset) {
        SinkRecord record = mapRecord(offset);
        byte[] text = switch (random.nextInt(12)) {
            case 0 -> bytes(random.nextInt(40));
            case 1 -> "[".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
            case 2 -> "{\"a\":1e999999,\"department\":-0,\"n\":NaN}".getBytes(StandardCharsets.US_ASCII);
            default -> JsonText.of(record.value()).getBytes(StandardCharsets.UTF_8);
        };
        if (chance(5)) {
            text = java.util.Arrays.copyOf(text, text.length / 2);
        }
        return record.newRecord(record.topic(), 0, null, record.key(), null, text, record.timestamp());
    }

    /** Columns of steady types (hostile text), so that rows are written; keys from a small set, so that they join. */
    private Map<String, Object> steady() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("note", string(random.nextInt(30)));
        value.put("count", random.nextLong());
        return value;
    }

    /** A record with a Connect schema: primitives, logical types, arrays, maps and nested structs. */
    public SinkRecord structRecord(long offset) {
        return structs.record(offset);
    }

    SinkRecord record(boolean submitted, Object key, Schema schema, Object value, long offset) {
        Long timestamp = chance(5) ? null : 1_764_000_000_000L + random.nextInt(1_000_000);
        return new SinkRecord(
                submitted ? SUBMITTED_TOPIC : RESOLVED_TOPIC,
                0,
                null,
                key,
                schema,
                value,
                offset,
                timestamp,
                timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }
}
