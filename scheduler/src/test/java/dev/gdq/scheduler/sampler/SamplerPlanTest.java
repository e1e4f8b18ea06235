package dev.gdq.scheduler.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SamplerPlanTest {

    private static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000, 1e-4, 0.02);

    static Stream<Arguments> shapes() {
        // sampler, draws noise, keeps the previous x0hat, state is x_t (input scale 1)
        return Stream.of(
                Arguments.of(new DdpmSampler(DdpmVariance.POSTERIOR), true, false, true),
                Arguments.of(new DdimSampler(0.0), false, false, true),
                Arguments.of(new DdimSampler(0.3), true, false, true),
                Arguments.of(new EulerSampler(), false, false, false),
                Arguments.of(new EulerAncestralSampler(), true, false, false),
                Arguments.of(new DpmSolverPlusPlus2MSampler(), false, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void planShapeMatchesTheSampler(Sampler sampler, boolean stochastic, boolean previousX0, boolean vpState) {
        SamplerPlan plan = sampler.plan(LINEAR, TimestepSpacing.TRAILING, 10);
        assertThat(plan.stepCount()).isEqualTo(10);
        assertThat(plan.timesteps()).containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
        assertThat(plan.stochastic()).isEqualTo(stochastic);
        assertThat(plan.usesPreviousX0()).isEqualTo(previousX0);
        assertThat(plan.step(0).inputScale() == 1.0).isEqualTo(vpState);
        assertThat(plan.initialNoiseScale() == 1.0).isEqualTo(vpState);
        assertThat(plan.step(9).cNoise()).as("the last step draws no noise").isZero();
        assertThat(plan.step(9).alphaBarNext()).isEqualTo(1.0);
        assertThat(plan.step(9).sigmaNext()).isZero();
        assertThat(plan.sampler()).isEqualTo(sampler);
        assertThat(plan.spacing()).isEqualTo(TimestepSpacing.TRAILING);
    }

    @Test
    void samplersWithEqualOptionsAreEqual() {
        assertThat(new DdimSampler(0.5)).isEqualTo(new DdimSampler(0.5)).isNotEqualTo(new DdimSampler(0.0));
        assertThat(new DdimSampler(-0.0)).isEqualTo(new DdimSampler(0.0));
        assertThat(new DdpmSampler(DdpmVariance.BETA)).isNotEqualTo(new DdpmSampler(DdpmVariance.POSTERIOR));
        assertThat(new EulerSampler()).isEqualTo(new EulerSampler());
    }

    @Test
    void wireNamesAreTheProtocolOnes() {
        assertThat(Sampler.NAMES).containsExactly("ddpm", "ddim", "euler", "euler-ancestral", "dpmpp-2m");
        assertThat(new EulerAncestralSampler().name()).isEqualTo("euler-ancestral");
        assertThat(DdpmVariance.fromWireName("beta")).contains(DdpmVariance.BETA);
        assertThat(DdpmVariance.fromWireName("fixed_large")).isEmpty();
    }

    @Test
    void etaOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new DdimSampler(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DdimSampler(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepCountAboveTIsRejected() {
        assertThatThrownBy(() -> new EulerSampler().plan(LINEAR, TimestepSpacing.LEADING, 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
