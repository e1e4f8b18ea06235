package dev.gdq.scheduler.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One step of each sampler on a four-step toy schedule, against values worked out by hand (and checked in Python).
 * Betas 0.1, 0.2, 0.3, 0.4 give abar = 0.9, 0.72, 0.504, 0.3024. Leading spacing with N = 2 visits t = 2, 0, so the
 * first step goes from abar_t = 0.504 to abar_prev = 0.9; with N = 3 it visits t = 2, 1, 0 (abar 0.504, 0.72, 0.9).
 */
class HandComputedStepTest {

    private static final NoiseSchedule TOY = NoiseSchedule.fromBetas(0.1, 0.2, 0.3, 0.4);
    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void ddpmPosteriorMeanAndVarianceOfTheFirstStep() {
        SamplerStep step = new DdpmSampler(DdpmVariance.POSTERIOR).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        // alpha_t = 0.504 / 0.9 = 0.56, beta_t = 0.44, 1 - abar_t = 0.496, 1 - abar_prev = 0.1
        assertThat(step.timestep()).isEqualTo(2);
        // sqrt(0.9) * 0.44 / 0.496
        assertThat(step.cX0()).isCloseTo(0.8415738934319075, EXACT);
        // sqrt(0.56) * 0.1 / 0.496
        assertThat(step.cX()).isCloseTo(0.15087328172475567, EXACT);
        // sqrt(0.44 * 0.1 / 0.496)
        assertThat(step.cNoise()).isCloseTo(0.29784169859063525, EXACT);
        assertThat(step.cEps()).isZero();
        assertThat(step.cX0Prev()).isZero();
        assertThat(step.inputScale()).isEqualTo(1.0);
    }

    @Test
    void ddpmBetaVarianceOfTheFirstStep() {
        SamplerStep step = new DdpmSampler(DdpmVariance.BETA).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        // sqrt(beta_t) = sqrt(0.44)
        assertThat(step.cNoise()).isCloseTo(0.66332495807108, EXACT);
        assertThat(step.cX0()).isCloseTo(0.8415738934319075, EXACT);
    }

    @Test
    void ddpmLastStepReturnsX0hatWithoutNoise() {
        SamplerStep last = new DdpmSampler(DdpmVariance.BETA).plan(TOY, TimestepSpacing.LEADING, 2).step(1);
        // abar_t = 0.9, abar_prev = 1: cX0 = 1 * 0.1 / 0.1, cX = sqrt(0.9) * 0 / 0.1
        assertThat(last.cX0()).isCloseTo(1.0, EXACT);
        assertThat(last.cX()).isCloseTo(0.0, EXACT);
        assertThat(last.cNoise()).isZero();
    }

    @Test
    void ddimStepWithEtaOne() {
        SamplerStep step = new DdimSampler(1.0).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        // sigma = sqrt(0.1 / 0.496) * sqrt(1 - 0.56)
        assertThat(step.cNoise()).isCloseTo(0.2978416985906353, EXACT);
        // sqrt(1 - 0.9 - sigma^2)
        assertThat(step.cEps()).isCloseTo(0.10625592962581022, EXACT);
        // sqrt(0.9)
        assertThat(step.cX0()).isCloseTo(0.9486832980505138, EXACT);
        assertThat(step.cX()).isZero();
    }

    @Test
    void ddimStepWithEtaHalf() {
        SamplerStep step = new DdimSampler(0.5).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        assertThat(step.cNoise()).isCloseTo(0.14892084929531765, EXACT);
        assertThat(step.cEps()).isCloseTo(0.2789669884505356, EXACT);
    }

    @Test
    void ddimStepWithEtaZeroIsDeterministic() {
        SamplerStep step = new DdimSampler(0.0).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        // sqrt(1 - 0.9)
        assertThat(step.cEps()).isCloseTo(Math.sqrt(0.1), EXACT);
        assertThat(step.cNoise()).isZero();
    }

    @Test
    void eulerStepInSigma() {
        SamplerPlan plan = new EulerSampler().plan(TOY, TimestepSpacing.LEADING, 2);
        SamplerStep step = plan.step(0);
        // sigma = sqrt(0.496 / 0.504), sigma_next = sqrt(0.1 / 0.9) = 1/3
        assertThat(step.sigma()).isCloseTo(0.9920317455237933, EXACT);
        assertThat(step.sigmaNext()).isCloseTo(1.0 / 3.0, EXACT);
        assertThat(step.cEps()).isCloseTo(-0.65869841219046, EXACT);
        assertThat(step.cX()).isEqualTo(1.0);
        // u = sqrt(0.504) x; x starts as z / sqrt(0.504)
        assertThat(step.inputScale()).isCloseTo(0.7099295739719539, EXACT);
        assertThat(plan.initialNoiseScale()).isCloseTo(1.4085904245475278, EXACT);
    }

    @Test
    void eulerAncestralStepSplitsSigmaNextIntoDownAndUp() {
        SamplerStep step = new EulerAncestralSampler().plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        // sigma_up = sqrt(sigma_next^2 (sigma^2 - sigma_next^2) / sigma^2), sigma_down = sqrt(sigma_next^2 - up^2)
        assertThat(step.cNoise()).isCloseTo(0.3139527165732566, EXACT);
        // sigma_down - sigma = 0.11200358417204108 - 0.9920317455237933
        assertThat(step.cEps()).isCloseTo(-0.8800281613517522, EXACT);
    }

    @Test
    void dpmSolverPlusPlusFirstAndSecondOrderSteps() {
        SamplerPlan plan = new DpmSolverPlusPlus2MSampler().plan(TOY, TimestepSpacing.LEADING, 3);
        assertThat(plan.timesteps()).containsExactly(2, 1, 0);
        // lambda = log(sqrt(abar) / sqrt(1 - abar)); h_0 = lambda(0.72) - lambda(0.504) = 0.4642306337472049
        SamplerStep first = plan.step(0);
        // sqrt(0.28) / sqrt(0.496)
        assertThat(first.cX()).isCloseTo(0.7513428837969108, EXACT);
        // -sqrt(0.72) (exp(-h_0) - 1)
        assertThat(first.cX0()).isCloseTo(0.31512760402305684, EXACT);
        assertThat(first.cX0Prev()).isZero();

        // h_1 = lambda(0.9) - lambda(0.72) = 0.6263814842476843, r = h_0 / h_1 = 0.7411308370725059
        SamplerStep second = plan.step(1);
        // sqrt(0.1) / sqrt(0.28)
        assertThat(second.cX()).isCloseTo(0.5976143046671967, EXACT);
        // -sqrt(0.9) (exp(-h_1) - 1) (1 + 1 / (2 r))
        assertThat(second.cX0()).isCloseTo(0.7395076062616526, EXACT);
        // sqrt(0.9) (exp(-h_1) - 1) / (2 r)
        assertThat(second.cX0Prev()).isCloseTo(-0.29791686104824866, EXACT);

        SamplerStep last = plan.step(2);
        assertThat(last.cX0()).isEqualTo(1.0);
        assertThat(last.cX()).isZero();
        assertThat(last.cX0Prev()).isZero();
    }

    @Test
    void scoreFormFactorIsSqrtOneMinusAlphaBar() {
        SamplerStep step = new DdimSampler(0.0).plan(TOY, TimestepSpacing.LEADING, 2).step(0);
        assertThat(step.sqrtOneMinusAlphaBar()).isCloseTo(Math.sqrt(0.496), EXACT);
        assertThat(step.sqrtAlphaBar()).isCloseTo(Math.sqrt(0.504), EXACT);
        assertThat(step.alphaBar()).isCloseTo(0.504, EXACT);
        assertThat(step.alphaBarNext()).isCloseTo(0.9, EXACT);
    }
}
