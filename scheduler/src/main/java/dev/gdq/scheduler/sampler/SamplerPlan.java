package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.List;

/**
 * The scalars of a whole sampling run, and the loop the worker runs with them. For each image:
 * <pre>
 *   x = initialNoiseScale * z_init                        // z_init standard normal
 *   for i in 0..N-1, s = steps[i]:
 *     u   = s.inputScale * x                              // the model input
 *     eps = guided prediction of the model at (u, s.timestep)   // see GuidancePlan
 *     x0  = (u - s.sqrtOneMinusAlphaBar * eps) / s.sqrtAlphaBar
 *     [thresholding: x0 = threshold(x0); eps = (u - s.sqrtAlphaBar * x0) / s.sqrtOneMinusAlphaBar]
 *     x   = s.cX * x + s.cEps * eps + s.cX0 * x0 + s.cX0Prev * x0Prev + s.cNoise * z_i
 *     x0Prev = x0
 *   return x                                              // the sample in data space, [-1, 1]
 * </pre>
 * {@code z_i} is drawn only where {@code cNoise != 0}; {@code x0Prev} is needed only where
 * {@link #usesPreviousX0()}. Terms with a zero weight may be skipped. The classifier gradient is taken with
 * respect to {@code u}, which is x_t for every sampler (for Euler the state is x_t / sqrt(abar_t) and
 * {@code u = x_t}), so score-form classifier guidance is the same for all samplers.
 *
 * @param sampler           the sampler that made the plan
 * @param spacing           the timestep spacing
 * @param initialNoiseScale x starts as this times standard normal noise: 1 for samplers whose state is x_t,
 *                          1 / sqrt(abar_{t_0}) = sqrt(1 + sigma_{t_0}^2) for those whose state is
 *                          x_t / sqrt(abar_t) (so that x_{t_0} itself is standard normal)
 * @param steps             the steps, noisiest first
 */
public record SamplerPlan(Sampler sampler, TimestepSpacing spacing, double initialNoiseScale, List<SamplerStep> steps) {

    public SamplerPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one step");
        }
    }

    /** N, the number of steps (and of model evaluations per image). */
    public int stepCount() {
        return steps.size();
    }

    /** Step {@code index}, 0 the noisiest. */
    public SamplerStep step(int index) {
        return steps.get(index);
    }

    /** The model's integer timesteps, one per step, descending; a new array on every call. */
    public int[] timesteps() {
        return steps.stream().mapToInt(SamplerStep::timestep).toArray();
    }

    /** Whether any step draws noise. */
    public boolean stochastic() {
        return steps.stream().anyMatch(SamplerStep::stochastic);
    }

    /** Whether any step uses the previous step's x0hat (the worker then keeps it). */
    public boolean usesPreviousX0() {
        return steps.stream().anyMatch(SamplerStep::usesPreviousX0);
    }
}
