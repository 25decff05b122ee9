package io.trainset.connect.dataset.card;

import java.util.Base64;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Distinct keys of a card cell: an Apache DataSketches HyperLogLog sketch (2^12 registers, relative standard error
 * about 1.6%, exact for small counts), mergeable across card parts, so a key written by two writer instances (after
 * a restart) counts once. Encoded in the card as Base64 of the sketch's compact serialization.
 */
final class KeySketch {

    private static final int LG_K = 12;
    /** What an empty key counts as: the sketch ignores empty strings. */
    private static final byte[] EMPTY_KEY = {0};

    private HllSketch sketch;

    KeySketch() {
        this(new HllSketch(LG_K, TgtHllType.HLL_8));
    }

    private KeySketch(HllSketch sketch) {
        this.sketch = sketch;
    }

    void add(String key) {
        if (key.isEmpty()) {
            sketch.update(EMPTY_KEY);
        } else {
            sketch.update(key);
        }
    }

    void merge(KeySketch other) {
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TgtHllType.HLL_8);
    }

    long estimate() {
        return Math.round(sketch.getEstimate());
    }

    String encode() {
        return Base64.getEncoder().encodeToString(sketch.toCompactByteArray());
    }

    static KeySketch decode(String encoded) {
        return new KeySketch(HllSketch.heapify(Memory.wrap(Base64.getDecoder().decode(encoded))));
    }
}
