package dev.gdq.scheduler.noise;

import dev.gdq.protocol.ModelManifest;
import java.util.Arrays;
import java.util.Locale;

/**
 * A discrete training noise schedule: betas {@code beta_t} and the cumulative products
 * {@code abar_t = prod_{s <= t} (1 - beta_s)} for {@code t = 0..T-1}, in double precision.
 *
 * <p>Notation (code name: symbol, source):
 * <ul>
 *   <li>{@code beta(t)}: beta_t, the variance of the forward step q(x_t | x_{t-1}) (Ho et al. 2020, eq. 2);</li>
 *   <li>{@code alphaBar(t)}: abar_t, so that q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I) (Ho et al. 2020, eq. 4);</li>
 *   <li>{@code sigma(t)}: sigma_t = sqrt((1 - abar_t) / abar_t), the noise level of the same state in the
 *       variance-exploding form x_t / sqrt(abar_t) (Karras et al. 2022, "Elucidating the Design Space",
 *       Table 1, VP column; k-diffusion's {@code DiscreteSchedule}).</li>
 * </ul>
 * Time is 0-based as in diffusers: {@code t = 0} is the least noisy training step, {@code t = T-1} the noisiest.
 * The paper's 1-based {@code t} is this {@code t + 1}.
 */
public final class NoiseSchedule {

    /** Nichol &amp; Dhariwal 2021, eq. 17: the offset s of the cosine schedule. */
    static final double COSINE_OFFSET = 0.008;
    /** Nichol &amp; Dhariwal 2021, Section 3.2: betas of the cosine schedule are clipped to at most 0.999. */
    static final double COSINE_MAX_BETA = 0.999;

    private final String description;
    private final double[] betas;
    private final double[] alphaBars;

    private NoiseSchedule(String description, double[] betas) {
        if (betas.length < 1) {
            throw new IllegalArgumentException("a noise schedule needs at least one timestep");
        }
        double[] cumulative = new double[betas.length];
        double product = 1.0;
        for (int t = 0; t < betas.length; t++) {
            double beta = betas[t];
            if (!(beta > 0.0 && beta < 1.0)) {
                throw new IllegalArgumentException("beta_" + t + " must be in (0, 1), was " + beta);
            }
            // Ho et al. 2020, eq. 4 and the line above it: abar_t = prod_{s <= t} alpha_s, alpha_s = 1 - beta_s
            product *= 1.0 - beta;
            cumulative[t] = product;
        }
        this.description = description;
        this.betas = betas.clone();
        this.alphaBars = cumulative;
    }

    /**
     * Linear betas from {@code betaStart} to {@code betaEnd} over {@code timesteps} steps, both ends included
     * (Ho et al. 2020, Section 4: 1e-4 to 0.02 over T = 1000; diffusers' {@code beta_schedule="linear"},
     * {@code linspace(beta_start, beta_end, T)}).
     */
    public static NoiseSchedule linear(int timesteps, double betaStart, double betaEnd) {
        requirePositive(timesteps);
        double[] betas = new double[timesteps];
        double step = timesteps == 1 ? 0.0 : (betaEnd - betaStart) / (timesteps - 1);
        for (int t = 0; t < timesteps; t++) {
            // beta_t = beta_start + t (beta_end - beta_start) / (T - 1), t = 0..T-1
            betas[t] = t == timesteps - 1 && timesteps > 1 ? betaEnd : betaStart + t * step;
        }
        return new NoiseSchedule(String.format(Locale.ROOT, "linear(T=%d, %s..%s)", timesteps, betaStart, betaEnd),
                betas);
    }

    /**
     * The cosine schedule of Nichol &amp; Dhariwal 2021 ("Improved Denoising Diffusion Probabilistic Models",
     * eq. 17): {@code abar(tau) = f(tau) / f(0)}, {@code f(tau) = cos^2(((tau / T) + s) / (1 + s) * pi / 2)},
     * s = 0.008, discretised through betas {@code beta_t = min(1 - f((t + 1) / T) / f(t / T), 0.999)}
     * (0-based {@code t}; diffusers' {@code squaredcos_cap_v2}). Hence {@code abar_t = f((t + 1) / T) / f(0)}
     * wherever no beta was clipped, which is every {@code t < T - 1}.
     */
    public static NoiseSchedule cosine(int timesteps) {
        requirePositive(timesteps);
        double[] betas = new double[timesteps];
        for (int t = 0; t < timesteps; t++) {
            // Nichol & Dhariwal 2021, eq. 17 and the clipping below it
            double ratio = cosineF((t + 1.0) / timesteps) / cosineF((double) t / timesteps);
            betas[t] = Math.min(1.0 - ratio, COSINE_MAX_BETA);
        }
        return new NoiseSchedule("cosine(T=" + timesteps + ")", betas);
    }

    /** A schedule from explicit betas, {@code betas[t]} for {@code t = 0..T-1}, each in (0, 1). */
    public static NoiseSchedule fromBetas(double... betas) {
        return new NoiseSchedule("betas(T=" + betas.length + ")", betas.clone());
    }

    /**
     * The schedule a model manifest declares: {@code linear} (needs {@code betaStart} and {@code betaEnd}) or
     * {@code cosine}.
     *
     * @throws IllegalArgumentException naming the manifest field when the declaration is unusable; a bad
     *                                  manifest is a deployment error, not a request violation
     */
    public static NoiseSchedule from(ModelManifest.NoiseScheduleSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("noiseSchedule: missing from the model manifest");
        }
        if (spec.timesteps() < 1) {
            throw new IllegalArgumentException("noiseSchedule.timesteps: must be at least 1, was " + spec.timesteps());
        }
        String type = spec.type() == null ? "" : spec.type();
        switch (type) {
            case "linear":
                if (spec.betaStart() == null || spec.betaEnd() == null) {
                    throw new IllegalArgumentException(
                            "noiseSchedule.betaStart/betaEnd: a linear schedule needs both");
                }
                return linear(spec.timesteps(), spec.betaStart(), spec.betaEnd());
            case "cosine":
                return cosine(spec.timesteps());
            default:
                throw new IllegalArgumentException(
                        "noiseSchedule.type: unknown '" + spec.type() + "'; expected linear or cosine");
        }
    }

    /** T, the number of training timesteps. */
    public int trainTimesteps() {
        return betas.length;
    }

    /** beta_t for {@code t} in {@code 0..T-1}. */
    public double beta(int t) {
        return betas[checkIndex(t)];
    }

    /** abar_t for {@code t} in {@code 0..T-1}. */
    public double alphaBar(int t) {
        return alphaBars[checkIndex(t)];
    }

    /** sigma_t = sqrt((1 - abar_t) / abar_t) for {@code t} in {@code 0..T-1}. */
    public double sigma(int t) {
        return sigmaOf(alphaBar(t));
    }

    /**
     * sigma = sqrt((1 - abar) / abar): the VE noise level of a VP state with signal level abar (Karras et al.
     * 2022, Table 1); 0 for abar = 1, the clean end of the chain.
     */
    public static double sigmaOf(double alphaBar) {
        return Math.sqrt((1.0 - alphaBar) / alphaBar);
    }

    /** All abar_t, {@code t = 0..T-1}; a copy. */
    public double[] alphaBars() {
        return alphaBars.clone();
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoiseSchedule that && Arrays.equals(betas, that.betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }

    private static double cosineF(double tau) {
        double c = Math.cos((tau + COSINE_OFFSET) / (1.0 + COSINE_OFFSET) * Math.PI / 2.0);
        return c * c;
    }

    private int checkIndex(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IndexOutOfBoundsException("timestep " + t + " outside 0.." + (betas.length - 1));
        }
        return t;
    }

    private static void requirePositive(int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be at least 1, was " + timesteps);
        }
    }
}
