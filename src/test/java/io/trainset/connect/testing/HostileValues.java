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
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records a hostile producer could send, from a seeded {@link Random}: keys of random bytes (often not
 * UTF-8), strings with lone surrogates, NUL, right-to-left marks, emoji, '/', '..', '=', '%'; extreme
 * numbers (Long.MIN/MAX, 2^64+1, NaN, infinities); times far beyond any calendar; deep and wide maps
 * and structs; decimals that do not fit their schema. Labels in field {@code department}, times in
 * {@code created_at}/{@code closed_at}; partition 0 of the issues/resolutions topics.
 */
public final class HostileValues {

    private static final String[] ODD = {"", "\u0000", "\u202Eevil", "\ud83c\udfab", "/", "..", "=", "%", "%2F",
        "a/b/../c", "\ud800", "\udc00x", "~b64:AA", "__HIVE_DEFAULT_PARTITION__", " ", "\r\n", "label=x", "\\", "*?"};
    private static final String PUNCTUATION = "/%=.\\\"'{[";
    private static final String[] NAMES = {"title", "body", "n", "x", "customer", "tags", "amount", "e-mail",
        "key", "label", "\u00fc", "a.b", "1st", "\ud800", ""};
    private static final Object[] EXTREMES = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, Integer.MIN_VALUE,
        new BigInteger("18446744073709551617"), Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Float.NaN, true, null};
    private static final Object[] TIMES = {Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1_764_000_000_000L,
        253402300800000L, "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "2025-11-24T16:00:00+14:00", "18446744073709551617", "99999999999999999999999", "yesterday", "", 1.5e12,
        new BigInteger("18446744073709551617"), "\u0661\u0662"};

    private final Random random;

    public HostileValues(Random random) {
        this.random = random;
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] values) {
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
            text.append(switch (random.nextInt(6)) {
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

    private boolean submitted() {
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
            default -> json(record.value()).getBytes(StandardCharsets.UTF_8);
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

    private static final Schema STEADY = SchemaBuilder.struct().field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("department", Schema.OPTIONAL_STRING_SCHEMA).build();

    private SinkRecord steadyStruct(long offset) {
        boolean submitted = submitted();
        Struct struct = new Struct(STEADY).put("note", string(random.nextInt(30)))
                .put("price", BigDecimal.valueOf(random.nextInt(), 2 + random.nextInt(2) - 1));
        if (!submitted) {
            Object label = label();
            struct.put("department", label instanceof String ? label : String.valueOf(label));
        }
        return record(submitted, "K-" + random.nextInt(20), STEADY, struct, offset);
    }

    /** A record with a Connect schema: primitives, logical types, arrays, maps and nested structs. */
    public SinkRecord structRecord(long offset) {
        if (chance(40)) {
            return steadyStruct(offset);
        }
        boolean submitted = submitted();
        SchemaBuilder builder = SchemaBuilder.struct();
        int fields = 1 + random.nextInt(6);
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            String name = "f" + i;
            Object[] typed = typedValue(0);
            builder.field(name, (Schema) typed[0]);
            names.add(name);
            values.add(typed[1]);
        }
        if (!submitted || chance(10)) {
            builder.field("department", Schema.OPTIONAL_STRING_SCHEMA);
            names.add("department");
            Object label = label();
            values.add(label instanceof String ? label : String.valueOf(label));
        }
        Schema schema = builder.build();
        Struct struct = new Struct(schema);
        for (int i = 0; i < names.size(); i++) {
            struct.put(names.get(i), values.get(i));
        }
        Long timestamp = chance(5) ? null : (Long) (chance(70) ? 1_764_000_000_000L + random.nextInt(1_000_000)
                : new Long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0L, 253402300800000L}[random.nextInt(4)]);
        return new SinkRecord(submitted ? SUBMITTED_TOPIC : RESOLVED_TOPIC, 0, null, key(), schema, struct, offset,
                timestamp, timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    /** A schema and a value of it. */
    private Object[] typedValue(int depth) {
        switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0:
                return new Object[] {Schema.INT64_SCHEMA, chance(50) ? Long.MIN_VALUE : Long.MAX_VALUE};
            case 1:
                return new Object[] {Schema.FLOAT64_SCHEMA, pick(new Double[] {Double.NaN, Double.NEGATIVE_INFINITY,
                    -0.0, 1e308})};
            case 2:
                return new Object[] {Schema.OPTIONAL_STRING_SCHEMA, chance(20) ? null : string(random.nextInt(40))};
            case 3:
                return new Object[] {Schema.BYTES_SCHEMA, bytes(random.nextInt(10))};
            case 4: {
                int scale = random.nextInt(8) - 2;
                Schema decimal = Decimal.builder(scale).parameter("connect.decimal.precision",
                        String.valueOf(random.nextInt(60))).build();
                BigDecimal number = new BigDecimal(new BigInteger(1 + random.nextInt(100), random),
                        chance(70) ? scale : random.nextInt(8) - 2);
                return new Object[] {decimal, number};
            }
            case 5:
                return new Object[] {Timestamp.SCHEMA, new java.util.Date(chance(50) ? random.nextLong()
                        : Long.MAX_VALUE)};
            case 6:
                return new Object[] {Date.SCHEMA, new java.util.Date(86_400_000L * random.nextInt())};
            case 7:
                return new Object[] {SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
                    List.of(Integer.MIN_VALUE, Integer.MAX_VALUE)};
            case 8:
                return new Object[] {SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT32_SCHEMA).build(),
                    Map.of(string(3), Float.NaN)};
            default: {
                SchemaBuilder nested = SchemaBuilder.struct().optional();
                List<Object> nestedValues = new ArrayList<>();
                int fields = 1 + random.nextInt(3);
                for (int i = 0; i < fields; i++) {
                    Object[] typed = typedValue(depth + 1);
                    nested.field("g" + i, (Schema) typed[0]);
                    nestedValues.add(typed[1]);
                }
                Schema schema = nested.build();
                Struct struct = new Struct(schema);
                for (int i = 0; i < fields; i++) {
                    struct.put("g" + i, nestedValues.get(i));
                }
                return new Object[] {schema, struct};
            }
        }
    }

    private SinkRecord record(boolean submitted, Object key, Schema schema, Object value, long offset) {
        Long timestamp = chance(5) ? null : 1_764_000_000_000L + random.nextInt(1_000_000);
        return new SinkRecord(submitted ? SUBMITTED_TOPIC : RESOLVED_TOPIC, 0, null, key, schema, value, offset,
                timestamp, timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    /** JSON text of a value, every non-ASCII code unit (lone surrogates too) as a \\u escape. */
    static String json(Object value) {
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
