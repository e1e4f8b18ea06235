package dev.gdq.scheduler.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Samplers driven by the exact eps of toy data distributions whose answers are known in closed form.
 *
 * <p>Point mass at x0*: eps(x_t) = (x_t - sqrt(abar_t) x0*) / sqrt(1 - abar_t) exactly, and the probability-flow
 * ODE keeps x_t = sqrt(abar_t) x0* + sqrt(1 - abar_t) n with n fixed by the initial noise, so a deterministic
 * sampler must stay on it at every step, for any step count.
 *
 * <p>Gaussian data N(mu, s0^2) per element: eps(x_t) = E[noise | x_t]
 * = sqrt(1 - abar_t) (x_t - sqrt(abar_t) mu) / (abar_t s0^2 + 1 - abar_t), and the ODE ends at
 * mu + s0 (x_T - sqrt(abar_T) mu) / sqrt(abar_T s0^2 + 1 - abar_T).
 */
class ExactSolutionsTest {

    private static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000, 1e-4, 0.02);
    private static final NoiseSchedule COSINE = NoiseSchedule.cosine(1000);
    private static final double[] POINT = {0.3, -0.7, 0.9, -1.0, 1.0};
    private static final double MU = 0.5;
    private static final double S0 = 0.3;

    static Stream<Arguments> deterministicRuns() {
        Stream.Builder<Arguments> runs = Stream.builder();
        for (Sampler sampler : List.of(new DdimSampler(0.0), new EulerSampler(), new DpmSolverPlusPlus2MSampler())) {
            for (NoiseSchedule schedule : List.of(LINEAR, COSINE)) {
                for (TimestepSpacing spacing : TimestepSpacing.values()) {
                    for (int steps : new int[] {1, 2, 5, 17, 50}) {
                        runs.add(Arguments.of(sampler, schedule, spacing, steps));
                    }
                }
            }
        }
        return runs.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} N = {3}")
    @MethodSource("deterministicRuns")
    void deterministicSamplersFollowTheExactOdeSolutionOfAPointMass(Sampler sampler, NoiseSchedule schedule,
                                                                   TimestepSpacing spacing, int steps) {
        SamplerPlan plan = sampler.plan(schedule, spacing, steps);
        double[] z = gaussian(new SplittableRandom(11), POINT.length);
        double abar0 = plan.step(0).alphaBar();
        List<double[]> states = WorkerLoop.trajectory(plan, z, pointMassModel(), i -> null);
        boolean veState = plan.step(0).inputScale() != 1.0;
        for (int i = 0; i < steps; i++) {
            double abarNext = plan.step(i).alphaBarNext();
            for (int k = 0; k < POINT.length; k++) {
                double n = (z[k] - Math.sqrt(abar0) * POINT[k]) / Math.sqrt(1.0 - abar0);
                double exactVp = Math.sqrt(abarNext) * POINT[k] + Math.sqrt(1.0 - abarNext) * n;
                double stateVp = veState ? states.get(i)[k] * Math.sqrt(abarNext) : states.get(i)[k];
                assertThat(stateVp).as("step %d element %d", i, k).isCloseTo(exactVp, within(1e-9));
            }
        }
    }

    static Stream<Sampler> allSamplers() {
        return Stream.of(new DdpmSampler(DdpmVariance.POSTERIOR), new DdpmSampler(DdpmVariance.BETA),
                new DdimSampler(0.0), new DdimSampler(0.5), new DdimSampler(1.0), new EulerSampler(),
                new EulerAncestralSampler(), new DpmSolverPlusPlus2MSampler());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSamplers")
    void everySamplerEndsAtThePointMassWhateverItsNoise(Sampler sampler) {
        for (TimestepSpacing spacing : TimestepSpacing.values()) {
            for (int steps : new int[] {1, 3, 20}) {
                RandomGenerator random = new SplittableRandom(steps);
                SamplerPlan plan = sampler.plan(LINEAR, spacing, steps);
                double[] sample = WorkerLoop.sample(plan, gaussian(random, POINT.length), pointMassModel(),
                        i -> gaussian(random, POINT.length));
                assertThat(sample).as("%s %s N=%d", sampler, spacing, steps).containsExactly(POINT, within(1e-9));
            }
        }
    }

    @Test
    void ddimIsFirstOrderOnGaussianData() {
        double at80 = gaussianOdeError(new DdimSampler(0.0), 80);
        double at160 = gaussianOdeError(new DdimSampler(0.0), 160);
        assertThat(at160).isLessThan(0.012);
        assertThat(at80 / at160).isBetween(1.8, 2.2);
    }

    @Test
    void dpmSolverPlusPlus2MIsSecondOrderOnGaussianData() {
        double at80 = gaussianOdeError(new DpmSolverPlusPlus2MSampler(), 80);
        double at160 = gaussianOdeError(new DpmSolverPlusPlus2MSampler(), 160);
        assertThat(at80 / at160).isGreaterThan(3.5);
        assertThat(at160).isLessThan(gaussianOdeError(new DdimSampler(0.0), 160) / 2.0);
    }

    @Test
    void eulerConvergesToTheExactOdeEndpoint() {
        assertThat(gaussianOdeError(new EulerSampler(), 1000)).isLessThan(0.002);
    }

    static Stream<Sampler> stochasticSamplers() {
        return Stream.of(new DdpmSampler(DdpmVariance.POSTERIOR), new DdpmSampler(DdpmVariance.BETA),
                new DdimSampler(1.0), new EulerAncestralSampler());
    }

    /** With all 1000 steps, ancestral sampling with the exact eps draws from the data distribution. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stochasticSamplers")
    void stochasticSamplersDrawFromGaussianData(Sampler sampler) {
        SamplerPlan plan = sampler.plan(LINEAR, TimestepSpacing.LEADING, 1000);
        RandomGenerator random = new SplittableRandom(7);
        int chains = 20_000;
        double[] sample = WorkerLoop.sample(plan, gaussian(random, chains), gaussianModel(),
                i -> gaussian(random, chains));
        double mean = 0.0;
        for (double v : sample) {
            mean += v / chains;
        }
        double variance = 0.0;
        for (double v : sample) {
            variance += (v - mean) * (v - mean) / (chains - 1);
        }
        // standard error of the mean 0.3 / sqrt(20000) = 0.0021; of the standard deviation about 0.5%
        assertThat(mean).isCloseTo(MU, within(0.01));
        assertThat(Math.sqrt(variance)).isCloseTo(S0, within(0.03 * S0));
    }

    private static double gaussianOdeError(Sampler sampler, int steps) {
        SamplerPlan plan = sampler.plan(LINEAR, TimestepSpacing.LEADING, steps);
        double[] z = {1.3};
        double abar0 = plan.step(0).alphaBar();
        double exact = MU + S0 * (z[0] - Math.sqrt(abar0) * MU) / Math.sqrt(abar0 * S0 * S0 + 1.0 - abar0);
        return Math.abs(WorkerLoop.sample(plan, z, gaussianModel(), i -> null)[0] - exact);
    }

    private static WorkerLoop.Denoiser pointMassModel() {
        return (u, s) -> {
            double[] eps = new double[u.length];
            for (int k = 0; k < u.length; k++) {
                eps[k] = (u[k] - Math.sqrt(s.alphaBar()) * POINT[k]) / Math.sqrt(1.0 - s.alphaBar());
            }
            return eps;
        };
    }

    private static WorkerLoop.Denoiser gaussianModel() {
        return (u, s) -> {
            double a = s.alphaBar();
            double[] eps = new double[u.length];
            for (int k = 0; k < u.length; k++) {
                eps[k] = Math.sqrt(1.0 - a) * (u[k] - Math.sqrt(a) * MU) / (a * S0 * S0 + 1.0 - a);
            }
            return eps;
        };
    }

    private static double[] gaussian(RandomGenerator random, int n) {
        double[] z = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = random.nextGaussian();
        }
        return z;
    }
}
