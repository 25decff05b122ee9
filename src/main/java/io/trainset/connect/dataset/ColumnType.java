package io.trainset.connect.dataset;

import java.util.Objects;

/**
 * The type of a dataset column, independent of Connect and of Parquet.
 *
 * @param kind the kind of value
 * @param precision decimal precision (DECIMAL only, else 0)
 * @param scale decimal scale (DECIMAL only, else 0)
 * @param element the element type (LIST only, else null)
 */
public record ColumnType(Kind kind, int precision, int scale, ColumnType element) {

    /** Kinds of column values and the Java type a value of that kind has in a row. */
    public enum Kind {
        /** {@link Boolean}. */ BOOLEAN,
        /** {@link Integer}. */ INT,
        /** {@link Long}. */ LONG,
        /** {@link Float}. */ FLOAT,
        /** {@link Double}. */ DOUBLE,
        /** {@link String}. */ STRING,
        /** {@link java.nio.ByteBuffer}. */ BYTES,
        /** {@link Long}: epoch milliseconds, UTC. */ TIMESTAMP_MILLIS,
        /** {@link Integer}: days since the epoch. */ DATE,
        /** {@link java.math.BigDecimal} of the column's scale. */ DECIMAL,
        /** {@link java.util.List} of the element type. */ LIST
    }

    public static final ColumnType BOOLEAN = of(Kind.BOOLEAN);
    public static final ColumnType INT = of(Kind.INT);
    public static final ColumnType LONG = of(Kind.LONG);
    public static final ColumnType FLOAT = of(Kind.FLOAT);
    public static final ColumnType DOUBLE = of(Kind.DOUBLE);
    public static final ColumnType STRING = of(Kind.STRING);
    public static final ColumnType BYTES = of(Kind.BYTES);
    public static final ColumnType TIMESTAMP_MILLIS = of(Kind.TIMESTAMP_MILLIS);
    public static final ColumnType DATE = of(Kind.DATE);

    public ColumnType {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LIST) != (element != null)) {
            throw new IllegalArgumentException("a LIST and only a LIST has an element type");
        }
    }

    private static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, null);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale, null);
    }

    public static ColumnType list(ColumnType element) {
        return new ColumnType(Kind.LIST, 0, 0, element);
    }

    /** Parses what {@link #toString()} writes, e.g. {@code long}, {@code decimal(10,2)}, {@code list<string>}. */
    public static ColumnType parse(String text) {
        String type = text.trim();
        if (type.startsWith("list<") && type.endsWith(">")) {
            return list(parse(type.substring(5, type.length() - 1)));
        }
        if (type.startsWith("decimal(") && type.endsWith(")")) {
            String[] ps = type.substring(8, type.length() - 1).split(",");
            return decimal(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        Kind kind = Kind.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        if (kind == Kind.LIST || kind == Kind.DECIMAL) {
            throw new IllegalArgumentException("'" + text + "' lacks its parameters");
        }
        return of(kind);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case LIST -> "list<" + element + ">";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
