package io.trainset.connect.parquet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * A {@link RecordConsumer} that writes nothing: it counts, per leaf column path (as {@code ColumnPath.toDotString()}
 * names it), the values of the rows written to it, their plain-encoded bytes and whether any value repeated. What a
 * new file's first rows say about each column's dictionary ({@link FirstRows}). Booleans are counted in bytes only:
 * Parquet never gives them a dictionary. Not thread-safe.
 */
final class ColumnSample extends RecordConsumer {

    private final Deque<String> path = new ArrayDeque<>();
    private final Map<String, Column> columns = new HashMap<>();
    private long bytes;

    /** One leaf column's values so far; the distinct ones are kept only until one repeats. */
    private static final class Column {
        int values;
        long bytes;
        Set<Object> distinct = new HashSet<>();

        void add(Object value, int size) {
            values++;
            bytes += size;
            if (distinct != null && !distinct.add(value)) {
                distinct = null; // a value repeated: a dictionary may pay, nothing more to learn here
            }
        }

        boolean unique(int minValues, int minAverageBytes) {
            return distinct != null && values >= minValues && bytes >= (long) minAverageBytes * values;
        }
    }

    /** Plain-encoded bytes of every value seen (what holding the rows costs, roughly). */
    long bytes() {
        return bytes;
    }

    /**
     * The leaf column paths with at least {@code minValues} values, none of them repeated, of at least {@code
     * minAverageBytes} plain-encoded bytes on average.
     */
    Set<String> uniqueColumns(int minValues, int minAverageBytes) {
        Set<String> unique = new TreeSet<>();
        columns.forEach((name, column) -> {
            if (column.unique(minValues, minAverageBytes)) {
                unique.add(name);
            }
        });
        return unique;
    }

    private void value(Object value, int size) {
        bytes += size;
        columns.computeIfAbsent(String.join(".", path), name -> new Column()).add(value, size);
    }

    @Override
    public void startMessage() {
        path.clear();
    }

    @Override
    public void endMessage() {
        // nothing to finish: nothing is written
    }

    @Override
    public void startField(String field, int index) {
        path.addLast(field);
    }

    @Override
    public void endField(String field, int index) {
        path.removeLast();
    }

    @Override
    public void startGroup() {
        // a group's fields extend the path
    }

    @Override
    public void endGroup() {
        // a group's fields extend the path
    }

    @Override
    public void addInteger(int value) {
        value(value, Integer.BYTES);
    }

    @Override
    public void addLong(long value) {
        value(value, Long.BYTES);
    }

    @Override
    public void addBoolean(boolean value) {
        bytes += 1;
    }

    @Override
    public void addBinary(Binary value) {
        value(value.copy(), Integer.BYTES + value.length()); // a reused buffer's bytes change with the next value
    }

    @Override
    public void addFloat(float value) {
        value(value, Float.BYTES);
    }

    @Override
    public void addDouble(double value) {
        value(value, Double.BYTES);
    }
}
