package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;

/**
 * DDIM (Song et al. 2021, "Denoising Diffusion Implicit Models"), with stochasticity eta. State: x_t, model input
 * u = x_t.
 *
 * <p>Notation (code: paper, whose alpha_t is our abar_t): {@code abar}: alpha_t; {@code abarPrev}: alpha_{t-1},
 * abar at the next chosen timestep (1 after the last step); {@code sigmaEta}: sigma_t(eta); x0hat: the
 * "predicted x_0" of eq. 12. The step is eq. 12:
 * x_{t-1} = sqrt(alpha_{t-1}) x0hat + sqrt(1 - alpha_{t-1} - sigma_t^2) eps + sigma_t z,
 * with eq. 16: sigma_t(eta) = eta sqrt((1 - alpha_{t-1}) / (1 - alpha_t)) sqrt(1 - alpha_t / alpha_{t-1}).
 * eta = 0 is deterministic; eta = 1 is DDPM with posterior variance.
 *
 * @param eta in [0, 1]
 */
public record DdimSampler(double eta) implements Sampler {

    /** The wire name, as requests give it. */
    public static final String NAME = "ddim";

    public DdimSampler {
        if (!(eta >= 0.0 && eta <= 1.0)) {
            throw new IllegalArgumentException("eta must be in [0, 1], was " + eta);
        }
        eta = eta + 0.0;
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
            // Song et al. 2021, eq. 16
            double sigmaEta = eta * Math.sqrt((1.0 - abarPrev) / (1.0 - abar)) * Math.sqrt(1.0 - abar / abarPrev);
            // Song et al. 2021, eq. 12: "predicted x_0" term
            double cX0 = Math.sqrt(abarPrev);
            // Song et al. 2021, eq. 12: "direction pointing to x_t" term (clamped at 0 against rounding)
            double cEps = Math.sqrt(Math.max(0.0, 1.0 - abarPrev - sigmaEta * sigmaEta));
            // Song et al. 2021, eq. 12: random noise term
            double cNoise = sigmaEta;
            plan.add(point.step(1.0, 0.0, cEps, cX0, 0.0, cNoise));
        }
        return new SamplerPlan(this, spacing, 1.0, plan);
    }
}
