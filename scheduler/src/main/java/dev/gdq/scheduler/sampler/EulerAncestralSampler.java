package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;

/**
 * Euler ancestral sampling (k-diffusion's {@code sample_euler_ancestral} and {@code get_ancestral_step} with
 * eta = 1, Crowson; diffusers' {@code EulerAncestralDiscreteScheduler}): an Euler step down to sigma_down, then
 * fresh noise of standard deviation sigma_up, with sigma_down^2 + sigma_up^2 = sigma_next^2 so that the marginal
 * noise level after the step is sigma_next, as in DDPM's ancestral step.
 *
 * <p>State and model input as {@link EulerSampler}: x = x_t / sqrt(abar_t), u = sqrt(abar_t) x. Notation:
 * {@code sigma}: sigma_i; {@code sigmaNext}: sigma_{i+1}, 0 after the last step;
 * sigma_up = min(sigma_{i+1}, sqrt(sigma_{i+1}^2 (sigma_i^2 - sigma_{i+1}^2) / sigma_i^2)),
 * sigma_down = sqrt(sigma_{i+1}^2 - sigma_up^2); the step is x_{i+1} = x_i + (sigma_down - sigma_i) eps + sigma_up z.
 */
public record EulerAncestralSampler() implements Sampler {

    /** The wire name, as requests give it. */
    public static final String NAME = "euler-ancestral";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerPlan plan(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        List<StepPoint> points = StepPoint.of(schedule, spacing, steps);
        List<SamplerStep> plan = new ArrayList<>(steps);
        for (StepPoint point : points) {
            double sigma = point.sigma();
            double sigmaNext = point.sigmaNext();
            // k-diffusion get_ancestral_step (eta = 1)
            double sigmaUp = Math.min(sigmaNext,
                    Math.sqrt(sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma)));
            double sigmaDown = Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp);
            // k-diffusion sample_euler_ancestral: x = x + d (sigma_down - sigma) + sigma_up z, d = eps
            double inputScale = Math.sqrt(point.alphaBar());
            plan.add(point.step(inputScale, 1.0, sigmaDown - sigma, 0.0, 0.0, sigmaUp));
        }
        return new SamplerPlan(this, spacing, EulerSampler.initialNoiseScale(points.get(0)), plan);
    }
}
