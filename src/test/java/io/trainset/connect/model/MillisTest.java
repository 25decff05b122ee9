package io.trainset.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MillisTest {

    @Test
    void addsWithinTheRange() {
        assertThat(Millis.plus(1_000, -3_000)).isEqualTo(-2_000);
        assertThat(Millis.plus(Long.MIN_VALUE, 5)).isEqualTo(Long.MIN_VALUE + 5);
    }

    @Test
    void saturatesAtTheEndsOfTheRange() {
        assertThat(Millis.plus(Long.MAX_VALUE - 1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Millis.plus(Long.MIN_VALUE + 1, -2)).isEqualTo(Long.MIN_VALUE);
        assertThat(Millis.plus(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Millis.plus(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    }
}
