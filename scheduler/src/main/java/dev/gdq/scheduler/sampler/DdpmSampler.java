package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DDPM ancestral sampling (Ho et al. 2020, "Denoising Diffusion Probabilistic Models", Algorithm 2 written through
 * x0hat), on a respaced chain (Nichol &amp; Dhariwal 2021, "Improved DDPM", Section 4). State: x_t, model input
 * u = x_t.
 *
 * <p>Notation (code: paper): {@code abar}: abar_t; {@code abarPrev}: abar_{t-1}, abar at the next chosen timestep
 * (1 after the last step); {@code alphaStep}: alpha_t = abar_t / abar_{t-1}; {@code betaStep}: beta_t = 1 - alpha_t
 * (Nichol &amp; Dhariwal 2021, Section 4: the betas of the respaced chain); {@code variance}: sigma_t^2.
 * The step samples x_{t-1} ~ N(mu~_t(x_t, x0hat), sigma_t^2 I) with mu~_t of Ho et al. 2020, eq. 7:
 * mu~_t = sqrt(abar_{t-1}) beta_t / (1 - abar_t) x0hat + sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t) x_t.
 *
 * <p>The last step adds no noise, whatever the variance (diffusers adds none at t = 0; with trailing spacing the
 * last t is above 0 and diffusers' {@code fixed_large} would add beta_t of noise to the final sample).
 *
 * @param variance sigma_t^2 = beta~_t ({@link DdpmVariance#POSTERIOR}) or beta_t ({@link DdpmVariance#BETA})
 */
public record DdpmSampler(DdpmVariance variance) implements Sampler {

    /** The wire name, as requests give it. */
    public static final String NAME = "ddpm";

    public DdpmSampler {
        Objects.requireNonNull(variance, "variance");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerPlan plan(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        List<SamplerStep> plan = new ArrayList<>(steps);
        for (StepPoint point : StepPoint.of(schedule, spacing, steps)) {
            double abar = point.alphaBar();
            double abarPrev = point.alphaBarNext();
            // Nichol & Dhariwal 2021, Section 4: alpha_t = abar_t / abar_{t-1}, beta_t = 1 - alpha_t
            double alphaStep = abar / abarPrev;
            double betaStep = 1.0 - alphaStep;
            // Ho et al. 2020, eq. 7: weight of x0hat in mu~_t
            double cX0 = Math.sqrt(abarPrev) * betaStep / (1.0 - abar);
            // Ho et al. 2020, eq. 7: weight of x_t in mu~_t
            double cX = Math.sqrt(alphaStep) * (1.0 - abarPrev) / (1.0 - abar);
            // Ho et al. 2020, eq. 7 (beta~_t) or Section 3.2 (beta_t)
            double variance = this.variance == DdpmVariance.POSTERIOR
                    ? betaStep * (1.0 - abarPrev) / (1.0 - abar)
                    : betaStep;
            // Ho et al. 2020, Algorithm 2, line 4: z = 0 on the last step
            double cNoise = point.last() ? 0.0 : Math.sqrt(variance);
            plan.add(point.step(1.0, cX, 0.0, cX0, 0.0, cNoise));
        }
        return new SamplerPlan(this, spacing, 1.0, plan);
    }
}
