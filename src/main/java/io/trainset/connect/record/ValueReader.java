package io.trainset.connect.record;

import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a record's value becomes what the extractors read. {@link #converted()}: as the worker's
 * converter handed it (a Struct or a map). {@link #json}: the value is JSON text, as
 * {@code ByteArrayConverter} ({@code byte[]}) or {@code StringConverter} ({@code String}) hands it,
 * read here with a streaming parser ({@link JacksonValues}) into the map {@code JsonConverter} (schemaless) would make:
 * objects as maps in field order, integers as {@code Long} (beyond 64 bits as {@code BigInteger}, never
 * wrapped: a key keeps its exact digits, a feature becomes their text), other numbers as {@code Double},
 * arrays as lists. Only the fields on the given paths are kept (everything under a path's last segment);
 * the rest is skipped without being built. A value that is not text passes through unchanged.
 *
 * <p>{@link #readFields} reads the same tokens into one slot per path ({@link #slot}) instead of a
 * map: what the extractors read, without the maps around it. Both give the same values at every path.
 */
public final class ValueReader {

    private static final Logger LOG = LoggerFactory.getLogger(ValueReader.class);

    /**
     * Where {@link #readFields} puts the value of one path: the slot of the path, or of the path's
     * nearest kept ancestor with {@code rest} to follow inside its value; index -1 when never kept.
     */
    public record FieldSlot(int index, FieldPath rest) {

        /** The path's value in slots from {@link #readFields}, as {@link FieldPath#get} finds it in the map. */
        public Object get(Object[] slots) {
            Object value = index < 0 ? null : slots[index];
            return rest == null || value == null ? value : rest.get(value);
        }
    }

    private final boolean parse;
    private final Keep root;
    private final int slots;
    private final boolean intoFields;
    private final boolean scan;

    private ValueReader(boolean parse, Keep root, int slots, boolean intoFields, boolean scan) {
        this.parse = parse;
        this.root = root;
        this.slots = slots;
        this.intoFields = intoFields;
        this.scan = scan;
    }

    /** Values as the converter hands them. */
    public static ValueReader converted() {
        return new ValueReader(false, null, 0, false, false);
    }

    /** JSON text keeping only the fields on {@code paths}; every field when {@code keepAll}. */
    public static ValueReader json(Collection<FieldPath> paths, boolean keepAll) {
        if (keepAll) {
            return new ValueReader(true, null, 0, false, false);
        }
        Keep root = new Keep();
        for (FieldPath path : paths) {
            Keep node = root;
            for (String segment : path.segments()) {
                node = node.add(segment);
            }
            node.keepWhole();
        }
        int slots = root.numberSlots(0);
        root.indexNames();
        return new ValueReader(true, root, slots, true, true);
    }

    /** This reader, reading JSON text only into maps (what the tests compare {@link #readFields} with). */
    ValueReader intoMapsOnly() {
        return new ValueReader(parse, root, slots, false, false);
    }

    /**
     * This reader with {@link #readFields} reading bytes with Jackson alone, never with {@link JsonFieldScanner}:
     * the same values, slower. For benchmarks and tests only (the benchmark's comparison, the scanner's
     * differential test), not for production: the connector always reads with {@link #json}'s reader.
     */
    public ValueReader jacksonOnly() {
        return new ValueReader(parse, root, slots, intoFields, false);
    }

    /** What {@link JsonFieldScanner} reads from {@code json} for {@link #readFields}: null when Jackson must. */
    Object[] scanned(byte[] json) {
        return JsonFieldScanner.scan(json, root, slots);
    }

    /** Whether {@link #readFields} reads this reader's values (JSON text, kept fields only). */
    public boolean readsFields() {
        return intoFields;
    }

    /** Where {@link #readFields} puts the value of {@code path}; only when {@link #readsFields()}. */
    public FieldSlot slot(FieldPath path) {
        Keep node = root;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            node = node.field(segments.get(i));
            if (node == null) {
                return new FieldSlot(-1, null);
            }
            if (node.whole()) {
                return new FieldSlot(
                        node.slot(),
                        i + 1 == segments.size() ? null : new FieldPath(segments.subList(i + 1, segments.size())));
            }
        }
        return new FieldSlot(-1, null);
    }

    /**
     * JSON text read straight into the slots of the kept paths (see {@link #slot}), or null when the
     * value is not text, or not a JSON object (then {@link #read} says what it is). Throws
     * {@link IllegalArgumentException} for text that is not JSON, as {@link #read} does. Bytes are scanned by
     * {@link JsonFieldScanner} (no parser per record); what it is not sure of, Jackson reads.
     */
    public Object[] readFields(Object value) {
        return readFields(value, "a record");
    }

    /** {@link #readFields(Object)}, naming the record ({@code source}, e.g. topic/partition/offset) in its DEBUG log. */
    public Object[] readFields(Object value, Object source) {
        if (!readsFields() || !(value instanceof byte[] || value instanceof String)) {
            return null;
        }
        if (scan && value instanceof byte[] json) {
            Object[] scanned = scanned(json);
            if (scanned != null) {
                return scanned;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "The JSON field scanner left {} ({} bytes) to Jackson: it is not sure of it (e.g. an"
                                + " escaped surrogate pair in a name, nesting deeper than {} levels, a name, string or"
                                + " number beyond its limits, a BOM), or it is not a JSON object, or not valid JSON",
                        source,
                        json.length,
                        JsonFieldScanner.MAX_DEPTH);
            }
        }
        return JacksonValues.readFields(value, root, slots);
    }

    /** The value to extract from; throws {@link IllegalArgumentException} for text that is not JSON. */
    public Object read(Object value) {
        if (!parse || !(value instanceof byte[] || value instanceof String)) {
            return value;
        }
        return JacksonValues.read(value, root);
    }
}
