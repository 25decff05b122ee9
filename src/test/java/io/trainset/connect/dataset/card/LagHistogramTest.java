package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lag buckets are numbered as every card part was written: parts already written merge exactly. */
class LagHistogramTest {

    /** The bucket numbering of the card parts written so far (eight buckets per doubling; 0 for none). */
    private static int writtenBucket(long lagMs) {
        return lagMs <= 0 ? 0 : 1 + (int) Math.floor(8 * Math.log(lagMs) / Math.log(2));
    }

    /** Lags 0 to 100,000, around every power of two and every bucket's first lag, negative ones, and the longest. */
    private static List<Long> lags() {
        List<Long> lags = new ArrayList<>();
        for (long lag = -3; lag <= 100_000; lag++) {
            lags.add(lag);
        }
        for (int e = 0; e < 63; e++) {
            for (long delta = -3; delta <= 3; delta++) {
                lags.add((1L << e) + delta);
            }
        }
        for (int b = 1; b <= LagHistogram.LAST_BUCKET; b++) {
            long first = firstLagOf(b);
            lags.add(first - 1);
            lags.add(first);
            lags.add(first + 1);
        }
        lags.add(Long.MIN_VALUE);
        lags.add(Long.MAX_VALUE - 1);
        lags.add(Long.MAX_VALUE);
        return lags;
    }

    /** The smallest lag whose written bucket is {@code b} or more, by bisection over the written numbering. */
    private static long firstLagOf(int b) {
        long low = 1;
        long high = Long.MAX_VALUE;
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (writtenBucket(middle) >= b) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    @Test
    void everyLagFallsInTheBucketCardPartsNumberedItWith() {
        for (long lag : lags()) {
            assertThat(LagHistogram.bucketOf(lag)).as("lag %d", lag).isEqualTo(writtenBucket(lag));
        }
        assertThat(LagHistogram.LAST_BUCKET).isEqualTo(writtenBucket(Long.MAX_VALUE));
    }

    @Test
    void aHistogramOfLagsIsWrittenAsTheBucketCountsOfTheWrittenNumbering() {
        LagHistogram histogram = new LagHistogram();
        Map<Integer, Long> expected = new TreeMap<>();
        for (long lag : lags()) {
            histogram.add(lag);
            expected.merge(writtenBucket(lag), 1L, Long::sum);
        }
        ObjectNode expectedJson = JsonNodeFactory.instance.objectNode();
        expected.forEach((bucket, n) -> expectedJson.put(bucket.toString(), n));

        assertThat(histogram.toJson()).isEqualTo(expectedJson);
        assertThat(List.copyOf(iterable(histogram.toJson().fieldNames())))
                .isEqualTo(expected.keySet().stream().map(String::valueOf).toList());
        assertThat(histogram.count()).isEqualTo(lags().size());
    }

    @Test
    void aPartReadBackMergesAndAnswersPercentilesAsTheOriginal() {
        LagHistogram first = new LagHistogram();
        LagHistogram second = new LagHistogram();
        for (long lag = 1; lag <= 3_600_000; lag += 997) {
            (lag % 2 == 0 ? first : second).add(lag);
        }
        LagHistogram merged = LagHistogram.fromJson(first.toJson());
        merged.merge(LagHistogram.fromJson(second.toJson()));
        LagHistogram direct = new LagHistogram();
        direct.merge(first);
        direct.merge(second);

        assertThat(merged.toJson()).isEqualTo(direct.toJson());
        assertThat(merged.count()).isEqualTo(3_611);
        // the percentiles the TreeMap histogram before this one answered for the same lags (computed apart)
        assertThat(merged.percentile(0.5)).isEqualTo(direct.percentile(0.5)).isEqualTo(1_841_564L);
        assertThat(merged.percentile(0.99)).isEqualTo(3_683_128L);
        assertThat(new LagHistogram().percentile(0.5)).isNull();
    }

    @Test
    void aBucketOutsideTheNumberingIsRejected() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(Integer.toString(LagHistogram.LAST_BUCKET + 1), 1);

        assertThatThrownBy(() -> LagHistogram.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Lag bucket " + (LagHistogram.LAST_BUCKET + 1) + " of a card part is outside 0.."
                        + LagHistogram.LAST_BUCKET);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
