package io.trainset.connect.dataset.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KeySketchTest {

    @Test
    void smallCountsAreExact() {
        KeySketch sketch = sketchOf(0, 300);
        sketch.add("ISSUE-0");

        assertThat(sketch.estimate()).isEqualTo(300);
    }

    @Test
    void anEmptyKeyCountsAsOneKey() {
        KeySketch sketch = new KeySketch();
        sketch.add("");
        sketch.add("");

        assertThat(sketch.estimate()).isEqualTo(1);
    }

    @Test
    void largeCountsAreWithinThreeStandardErrors() {
        assertThat((double) sketchOf(0, 100_000).estimate()).isCloseTo(100_000, within(5_000.0));
    }

    @Test
    void mergingCountsAKeySeenByBothPartsOnce() {
        KeySketch first = sketchOf(0, 6_000);
        first.merge(sketchOf(4_000, 10_000));

        assertThat((double) first.estimate()).isCloseTo(10_000, within(500.0));
    }

    @Test
    void aDecodedSketchEstimatesAndMergesLikeTheOriginal() {
        KeySketch original = sketchOf(0, 5_000);
        KeySketch decoded = KeySketch.decode(original.encode());
        decoded.merge(KeySketch.decode(sketchOf(5_000, 6_000).encode()));

        assertThat(KeySketch.decode(original.encode()).estimate()).isEqualTo(original.estimate());
        assertThat((double) decoded.estimate()).isCloseTo(6_000, within(300.0));
    }

    private static KeySketch sketchOf(int from, int to) {
        KeySketch sketch = new KeySketch();
        for (int i = from; i < to; i++) {
            sketch.add("ISSUE-" + i);
        }
        return sketch;
    }
}
