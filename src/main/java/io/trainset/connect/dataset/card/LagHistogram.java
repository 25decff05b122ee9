package io.trainset.connect.dataset.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Resolution lags (ms) in logarithmic buckets, eight per doubling, so percentiles are known within
 * about 4.4% and parts merge by adding counts. Bucket 0 holds lags of 0 ms or less; a lag of {@code
 * n} ms above that is in bucket {@code 1 + floor(8 * ln(n) / ln(2))} ({@link #formulaBucket}), the
 * numbering every card part was written with. A row's lag is counted in an array by bucket, its
 * bucket found from the smallest lag of each bucket (computed once from that formula), with no
 * logarithm or boxed count per row.
 */
final class LagHistogram {

    private static final int PER_DOUBLING = 8;
    /** The bucket of the longest lag, {@code Long.MAX_VALUE}: the last one. */
    static final int LAST_BUCKET = formulaBucket(Long.MAX_VALUE);
    /** The smallest lag (ms) of each bucket or a later one, by bucket ({@code FIRST_LAG[0]}: unused). */
    private static final long[] FIRST_LAG = firstLags();

    private final long[] counts = new long[LAST_BUCKET + 1];
    private long count;

    void add(long lagMs) {
        counts[bucketOf(lagMs)]++;
        count++;
    }

    void merge(LagHistogram other) {
        for (int b = 0; b < counts.length; b++) {
            counts[b] += other.counts[b];
        }
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
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= target) {
                return b == 0 ? 0L : Math.round(Math.pow(2, (b - 0.5) / PER_DOUBLING));
            }
        }
        throw new IllegalStateException("unreachable: the counts add up to " + count);
    }

    /** The buckets with a count, in ascending order, by their numbers: as card parts have always held them. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                json.put(Integer.toString(b), counts[b]);
            }
        }
        return json;
    }

    static LagHistogram fromJson(JsonNode json) {
        LagHistogram histogram = new LagHistogram();
        json.fields().forEachRemaining(e -> {
            int bucket = Integer.parseInt(e.getKey());
            if (bucket < 0 || bucket > LAST_BUCKET) {
                throw new IllegalArgumentException(
                        "Lag bucket " + bucket + " of a card part is outside 0.." + LAST_BUCKET);
            }
            histogram.counts[bucket] += e.getValue().asLong();
            histogram.count += e.getValue().asLong();
        });
        return histogram;
    }

    /**
     * The bucket of {@code lagMs}: the same as {@link #formulaBucket}'s. A lag of {@code 2^e} to {@code 2^(e+1) - 1}
     * ms lies in or next to buckets {@code 1 + 8e} to {@code 8 + 8e}; the smallest lags of the buckets say which.
     */
    static int bucketOf(long lagMs) {
        if (lagMs <= 0) {
            return 0;
        }
        int bucket = Math.min(1 + PER_DOUBLING * (63 - Long.numberOfLeadingZeros(lagMs)), LAST_BUCKET);
        while (bucket < LAST_BUCKET && lagMs >= FIRST_LAG[bucket + 1]) {
            bucket++;
        }
        while (lagMs < FIRST_LAG[bucket]) {
            bucket--;
        }
        return bucket;
    }

    /** The bucket of a lag as card parts number them: {@code 1 + floor(8 * ln(lagMs) / ln(2))}, 0 for none. */
    static int formulaBucket(long lagMs) {
        return lagMs <= 0 ? 0 : 1 + (int) Math.floor(PER_DOUBLING * Math.log(lagMs) / Math.log(2));
    }

    /**
     * For every bucket {@code b} from 1, the smallest lag whose {@link #formulaBucket} is {@code b} or more (the
     * formula never decreases as the lag grows: {@link Math#log} is semi-monotonic), found by bisection.
     */
    private static long[] firstLags() {
        long[] first = new long[LAST_BUCKET + 1];
        Arrays.fill(first, 1);
        for (int b = 2; b <= LAST_BUCKET; b++) {
            long low = first[b - 1];
            long high = Long.MAX_VALUE;
            while (low < high) {
                long middle = low + (high - low) / 2;
                if (formulaBucket(middle) >= b) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            first[b] = low;
        }
        return first;
    }
}
