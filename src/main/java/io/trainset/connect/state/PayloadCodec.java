package io.trainset.connect.state;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Wtf8;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of an event's payload (a submission's {@link Features}, a resolution's
 * {@link Resolution}, or a plain string) inside a checkpoint. Column lists are written once per
 * checkpoint and referred to by number afterwards, as events of one input schema share them.
 * Strings are their {@link Wtf8} bytes, so that every Java string, lone surrogates included, comes
 * back as it was. The format is unchanged: a string without a lone surrogate is its UTF-8 as before,
 * and no earlier checkpoint holds the bytes of a lone surrogate (the UTF-8 encoder wrote '?'), so
 * earlier checkpoints read as before; an earlier version reading a lone surrogate written now reads
 * U+FFFD, as lossy as it was.
 */
final class PayloadCodec {

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int FEATURES = 2;
    private static final int RESOLUTION = 3;
    /** The id of a column list written for the first time, its columns after it (any negative id reads so). */
    private static final int NEW_COLUMNS = -1;

    /** Writes payloads to one stream, remembering the column lists already written. */
    static final class Writer {
        private final DataOutputStream out;
        private final Map<List<Column>, Integer> columnLists = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void payload(Object payload) throws IOException {
            if (payload == null) {
                out.writeByte(NULL);
            } else if (payload instanceof String s) {
                out.writeByte(STRING);
                string(out, s);
            } else if (payload instanceof Features f) {
                out.writeByte(FEATURES);
                features(f);

            } else if (payload instanceof Resolution r) {
                out.writeByte(RESOLUTION);
                string(out, r.label());
                features(r.columns());
            } else {
                throw new IllegalArgumentException("Cannot checkpoint an event payload of type "
                        + payload.getClass().getName() + ": only features, resolutions and strings are held");
            }
        }

        private void features(Features features) throws IOException {
            int id = columnLists.getOrDefault(features.columns(), NEW_COLUMNS);
            out.writeInt(id);
            if (id == NEW_COLUMNS) {
                columnLists.put(features.columns(), columnLists.size());
                out.writeInt(features.columns().size());
                for (Column column : features.columns()) {
                    string(out, column.name());
                    string(out, column.type().toString());
                }
            }
            nullableString(out, features.group());
            for (Object value : features.values()) {
                Values.write(out, value);
            }
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order. */
    static final class Reader {
        private final DataInputStream in;
        private final List<List<Column>> columnLists = new ArrayList<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        Object payload() throws IOException {
            int tag = in.readByte();
            return switch (tag) {
                case NULL -> null;
                case STRING -> string(in);
                case FEATURES -> features();
                case RESOLUTION -> new Resolution(string(in), features());
                default -> throw new IOException("Unknown payload tag " + tag + " in a checkpoint");
            };
        }

        private Features features() throws IOException {
            int id = in.readInt();
            List<Column> columns;
            if (id < 0) {
                int count = in.readInt();
                List<Column> read = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    read.add(new Column(string(in), ColumnType.parse(string(in))));
                }
                columns = List.copyOf(read);
                columnLists.add(columns);
            } else {
                columns = columnLists.get(id);
            }
            String group = nullableString(in);
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Values.read(in);
            }
            return Features.owning(columns, values, group);
        }
    }

    /** A string as its {@link Wtf8} bytes: UTF-8, but lone surrogates too, so that every string comes back as it was. */
    static void string(DataOutputStream out, String s) throws IOException {
        byte[] bytes = Wtf8.encode(s);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String string(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return Wtf8.decode(bytes);
    }

    static void nullableString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    static String nullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    /** Column values: the Java types of {@link ColumnType.Kind}, tagged by class. */
    static final class Values {
        private static final List<Class<?>> TYPES = List.of(
                Boolean.class,
                Integer.class,
                Long.class,
                Float.class,
                Double.class,
                String.class,
                ByteBuffer.class,
                BigDecimal.class,
                List.class);

        static void write(DataOutputStream out, Object value) throws IOException {
            int tag = tagOf(value);
            out.writeByte(tag);
            switch (tag) {
                case 0 -> {}
                case 1 -> out.writeBoolean((Boolean) value);
                case 2 -> out.writeInt((Integer) value);
                case 3 -> out.writeLong((Long) value);
                case 4 -> out.writeFloat((Float) value);
                case 5 -> out.writeDouble((Double) value);
                case 6 -> string(out, (String) value);
                case 7 -> bytes(out, bytesOf(((ByteBuffer) value).duplicate()));
                case 8 -> decimal(out, (BigDecimal) value);
                default -> list(out, (List<?>) value);
            }
        }

        static Object read(DataInputStream in) throws IOException {
            int tag = in.readByte();
            return switch (tag) {
                case 0 -> null;
                case 1 -> in.readBoolean();
                case 2 -> in.readInt();
                case 3 -> in.readLong();
                case 4 -> in.readFloat();
                case 5 -> in.readDouble();
                case 6 -> string(in);
                case 7 -> ByteBuffer.wrap(bytes(in));
                case 8 -> new BigDecimal(new BigInteger(bytes(in)), in.readInt());
                case 9 -> readList(in);
                default -> throw new IOException("Unknown value tag " + tag + " in a checkpoint");
            };
        }

        private static int tagOf(Object value) {
            if (value == null) {
                return 0;
            }
            for (int i = 0; i < TYPES.size(); i++) {
                if (TYPES.get(i).isInstance(value)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("Cannot checkpoint a column value of type "
                    + value.getClass().getName());
        }

        private static void decimal(DataOutputStream out, BigDecimal value) throws IOException {
            bytes(out, value.unscaledValue().toByteArray());
            out.writeInt(value.scale());
        }

        private static void list(DataOutputStream out, List<?> list) throws IOException {
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        }

        private static List<Object> readList(DataInputStream in) throws IOException {
            int size = in.readInt();
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(read(in));
            }
            return list;
        }

        private static byte[] bytesOf(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }

        private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private static byte[] bytes(DataInputStream in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return bytes;
        }
    }
}
