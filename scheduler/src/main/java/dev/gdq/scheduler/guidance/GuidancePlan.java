package dev.gdq.scheduler.guidance;

import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.sampler.SamplerPlan;
import dev.gdq.scheduler.sampler.SamplerStep;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The guidance of one sample over a whole run: per step the scales, rows and weights ({@link GuidanceStep}),
 * plus guidance rescale and dynamic thresholding. Per step and sample the worker computes, in this order:
 * <ol>
 *   <li>eps_cfg = unconditionalWeight * eps_u + conditionalWeight * eps_c (Ho &amp; Salimans 2022, eq. 6, in
 *       diffusers' scale convention);</li>
 *   <li>if {@code rescale} &gt; 0: eps_cfg = rescale * eps_cfg * std(eps_c) / std(eps_cfg)
 *       + (1 - rescale) * eps_cfg, std over the sample's elements (Lin et al. 2024, "Common Diffusion Noise
 *       Schedules and Sample Steps are Flawed", Section 3.4);</li>
 *   <li>eps = eps_cfg + gradientWeight * grad_u log p(y | u, t) (Dhariwal &amp; Nichol 2021, "Diffusion Models
 *       Beat GANs on Image Synthesis", Section 4.2, score form);</li>
 *   <li>if thresholding: x0hat from eps, q = quantile(|x0hat|, percentile) per sample, if q &gt; 1 then
 *       x0hat = clip(x0hat, -q, q) / q and eps recomputed from it (Saharia et al. 2022, Imagen, Section 2.3).</li>
 * </ol>
 *
 * <p>Rows: the conditional row is skipped where s_t is 0 (within {@link #SCALE_TOLERANCE}) unless rescale is
 * on, which needs std(eps_c); the unconditional row is skipped where s_t is 1 (within the tolerance), where
 * eps = eps_c exactly and rescale is the identity; the gradient is skipped where s_c,t is 0 (within the
 * tolerance).
 *
 * @param steps                  one entry per sampler step
 * @param rescale                guidance rescale phi in [0, 1]; 0 is off
 * @param thresholdingPercentile dynamic thresholding percentile in (0, 1], empty when off
 */
public record GuidancePlan(List<GuidanceStep> steps, double rescale, OptionalDouble thresholdingPercentile) {

    /** Scales within this distance of 1 (classifier-free) or 0 (either kind) are applied as exactly 1 or 0. */
    public static final double SCALE_TOLERANCE = 1e-6;

    public GuidancePlan {
        steps = List.copyOf(steps);
    }

    /**
     * The plan of {@code guidance} along {@code samplerPlan}'s steps. {@code guidance} is the request's
     * (validated) spec; {@code null}, as in a request without guidance, means plain conditional sampling.
     */
    public static GuidancePlan of(GuidanceSpec guidance, SamplerPlan samplerPlan) {
        ScheduleSpec cfgSpec = guidance == null || guidance.cfg() == null ? null : guidance.cfg().schedule();
        ScheduleSpec classifierSpec = guidance == null || guidance.classifier() == null
                ? null : guidance.classifier().schedule();
        GuidanceSchedule cfg = cfgSpec == null ? null : GuidanceSchedule.of(cfgSpec, GuidanceKind.CLASSIFIER_FREE);
        GuidanceSchedule classifier = classifierSpec == null
                ? null : GuidanceSchedule.of(classifierSpec, GuidanceKind.CLASSIFIER);
        double rescale = guidance == null || guidance.rescale() == null ? 0.0 : guidance.rescale();
        OptionalDouble percentile = guidance == null || guidance.thresholding() == null
                ? OptionalDouble.empty() : OptionalDouble.of(guidance.thresholding().percentile());

        int n = samplerPlan.stepCount();
        List<GuidanceStep> steps = new ArrayList<>(n);
        for (SamplerStep step : samplerPlan.steps()) {
            int i = step.index();
            double s = cfg == null ? GuidanceKind.CLASSIFIER_FREE.neutralScale() : cfg.weightAt(i, n, step.sigma());
            double sc = classifier == null ? GuidanceKind.CLASSIFIER.neutralScale()
                    : classifier.weightAt(i, n, step.sigma());
            steps.add(step(i, n, step, snapCfg(s), snapToZero(sc), rescale));
        }
        return new GuidancePlan(steps, rescale, percentile);
    }

    /** Step {@code index}. */
    public GuidanceStep step(int index) {
        return steps.get(index);
    }

    /** Model rows one sample needs over the run (conditional plus unconditional, summed over steps). */
    public int modelRowsPerImage() {
        return steps.stream().mapToInt(GuidanceStep::modelRows).sum();
    }

    /** Unconditional rows one sample needs over the run. */
    public int unconditionalRowsPerImage() {
        return (int) steps.stream().filter(GuidanceStep::unconditionalRow).count();
    }

    /** Classifier gradients one sample needs over the run. */
    public int classifierGradientsPerImage() {
        return (int) steps.stream().filter(GuidanceStep::classifierGradient).count();
    }

    private static GuidanceStep step(int i, int n, SamplerStep at, double s, double sc, double rescale) {
        boolean unconditional = s != 1.0;
        boolean conditional = s != 0.0 || rescale > 0.0;
        double conditionalWeight;
        double unconditionalWeight;
        if (conditional && unconditional) {
            // Ho & Salimans 2022, eq. 6 with w = s - 1: eps = s eps_c + (1 - s) eps_u
            conditionalWeight = s;
            unconditionalWeight = 1.0 - s;
        } else {
            conditionalWeight = conditional ? 1.0 : 0.0;
            unconditionalWeight = unconditional ? 1.0 : 0.0;
        }
        // Dhariwal & Nichol 2021, Section 4.2: eps' = eps - sqrt(1 - abar_t) s_c grad log p(y | x_t)
        double gradientWeight = sc == 0.0 ? 0.0 : -at.sqrtOneMinusAlphaBar() * sc;
        return new GuidanceStep(i, GuidanceSchedule.progress(i, n), at.sigma(), s, sc, conditional, unconditional,
                sc != 0.0, conditionalWeight, unconditionalWeight, gradientWeight);
    }

    private static double snapCfg(double s) {
        if (Math.abs(s - 1.0) <= SCALE_TOLERANCE) {
            return 1.0;
        }
        return snapToZero(s);
    }

    private static double snapToZero(double s) {
        return Math.abs(s) <= SCALE_TOLERANCE ? 0.0 : s;
    }
}
