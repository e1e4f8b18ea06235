package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;

/**
 * Euler's method on the probability-flow ODE in sigma (Karras et al. 2022, "Elucidating the Design Space of
 * Diffusion-Based Generative Models", eq. 1 and eq. 3, Algorithm 1 lines 4-5 without the Heun correction, with
 * sigma(t) = t and s(t) = 1; k-diffusion's {@code sample_euler}; diffusers' {@code EulerDiscreteScheduler}).
 *
 * <p>State: x = x_t / sqrt(abar_t) (variance-exploding form, Karras et al. 2022, Table 1); model input
 * u = sqrt(abar_t) x = x / sqrt(sigma^2 + 1) (diffusers' {@code scale_model_input}). Notation (code: paper):
 * {@code sigma}: sigma_i = t_i; {@code sigmaNext}: sigma_{i+1}, 0 after the last step; d: the ODE derivative
 * d_i = (x - D(x; sigma)) / sigma, which for an eps-prediction model is eps itself. The step is
 * x_{i+1} = x_i + (sigma_{i+1} - sigma_i) d_i.
 *
 * <p>The initial state is standard normal noise scaled by sqrt(1 + sigma_0^2), so that x_{t_0} = u is standard
 * normal as the model was trained (diffusers uses sigma_0 itself for linspace and trailing spacing, a difference
 * of order 1 / sigma_0^2).
 */
public record EulerSampler() implements Sampler {

    /** The wire name, as requests give it. */
    public static final String NAME = "euler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerPlan plan(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        List<StepPoint> points = StepPoint.of(schedule, spacing, steps);
        List<SamplerStep> plan = new ArrayList<>(steps);
        for (StepPoint point : points) {
            // Karras et al. 2022, Table 1 (VP): s(t) = 1 / sqrt(sigma^2 + 1) = sqrt(abar_t)
            double inputScale = Math.sqrt(point.alphaBar());
            // Karras et al. 2022, Algorithm 1, line 5: x_{i+1} = x_i + (t_{i+1} - t_i) d_i, d_i = eps
            double cEps = point.sigmaNext() - point.sigma();
            plan.add(point.step(inputScale, 1.0, cEps, 0.0, 0.0, 0.0));
        }
        return new SamplerPlan(this, spacing, initialNoiseScale(points.get(0)), plan);
    }

    /** sqrt(1 + sigma_0^2) = 1 / sqrt(abar_{t_0}): x_{t_0} / sqrt(abar_{t_0}) with x_{t_0} standard normal. */
    static double initialNoiseScale(StepPoint first) {
        return 1.0 / Math.sqrt(first.alphaBar());
    }
}
