package dev.gdq.scheduler.guidance;

/**
 * Guidance of one sample at one step: the scales as applied, the model rows the worker must compute, and the
 * weights of the guided prediction as one weighted sum:
 * <pre>
 *   eps = unconditionalWeight * eps_u + conditionalWeight * eps_c      // CFG, Ho &amp; Salimans 2022, eq. 6
 *   [rescale, see GuidancePlan]
 *   eps = eps + gradientWeight * grad_u log p(y | u, t)              // Dhariwal &amp; Nichol 2021, Section 4.2
 * </pre>
 * A row that is not needed has weight 0 and must not be computed.
 *
 * @param index               0-based step index
 * @param progress            p = index / (N - 1), 0 when N = 1
 * @param sigma               the step's noise level sigma_t (what interval schedules compare against)
 * @param cfgScale            s_t as applied: the scheduled value, set to exactly 1 or 0 when within
 *                            {@link GuidancePlan#SCALE_TOLERANCE} of it
 * @param classifierScale     s_c,t as applied: the scheduled value, 0 when within the tolerance of 0
 * @param conditionalRow      whether the model is evaluated with the class label (eps_c)
 * @param unconditionalRow    whether the model is evaluated with the null label (eps_u)
 * @param classifierGradient  whether the classifier gradient is taken
 * @param conditionalWeight   weight of eps_c: s_t with both rows, 1 with the conditional row only
 * @param unconditionalWeight weight of eps_u: 1 - s_t with both rows, 1 with the unconditional row only
 * @param gradientWeight      weight of the classifier gradient: -sqrt(1 - abar_t) * s_c,t
 */
public record GuidanceStep(
        int index,
        double progress,
        double sigma,
        double cfgScale,
        double classifierScale,
        boolean conditionalRow,
        boolean unconditionalRow,
        boolean classifierGradient,
        double conditionalWeight,
        double unconditionalWeight,
        double gradientWeight) {

    /** Model rows this sample needs at this step: 1 or 2. */
    public int modelRows() {
        return (conditionalRow ? 1 : 0) + (unconditionalRow ? 1 : 0);
    }
}
