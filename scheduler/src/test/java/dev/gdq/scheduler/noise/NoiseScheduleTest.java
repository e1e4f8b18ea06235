package dev.gdq.scheduler.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.gdq.protocol.ModelManifest.NoiseScheduleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoiseScheduleTest {

    private static final NoiseSchedule DDPM_LINEAR = NoiseSchedule.linear(1000, 1e-4, 0.02);
    private static final NoiseSchedule COSINE = NoiseSchedule.cosine(1000);

    /** Reference: numpy, {@code np.cumprod(1 - np.linspace(1e-4, 0.02, 1000))} in float64. */
    @ParameterizedTest(name = "abar_{0} = {1}, sigma_{0} = {2}")
    @CsvSource({
        "0,   0.9999,                 0.010000500037502575",
        "1,   0.9997800920720721,     0.014830923708982587",
        "9,   0.9981052047858344,     0.043570543705237386",
        "499, 0.07858724288177824,    3.424136619044041",
        "998, 4.118193638138445e-05,  155.82519376238224",
        "999, 4.035829765375676e-05,  157.40728081040757",
    })
    void linearAlphaBarAndSigmaMatchNumpy(int t, double alphaBar, double sigma) {
        assertThat(DDPM_LINEAR.alphaBar(t)).isCloseTo(alphaBar, withPercentage(1e-10));
        assertThat(DDPM_LINEAR.sigma(t)).isCloseTo(sigma, withPercentage(1e-10));
    }

    @ParameterizedTest(name = "t = {0}")
    @ValueSource(ints = {0, 1, 2, 10, 500, 999})
    void linearAlphaBarIsTheProductOfOneMinusBetaUpToT(int t) {
        double product = 1.0;
        for (int s = 0; s <= t; s++) {
            double beta = 1e-4 + s * (0.02 - 1e-4) / 999.0;
            product *= 1.0 - beta;
        }
        assertThat(DDPM_LINEAR.alphaBar(t)).isCloseTo(product, withPercentage(1e-10));
        assertThat(DDPM_LINEAR.beta(t)).isCloseTo(1e-4 + t * (0.02 - 1e-4) / 999.0, within(1e-15));
    }

    /** Nichol & Dhariwal 2021, eq. 17, 0-based: abar_t = f((t + 1) / T) / f(0) where no beta is clipped. */
    @ParameterizedTest(name = "t = {0}")
    @ValueSource(ints = {0, 1, 250, 499, 750, 998})
    void cosineAlphaBarEqualsItsClosedForm(int t) {
        double closedForm = f((t + 1) / 1000.0) / f(0.0);
        assertThat(COSINE.alphaBar(t)).isCloseTo(closedForm, withPercentage(1e-9));
    }

    @Test
    void cosineAlphaBarMatchesNumpyAtTheMidpoint() {
        assertThat(COSINE.alphaBar(499)).isCloseTo(0.4938435904406382, withPercentage(1e-10));
    }

    @Test
    void cosineLastBetaIsClippedAt0999() {
        assertThat(COSINE.beta(999)).isEqualTo(0.999);
        assertThat(COSINE.alphaBar(999)).isCloseTo(COSINE.alphaBar(998) * 0.001, withPercentage(1e-12));
        assertThat(COSINE.alphaBar(999)).isCloseTo(2.4287669070348567e-09, withPercentage(1e-8));
    }

    @Test
    void explicitBetasGiveTheirRunningProduct() {
        NoiseSchedule schedule = NoiseSchedule.fromBetas(0.1, 0.2, 0.3, 0.4);
        assertThat(schedule.alphaBars()).containsExactly(new double[] {0.9, 0.72, 0.504, 0.3024}, within(1e-15));
        assertThat(schedule.sigma(0)).isCloseTo(1.0 / 3.0, within(1e-15));
    }

    @Test
    void sigmaOfAlphaBarOneIsZero() {
        assertThat(NoiseSchedule.sigmaOf(1.0)).isZero();
    }

    @Test
    void manifestLinearScheduleUsesItsBetaRange() {
        NoiseSchedule schedule = NoiseSchedule.from(new NoiseScheduleSpec("linear", 1000, 1e-4, 0.02));
        assertThat(schedule).isEqualTo(DDPM_LINEAR);
        assertThat(schedule.trainTimesteps()).isEqualTo(1000);
    }

    @Test
    void manifestCosineScheduleIgnoresBetaRange() {
        assertThat(NoiseSchedule.from(new NoiseScheduleSpec("cosine", 1000, null, null))).isEqualTo(COSINE);
    }

    @Test
    void manifestWithUnknownScheduleTypeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> NoiseSchedule.from(new NoiseScheduleSpec("sigmoid", 1000, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("noiseSchedule.type");
    }

    @Test
    void manifestLinearScheduleWithoutBetasIsRejected() {
        assertThatThrownBy(() -> NoiseSchedule.from(new NoiseScheduleSpec("linear", 1000, 1e-4, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("betaEnd");
    }

    @Test
    void timestepOutsideTheScheduleIsRejected() {
        assertThatThrownBy(() -> DDPM_LINEAR.alphaBar(1000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static double f(double tau) {
        double c = Math.cos((tau + 0.008) / 1.008 * Math.PI / 2.0);
        return c * c;
    }
}
