package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolution lags (ms) in logarithmic buckets, eight per doubling, so percentiles are known within
 * about 4.4% and parts merge by adding counts. Bucket 0 holds lags of 0 ms or less.
 */
final class LagHistogram {

    private static final int PER_DOUBLING = 8;

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;

    void add(long lagMs) {
        int bucket = lagMs <= 0 ? 0 : 1 + (int) Math.floor(PER_DOUBLING * Math.log(lagMs) / Math.log(2));
        buckets.merge(bucket, 1L, Long::sum);
        count++;
    }

    void merge(LagHistogram other) {
        other.buckets.forEach((bucket, n) -> buckets.merge(bucket, n, Long::sum));
        count += other.count;
    }

    long count() {
        return count;
    }

    /** The lag at quantile {@code q} (0..1): the geometric middle of its bucket; null when empty. */
    Long percentile(double q) {
        if (count == 0) {
            return null;
        }
        long target = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : buckets.entrySet()) {
            seen += entry.getValue();
            if (seen >= target) {
                int b = entry.getKey();
                return b == 0 ? 0L : Math.round(Math.pow(2, (b - 0.5) / PER_DOUBLING));
            }
        }
        throw new IllegalStateException("unreachable: the counts add up to " + count);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        buckets.forEach((bucket, n) -> json.put(bucket.toString(), n));
        return json;
    }

    static LagHistogram fromJson(JsonNode json) {
        LagHistogram histogram = new LagHistogram();
        json.fields().forEachRemaining(e -> {
            histogram.buckets.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
            histogram.count += e.getValue().asLong();
        });
        return histogram;
    }
}
