package io.trainset.connect.testing;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
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

/** The records with Connect schemas of {@link HostileValues}: two in five of a steady schema, the rest random. */
final class HostileStructs {

    private final HostileValues hostile;
    private final Random random;

    HostileStructs(HostileValues hostile, Random random) {
        this.hostile = hostile;
        this.random = random;
    }

    private static final Schema STEADY = SchemaBuilder.struct()
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field(
                    "price",
                    Decimal.builder(2)
                            .parameter("connect.decimal.precision", "10")
                            .optional()
                            .build())
            .field("department", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private SinkRecord steadyStruct(long offset) {
        boolean submitted = hostile.submitted();
        Struct struct = new Struct(STEADY)
                .put("note", hostile.string(random.nextInt(30)))
                .put("price", BigDecimal.valueOf(random.nextInt(), 2 + random.nextInt(2) - 1));
        if (!submitted) {
            Object label = hostile.label();
            struct.put("department", label instanceof String ? label : String.valueOf(label));
        }
        return hostile.record(submitted, "K-" + random.nextInt(20), STEADY, struct, offset);
    }

    /** A record with a Connect schema: primitives, logical types, arrays, maps and nested structs. */
    SinkRecord record(long offset) {
        if (hostile.chance(40)) {
            return steadyStruct(offset);
        }
        boolean submitted = hostile.submitted();
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
        if (!submitted || hostile.chance(10)) {
            builder.field("department", Schema.OPTIONAL_STRING_SCHEMA);
            names.add("department");
            Object label = hostile.label();
            values.add(label instanceof String ? label : String.valueOf(label));
        }
        Schema schema = builder.build();
        Struct struct = new Struct(schema);
        for (int i = 0; i < names.size(); i++) {
            struct.put(names.get(i), values.get(i));
        }
        Long timestamp = hostile.chance(5)
                ? null
                : hostile.chance(70)
                        ? 1_764_000_000_000L + random.nextInt(1_000_000)
                        : new Long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0L, 253402300800000L}[random.nextInt(4)];
        return new SinkRecord(
                submitted ? SUBMITTED_TOPIC : RESOLVED_TOPIC,
                0,
                null,
                hostile.key(),
                schema,
                struct,
                offset,
                timestamp,
                timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    /** A schema and a value of it. */
    private Object[] typedValue(int depth) {
        switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0:
                return new Object[] {Schema.INT64_SCHEMA, hostile.chance(50) ? Long.MIN_VALUE : Long.MAX_VALUE};
            case 1:
                return new Object[] {
                    Schema.FLOAT64_SCHEMA,
                    hostile.pick(new Double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1e308})
                };
            case 2:
                return new Object[] {
                    Schema.OPTIONAL_STRING_SCHEMA, hostile.chance(20) ? null : hostile.string(random.nextInt(40))
                };
            case 3:
                return new Object[] {Schema.BYTES_SCHEMA, hostile.bytes(random.nextInt(10))};
            case 4: {
                int scale = random.nextInt(8) - 2;
                Schema decimal = Decimal.builder(scale)
                        .parameter("connect.decimal.precision", String.valueOf(random.nextInt(60)))
                        .build();
                BigDecimal number = new BigDecimal(
                        new BigInteger(1 + random.nextInt(100), random),
                        hostile.chance(70) ? scale : random.nextInt(8) - 2);
                return new Object[] {decimal, number};
            }
            case 5:
                return new Object[] {
                    Timestamp.SCHEMA, new java.util.Date(hostile.chance(50) ? random.nextLong() : Long.MAX_VALUE)
                };
            case 6:
                return new Object[] {Date.SCHEMA, new java.util.Date(86_400_000L * random.nextInt())};
            case 7:
                return new Object[] {
                    SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of(Integer.MIN_VALUE, Integer.MAX_VALUE)
                };
            case 8:
                return new Object[] {
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT32_SCHEMA)
                            .build(),
                    Map.of(hostile.string(3), Float.NaN)
                };
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
}
