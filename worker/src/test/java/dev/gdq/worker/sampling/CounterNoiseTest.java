package dev.gdq.worker.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CounterNoiseTest {

    @Test
    void sameKeyGivesSameNoise() {
        assertThat(CounterNoise.draw(7, 3, 0, 784)).containsExactly(CounterNoise.draw(7, 3, 0, 784));
    }

    @Test
    void filledAtAnOffsetEqualsDrawnAlone() {
        float[] batch = new float[3 * 784];
        CounterNoise.fill(7, 12, 5, batch, 784, 784);

        float[] alone = CounterNoise.draw(7, 12, 5, 784);
        for (int j = 0; j < 784; j++) {
            assertThat(batch[784 + j]).isEqualTo(alone[j]);
        }
    }

    @Test
    void seedImageAndDrawEachChangeTheNoise() {
        float[] base = CounterNoise.draw(7, 3, 0, 64);

        assertThat(CounterNoise.draw(8, 3, 0, 64)).isNotEqualTo(base);
        assertThat(CounterNoise.draw(7, 4, 0, 64)).isNotEqualTo(base);
        assertThat(CounterNoise.draw(7, 3, 1, 64)).isNotEqualTo(base);
    }

    @Test
    void valuesAreStandardNormal() {
        float[] values = CounterNoise.draw(1, 0, 0, 200_000);
        double mean = 0;
        double square = 0;
        double fourth = 0;
        int beyondTwo = 0;
        for (float v : values) {
            mean += v;
            square += v * v;
            fourth += Math.pow(v, 4);
            beyondTwo += Math.abs(v) > 2 ? 1 : 0;
        }
        int n = values.length;

        assertThat(mean / n).isCloseTo(0, within(0.01));
        assertThat(square / n).isCloseTo(1, within(0.01));
        assertThat(fourth / n).as("kurtosis of a normal is 3").isCloseTo(3, within(0.06));
        assertThat((double) beyondTwo / n).as("P(|z| > 2) = 0.0455").isCloseTo(0.0455, within(0.002));
    }

    @Test
    void neighbouringImagesAreUncorrelated() {
        float[] a = CounterNoise.draw(1, 0, 0, 100_000);
        float[] b = CounterNoise.draw(1, 1, 0, 100_000);
        double dot = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
        }

        assertThat(dot / a.length).isCloseTo(0, within(0.015));
    }
}
