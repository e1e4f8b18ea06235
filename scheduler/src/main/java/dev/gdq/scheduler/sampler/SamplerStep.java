package dev.gdq.scheduler.sampler;

/**
 * The scalars of one sampling step. With {@code u = inputScale * x} the model input and {@code eps} the guided
 * prediction at {@code timestep}, the worker computes {@code x0 = (u - sqrtOneMinusAlphaBar * eps) / sqrtAlphaBar}
 * and then the next state as one weighted sum:
 * <pre>
 *   x_next = cX * x + cEps * eps + cX0 * x0 + cX0Prev * x0Prev + cNoise * z
 * </pre>
 * ({@code z} standard normal noise, drawn only when {@code cNoise != 0}). The full loop is in {@link SamplerPlan}.
 *
 * @param index                0-based step index, 0 the noisiest
 * @param timestep             t, the integer timestep the model is called with, in {@code 0..T-1}
 * @param alphaBar             abar_t
 * @param alphaBarNext         abar at the next step's timestep, 1 after the last step
 * @param sigma                sigma_t = sqrt((1 - abar_t) / abar_t), the step's noise level (interval guidance
 *                             compares against it)
 * @param sigmaNext            sigma at the next step's timestep, 0 after the last step
 * @param inputScale           u = inputScale * x: 1 for samplers whose state is x_t, sqrt(abar_t) for those whose
 *                             state is x_t / sqrt(abar_t) (Euler)
 * @param sqrtAlphaBar         sqrt(abar_t)
 * @param sqrtOneMinusAlphaBar sqrt(1 - abar_t); also the factor of score-form classifier guidance,
 *                             eps' = eps - sqrt(1 - abar_t) * s_c * grad log p(y | x_t) (Dhariwal &amp; Nichol 2021,
 *                             Section 4.2)
 * @param cX                   weight of the current state x
 * @param cEps                 weight of the guided eps
 * @param cX0                  weight of this step's x0hat
 * @param cX0Prev              weight of the previous step's x0hat (DPM-Solver++ 2M's second-order term), else 0
 * @param cNoise               weight of fresh noise z; 0 on deterministic steps and on every last step
 */
public record SamplerStep(
        int index,
        int timestep,
        double alphaBar,
        double alphaBarNext,
        double sigma,
        double sigmaNext,
        double inputScale,
        double sqrtAlphaBar,
        double sqrtOneMinusAlphaBar,
        double cX,
        double cEps,
        double cX0,
        double cX0Prev,
        double cNoise) {

    public SamplerStep {
        double[] all = {alphaBar, alphaBarNext, sigma, sigmaNext, inputScale, sqrtAlphaBar, sqrtOneMinusAlphaBar,
            cX, cEps, cX0, cX0Prev, cNoise};
        for (double value : all) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("step " + index + " (t = " + timestep + ") has a non-finite scalar");
            }
        }
    }

    /** Whether this step draws noise: {@code cNoise != 0}. */
    public boolean stochastic() {
        return cNoise != 0.0;
    }

    /** Whether this step uses the previous step's x0hat: {@code cX0Prev != 0}. */
    public boolean usesPreviousX0() {
        return cX0Prev != 0.0;
    }
}
