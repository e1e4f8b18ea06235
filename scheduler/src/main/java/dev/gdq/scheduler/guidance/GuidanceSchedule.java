package dev.gdq.scheduler.guidance;

import dev.gdq.protocol.ScheduleSpec;
import java.util.List;
import java.util.Objects;

/**
 * A guidance-weight schedule w(p) evaluated at a step: a function of sampling progress
 * {@code p = step / (N - 1)} (0 at the noisiest step, 1 at the last, 0 when N = 1), or, for the interval family,
 * of the step's noise level sigma_t. Families (GUIDANCE.md "Guidance-weight schedules"; Wang et al. 2024,
 * "Analysis of Classifier-Free Guidance Weight Schedulers", for the monotone ones):
 * <ul>
 *   <li>constant(s): s;</li>
 *   <li>linear(from, to): from + (to - from) p;</li>
 *   <li>cosine(from, to): from + (to - from) (1 - cos(pi p)) / 2;</li>
 *   <li>power(from, to, k): from + (to - from) p^k;</li>
 *   <li>interval(s, sigmaLow, sigmaHigh): s where sigmaLow &lt; sigma_t &lt;= sigmaHigh, the kind's neutral scale
 *       elsewhere (Kynkaanniemi et al. 2024, "Applying Guidance in a Limited Interval Improves Sample and
 *       Distribution Quality in Diffusion Models", Section 3: guidance only in a window of noise levels). For
 *       classifier-free guidance the neutral scale is 1 (conditional only); for classifier guidance it is 0;</li>
 *   <li>piecewise(knots): linear between knots (progress, scale), constant before the first and after the last;</li>
 *   <li>explicit(s_0..s_{N-1}): s_step; the list's length must equal N.</li>
 * </ul>
 * The spec is assumed valid (see the plan package's validation); evaluation fails only on an explicit list of the
 * wrong length.
 */
public final class GuidanceSchedule {

    private final ScheduleSpec spec;
    private final GuidanceKind kind;

    private GuidanceSchedule(ScheduleSpec spec, GuidanceKind kind) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The schedule {@code spec} driving guidance of {@code kind}. */
    public static GuidanceSchedule of(ScheduleSpec spec, GuidanceKind kind) {
        return new GuidanceSchedule(spec, kind);
    }

    /** Sampling progress p = step / (steps - 1), and 0 when there is a single step. */
    public static double progress(int step, int steps) {
        if (steps < 1 || step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " outside 0.." + (steps - 1));
        }
        return steps == 1 ? 0.0 : (double) step / (steps - 1);
    }

    /**
     * The scale at step {@code step} of {@code steps}, where the step's noise level is {@code sigma}
     * (sqrt((1 - abar_t) / abar_t) at the step's timestep).
     */
    public double weightAt(int step, int steps, double sigma) {
        double p = progress(step, steps);
        if (spec instanceof ScheduleSpec.Constant constant) {
            return constant.scale();
        }
        if (spec instanceof ScheduleSpec.Linear linear) {
            return linear.from() + (linear.to() - linear.from()) * p;
        }
        if (spec instanceof ScheduleSpec.Cosine cosine) {
            return cosine.from() + (cosine.to() - cosine.from()) * (1.0 - Math.cos(Math.PI * p)) / 2.0;
        }
        if (spec instanceof ScheduleSpec.Power power) {
            return power.from() + (power.to() - power.from()) * Math.pow(p, power.exponent());
        }
        if (spec instanceof ScheduleSpec.Interval interval) {
            boolean inside = interval.sigmaLow() < sigma && sigma <= interval.sigmaHigh();
            return inside ? interval.scale() : kind.neutralScale();
        }
        if (spec instanceof ScheduleSpec.Piecewise piecewise) {
            return piecewiseAt(piecewise.knots(), p);
        }
        if (spec instanceof ScheduleSpec.Explicit explicit) {
            if (explicit.scales().size() != steps) {
                throw new IllegalArgumentException("an explicit schedule of " + explicit.scales().size()
                        + " scales cannot drive " + steps + " steps");
            }
            return explicit.scales().get(step);
        }
        throw new IllegalArgumentException("unknown schedule family " + spec.getClass().getSimpleName());
    }

    /** The spec this schedule evaluates. */
    public ScheduleSpec spec() {
        return spec;
    }

    /** The guidance this schedule drives. */
    public GuidanceKind kind() {
        return kind;
    }

    private static double piecewiseAt(List<ScheduleSpec.Knot> knots, double p) {
        ScheduleSpec.Knot first = knots.get(0);
        if (p <= first.progress()) {
            return first.scale();
        }
        for (int k = 1; k < knots.size(); k++) {
            ScheduleSpec.Knot left = knots.get(k - 1);
            ScheduleSpec.Knot right = knots.get(k);
            if (p <= right.progress()) {
                double fraction = (p - left.progress()) / (right.progress() - left.progress());
                return left.scale() + (right.scale() - left.scale()) * fraction;
            }
        }
        return knots.get(knots.size() - 1).scale();
    }

    @Override
    public String toString() {
        return kind + " " + spec;
    }
}
