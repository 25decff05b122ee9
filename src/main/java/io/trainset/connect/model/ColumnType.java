package io.trainset.connect.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The type of a dataset column, independent of Connect and of Parquet.
 *
 * @param kind the kind of value
 * @param precision decimal precision (DECIMAL only, else 0)
 * @param scale decimal scale (DECIMAL only, else 0)
 * @param element the element type (LIST only, else null)
 * @param children the child columns in order (STRUCT only, at least one, names unique; else empty)
 */
public record ColumnType(Kind kind, int precision, int scale, ColumnType element, List<Column> children) {

    /** Kinds of column values and the Java type a value of that kind has in a row. */
    public enum Kind {
        /** {@link Boolean}. */
        BOOLEAN,
        /** {@link Integer}. */
        INT,
        /** {@link Long}. */
        LONG,
        /** {@link Float}. */
        FLOAT,
        /** {@link Double}. */
        DOUBLE,
        /** {@link String}. */
        STRING,
        /** {@link java.nio.ByteBuffer}. */
        BYTES,
        /** {@link Long}: epoch milliseconds, UTC. */
        TIMESTAMP_MILLIS,
        /** {@link Integer}: days since the epoch. */
        DATE,
        /** {@link java.math.BigDecimal} of the column's scale. */
        DECIMAL,
        /** {@link java.util.List} of the element type. */
        LIST,
        /** {@link java.util.List} of the child values (null allowed), in the order of the children. */
        STRUCT
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
        children = children == null ? List.of() : List.copyOf(children);
        if ((kind == Kind.LIST) != (element != null)) {
            throw new IllegalArgumentException("a LIST and only a LIST has an element type");
        }
        if ((kind == Kind.STRUCT) != !children.isEmpty()) {
            throw new IllegalArgumentException("a STRUCT and only a STRUCT has child columns, at least one");
        }
        Set<String> names = new HashSet<>();
        for (Column child : children) {
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("a STRUCT has two children named '" + child.name() + "'");
            }
        }
    }

    private static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, null, List.of());
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale, null, List.of());
    }

    public static ColumnType list(ColumnType element) {
        return new ColumnType(Kind.LIST, 0, 0, element, List.of());
    }

    /** A group of these child columns, in this order (a Parquet group, an Avro record, an Arrow struct). */
    public static ColumnType struct(List<Column> children) {
        return new ColumnType(Kind.STRUCT, 0, 0, null, children);
    }

    /** The child of this STRUCT with this name, or null. */
    public Column child(String name) {
        for (Column child : children) {
            if (child.name().equals(name)) {
                return child;
            }
        }
        return null;
    }

    /**
     * True when a value of {@code this} type can be written to a column of {@code target} type: the
     * types are equal, or both are STRUCTs and each of this one's children is a child of the target
     * whose type this child's fits (in any order; the target's other children are null).
     */
    public boolean fitsInto(ColumnType target) {
        if (equals(target)) {
            return true;
        }
        if (kind != Kind.STRUCT || target.kind != Kind.STRUCT) {
            return false;
        }
        for (Column child : children) {
            Column match = target.child(child.name());
            if (match == null || !child.type().fitsInto(match.type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses what {@link #toString()} writes, e.g. {@code long}, {@code decimal(10,2)}, {@code list<string>},
     * {@code struct<tier:string,address:struct<city:string>>}.
     */
    public static ColumnType parse(String text) {
        String type = text.trim();
        if (type.startsWith("list<") && type.endsWith(">")) {
            return list(parse(type.substring(5, type.length() - 1)));
        }
        if (type.startsWith("struct<") && type.endsWith(">")) {
            return struct(parseChildren(type.substring(7, type.length() - 1)));
        }
        if (type.startsWith("decimal(") && type.endsWith(")")) {
            String[] ps = type.substring(8, type.length() - 1).split(",");
            return decimal(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        Kind kind = Kind.valueOf(type.toUpperCase(Locale.ROOT));
        if (kind == Kind.LIST || kind == Kind.DECIMAL || kind == Kind.STRUCT) {
            throw new IllegalArgumentException("'" + text + "' lacks its parameters");
        }
        return of(kind);
    }

    private static List<Column> parseChildren(String text) {
        List<Column> children = new ArrayList<>();
        for (String entry : splitTopLevel(text)) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + entry + "' is not 'name:type'");
            }
            children.add(new Column(entry.substring(0, colon).trim(), parse(entry.substring(colon + 1))));
        }
        return children;
    }

    /** Splits at the commas that are not inside {@code <>} or {@code ()}. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case LIST -> "list<" + element + ">";
            case STRUCT ->
                "struct<"
                        + String.join(
                                ",",
                                children.stream()
                                        .map(c -> c.name() + ":" + c.type())
                                        .toList()) + ">";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
