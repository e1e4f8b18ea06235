package dev.gdq.scheduler.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import dev.gdq.scheduler.sampler.DdimSampler;
import dev.gdq.scheduler.sampler.SamplerPlan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuidancePlanTest {

    /** DDIM, linear DDPM schedule, leading N = 10: timesteps 900, 800, ..., 0. */
    private static final SamplerPlan DDIM_10 =
            new DdimSampler(0.0).plan(NoiseSchedule.linear(1000, 1e-4, 0.02), TimestepSpacing.LEADING, 10);

    @ParameterizedTest(name = "s = {0}")
    @CsvSource({
        // scale, applied scale, conditional row, unconditional row, weight of eps_c, weight of eps_u
        "1.0,        1.0,      true,  false, 1.0,      0.0",
        "1.0000005,  1.0,      true,  false, 1.0,      0.0",
        "0.9999995,  1.0,      true,  false, 1.0,      0.0",
        "1.000002,   1.000002, true,  true,  1.000002, -0.000002",
        "0.0,        0.0,      false, true,  0.0,      1.0",
        "0.0000005,  0.0,      false, true,  0.0,      1.0",
        "3.0,        3.0,      true,  true,  3.0,      -2.0",
        "0.5,        0.5,      true,  true,  0.5,      0.5",
    })
    void rowsAndWeightsOfAConstantScale(double scale, double applied, boolean conditional, boolean unconditional,
                                        double conditionalWeight, double unconditionalWeight) {
        GuidancePlan plan = GuidancePlan.of(GuidanceSpec.cfg(new ScheduleSpec.Constant(scale)), DDIM_10);
        for (GuidanceStep step : plan.steps()) {
            assertThat(step.cfgScale()).isEqualTo(applied);
            assertThat(step.conditionalRow()).isEqualTo(conditional);
            assertThat(step.unconditionalRow()).isEqualTo(unconditional);
            assertThat(step.conditionalWeight()).isCloseTo(conditionalWeight, within(1e-12));
            assertThat(step.unconditionalWeight()).isCloseTo(unconditionalWeight, within(1e-12));
            assertThat(step.classifierGradient()).isFalse();
            assertThat(step.gradientWeight()).isZero();
        }
        int rowsPerStep = (conditional ? 1 : 0) + (unconditional ? 1 : 0);
        assertThat(plan.modelRowsPerImage()).isEqualTo(10 * rowsPerStep);
    }

    @Test
    void noGuidanceIsPlainConditionalSampling() {
        GuidancePlan plan = GuidancePlan.of(null, DDIM_10);
        assertThat(plan.modelRowsPerImage()).isEqualTo(10);
        assertThat(plan.unconditionalRowsPerImage()).isZero();
        assertThat(plan.classifierGradientsPerImage()).isZero();
        assertThat(plan.rescale()).isZero();
        assertThat(plan.thresholdingPercentile()).isEmpty();
    }

    /**
     * sigma at the leading N = 10 timesteps of the DDPM schedule (numpy): 60.8, 25.7, 12.0, 6.17, 3.44, 2.04, 1.24,
     * 0.724, 0.342, 0.0100. The window (0.5, 10] holds the five steps at t = 600..200.
     */
    @Test
    void intervalGuidanceAddsUnconditionalRowsOnlyInsideItsWindow() {
        GuidancePlan plan = GuidancePlan.of(GuidanceSpec.cfg(new ScheduleSpec.Interval(3.0, 0.5, 10.0)), DDIM_10);
        assertThat(plan.steps()).extracting(GuidanceStep::cfgScale)
                .containsExactly(1.0, 1.0, 1.0, 3.0, 3.0, 3.0, 3.0, 3.0, 1.0, 1.0);
        assertThat(plan.unconditionalRowsPerImage()).isEqualTo(5);
        assertThat(plan.modelRowsPerImage()).isEqualTo(10 + 5);
        assertThat(plan.step(3).sigma()).isCloseTo(6.173505157840788, within(1e-9));
    }

    @Test
    void linearScheduleRisesAlongTheRun() {
        GuidancePlan plan = GuidancePlan.of(GuidanceSpec.cfg(new ScheduleSpec.Linear(1.0, 5.5)), DDIM_10);
        // 1 + 4.5 i / 9
        assertThat(plan.steps()).extracting(GuidanceStep::cfgScale)
                .containsExactly(1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5);
        assertThat(plan.step(0).unconditionalRow()).isFalse();
        assertThat(plan.unconditionalRowsPerImage()).isEqualTo(9);
        assertThat(plan.step(4).progress()).isCloseTo(4.0 / 9.0, within(1e-15));
    }

    @Test
    void classifierGuidanceTakesGradientsWhereItsScaleIsNotZero() {
        GuidanceSpec spec = new GuidanceSpec(null,
                new GuidanceSpec.Classifier(new ScheduleSpec.Explicit(List.of(0.0, 0.0, 1e-7, 2.0, 2.0, 2.0, 2.0,
                        2.0, 2.0, 4.0))), null, null);
        GuidancePlan plan = GuidancePlan.of(spec, DDIM_10);
        assertThat(plan.steps()).extracting(GuidanceStep::classifierGradient)
                .containsExactly(false, false, false, true, true, true, true, true, true, true);
        assertThat(plan.classifierGradientsPerImage()).isEqualTo(7);
        // score form: -sqrt(1 - abar_t) s_c, abar at t = 0 is 0.9999
        assertThat(plan.step(9).gradientWeight()).isCloseTo(-Math.sqrt(1e-4) * 4.0, within(1e-12));
        assertThat(plan.modelRowsPerImage()).as("s = 1 without cfg: conditional rows only").isEqualTo(10);
    }

    @Test
    void classifierIntervalIsOffOutsideItsWindow() {
        GuidanceSpec spec = new GuidanceSpec(null,
                new GuidanceSpec.Classifier(new ScheduleSpec.Interval(2.0, 0.5, 10.0)), null, null);
        GuidancePlan plan = GuidancePlan.of(spec, DDIM_10);
        assertThat(plan.steps()).extracting(GuidanceStep::classifierScale)
                .containsExactly(0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 0.0);
    }

    @Test
    void rescaleNeedsTheConditionalRowEvenAtScaleZero() {
        GuidanceSpec spec = new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Constant(0.0)), null, 0.7, null);
        GuidancePlan plan = GuidancePlan.of(spec, DDIM_10);
        GuidanceStep step = plan.step(0);
        assertThat(step.conditionalRow()).isTrue();
        assertThat(step.unconditionalRow()).isTrue();
        assertThat(step.conditionalWeight()).isZero();
        assertThat(step.unconditionalWeight()).isEqualTo(1.0);
        assertThat(plan.rescale()).isEqualTo(0.7);
    }

    @Test
    void rescaleNeedsNoUnconditionalRowAtScaleOne() {
        GuidanceSpec spec = new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Constant(1.0)), null, 0.7, null);
        assertThat(GuidancePlan.of(spec, DDIM_10).modelRowsPerImage()).isEqualTo(10);
    }

    @Test
    void thresholdingPercentileIsCarried() {
        GuidanceSpec spec = new GuidanceSpec(null, null, null, new GuidanceSpec.Thresholding(0.995));
        assertThat(GuidancePlan.of(spec, DDIM_10).thresholdingPercentile()).hasValue(0.995);
    }
}
