package dev.gdq.scheduler.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known identities between samplers, checked on every step of many runs:
 * DDIM with eta = 0 is the first-order DPM-Solver++ step (Lu et al. 2022, DPM-Solver++ Section 4 / Algorithm 2's
 * first step) and Euler's step in sigma space (Karras et al. 2022, Section 4: DDIM is Euler on the VE ODE);
 * DDIM with eta = 1 is DDPM's ancestral step with posterior variance (Song et al. 2021, Section 4.1).
 */
class SamplerIdentitiesTest {

    static Stream<Arguments> runs() {
        List<NoiseSchedule> schedules = List.of(NoiseSchedule.linear(1000, 1e-4, 0.02), NoiseSchedule.cosine(1000));
        Stream.Builder<Arguments> runs = Stream.builder();
        for (NoiseSchedule schedule : schedules) {
            for (TimestepSpacing spacing : TimestepSpacing.values()) {
                for (int steps : new int[] {1, 2, 3, 7, 25, 100}) {
                    runs.add(Arguments.of(schedule, spacing, steps));
                }
            }
        }
        return runs.build();
    }

    @ParameterizedTest(name = "{0} {1} N = {2}")
    @MethodSource("runs")
    void ddimWithEtaZeroIsTheFirstOrderDpmSolverPlusPlusStep(NoiseSchedule schedule, TimestepSpacing spacing,
                                                              int steps) {
        SamplerPlan ddim = new DdimSampler(0.0).plan(schedule, spacing, steps);
        SamplerPlan dpm = new DpmSolverPlusPlus2MSampler().plan(schedule, spacing, steps);
        for (int i = 0; i < steps; i++) {
            SamplerStep d = ddim.step(i);
            SamplerStep p = dpm.step(i);
            boolean firstOrder = i == 0 || i == steps - 1;
            assertThat(p.cX0Prev() == 0.0).as("step %d first order", i).isEqualTo(firstOrder);
            if (!firstOrder) {
                continue;
            }
            // DDIM in the (x, x0hat) basis: eps = (x - sqrt(abar) x0hat) / sqrt(1 - abar)
            double xWeight = d.cX() + d.cEps() / d.sqrtOneMinusAlphaBar();
            double x0Weight = d.cX0() - d.cEps() * d.sqrtAlphaBar() / d.sqrtOneMinusAlphaBar();
            assertThat(p.cX()).as("cX of step %d", i).isCloseTo(xWeight, within(1e-12));
            assertThat(p.cX0()).as("cX0 of step %d", i).isCloseTo(x0Weight, within(1e-12));
            assertThat(p.cEps()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1} N = {2}")
    @MethodSource("runs")
    void ddimWithEtaZeroIsEulerInSigmaSpace(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        SamplerPlan ddim = new DdimSampler(0.0).plan(schedule, spacing, steps);
        SamplerPlan euler = new EulerSampler().plan(schedule, spacing, steps);
        double[] z = new Random(steps).doubles(4).map(v -> 2.0 * v - 1.0).toArray();
        // any model will do: a nonlinear function of the model input u and the timestep
        WorkerLoop.Denoiser model = (u, s) -> {
            double[] eps = new double[u.length];
            for (int k = 0; k < u.length; k++) {
                eps[k] = 0.9 * Math.tanh(u[k]) + 0.1 * Math.sin(k + s.timestep() / 100.0);
            }
            return eps;
        };
        List<double[]> ddimStates = WorkerLoop.trajectory(ddim, z, model, i -> null);
        List<double[]> eulerStates = WorkerLoop.trajectory(euler, z, model, i -> null);
        for (int i = 0; i < steps; i++) {
            // Euler's state is x_t / sqrt(abar_t) at the next step's timestep
            double toVp = Math.sqrt(ddim.step(i).alphaBarNext());
            for (int k = 0; k < z.length; k++) {
                assertThat(eulerStates.get(i)[k] * toVp).as("step %d element %d", i, k)
                        .isCloseTo(ddimStates.get(i)[k], within(1e-9));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} N = {2}")
    @MethodSource("runs")
    void ddimWithEtaOneIsDdpmWithPosteriorVariance(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        SamplerPlan ddim = new DdimSampler(1.0).plan(schedule, spacing, steps);
        SamplerPlan ddpm = new DdpmSampler(DdpmVariance.POSTERIOR).plan(schedule, spacing, steps);
        for (int i = 0; i < steps; i++) {
            SamplerStep d = ddim.step(i);
            SamplerStep p = ddpm.step(i);
            double xWeight = d.cX() + d.cEps() / d.sqrtOneMinusAlphaBar();
            double x0Weight = d.cX0() - d.cEps() * d.sqrtAlphaBar() / d.sqrtOneMinusAlphaBar();
            assertThat(p.cX()).as("cX of step %d", i).isCloseTo(xWeight, within(1e-9));
            assertThat(p.cX0()).as("cX0 of step %d", i).isCloseTo(x0Weight, within(1e-9));
            assertThat(p.cNoise()).as("cNoise of step %d", i).isCloseTo(d.cNoise(), within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0} {1} N = {2}")
    @MethodSource("runs")
    void eulerAncestralNoiseAndDriftReachSigmaNext(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        SamplerPlan plan = new EulerAncestralSampler().plan(schedule, spacing, steps);
        for (SamplerStep s : plan.steps()) {
            // sigma_down = sigma + cEps, sigma_up = cNoise; sigma_down^2 + sigma_up^2 = sigma_next^2
            double sigmaDown = s.sigma() + s.cEps();
            assertThat(Math.hypot(sigmaDown, s.cNoise())).isCloseTo(s.sigmaNext(), within(1e-9 * (1 + s.sigma())));
        }
    }
}
