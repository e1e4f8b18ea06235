package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;

/**
 * DPM-Solver++ 2M, the second-order multistep solver with data prediction (Lu et al. 2022, "DPM-Solver++: Fast
 * Solver for Guided Sampling of Diffusion Probabilistic Models", arXiv:2211.01095, Algorithm 2; diffusers'
 * {@code DPMSolverMultistepScheduler} with {@code solver_order=2}, {@code algorithm_type="dpmsolver++"},
 * {@code solver_type="midpoint"}, {@code final_sigmas_type="zero"}). State: x_t, model input u = x_t.
 *
 * <p>Notation (code: paper): {@code alpha}: alpha_t = sqrt(abar_t); {@code s}: sigma_t = sqrt(1 - abar_t) (the
 * paper's VP sigma, not our VE sigma); {@code lambda}: lambda_t = log(alpha_t / sigma_t); {@code h}:
 * h_i = lambda_{t_i} - lambda_{t_{i-1}}; {@code r}: r_i = h_{i-1} / h_i; x0hat: x_theta, the data prediction.
 * First-order update (Algorithm 2, first step; the DDIM step written in lambda):
 * x_{t_i} = (sigma_{t_i} / sigma_{t_{i-1}}) x_{t_{i-1}} - alpha_{t_i} (e^{-h_i} - 1) x0hat_{i-1}.
 * Second-order update (Algorithm 2, loop body): the same with x0hat replaced by
 * D_i = (1 + 1 / (2 r_i)) x0hat_{i-1} - (1 / (2 r_i)) x0hat_{i-2}.
 *
 * <p>The first step is first order (no previous x0hat) and so is the last, as in diffusers with
 * {@code final_sigmas_type="zero"}: it ends at sigma = 0 where h is infinite and the update is x = x0hat.
 */
public record DpmSolverPlusPlus2MSampler() implements Sampler {

    /** The wire name, as requests give it. */
    public static final String NAME = "dpmpp-2m";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerPlan plan(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        List<SamplerStep> plan = new ArrayList<>(steps);
        double previousH = Double.NaN;
        for (StepPoint point : StepPoint.of(schedule, spacing, steps)) {
            if (point.last()) {
                // Algorithm 2 at sigma_{t_i} = 0, alpha_{t_i} = 1, e^{-h_i} = 0: x_{t_i} = x0hat
                plan.add(point.step(1.0, 0.0, 0.0, 1.0, 0.0, 0.0));
                continue;
            }
            double s = Math.sqrt(1.0 - point.alphaBar());
            double alphaNext = Math.sqrt(point.alphaBarNext());
            double sNext = Math.sqrt(1.0 - point.alphaBarNext());
            // lambda_t = log(alpha_t / sigma_t) = -log(our sigma_t)
            double h = -Math.log(point.sigmaNext()) + Math.log(point.sigma());
            // alpha_{t_i} (1 - e^{-h_i}), written with expm1 for small h
            double x0Weight = alphaNext * -Math.expm1(-h);
            // Algorithm 2: weight of x_{t_{i-1}}
            double cX = sNext / s;
            if (point.first()) {
                // Algorithm 2, first step: first order
                plan.add(point.step(1.0, cX, 0.0, x0Weight, 0.0, 0.0));
            } else {
                // Algorithm 2: r_i = h_{i-1} / h_i, D_i = (1 + 1/(2 r_i)) x0hat_{i-1} - 1/(2 r_i) x0hat_{i-2}
                double r = previousH / h;
                double cX0 = x0Weight * (1.0 + 1.0 / (2.0 * r));
                double cX0Prev = -x0Weight / (2.0 * r);
                plan.add(point.step(1.0, cX, 0.0, cX0, cX0Prev, 0.0));
            }
            previousH = h;
        }
        return new SamplerPlan(this, spacing, 1.0, plan);
    }
}
