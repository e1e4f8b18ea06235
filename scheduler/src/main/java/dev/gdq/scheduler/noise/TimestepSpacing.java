package dev.gdq.scheduler.noise;

import java.util.Optional;

/**
 * Which N of the T training timesteps a sampling run visits, in descending order (noisiest first), as diffusers'
 * DDIM, DDPM and Euler schedulers define them (Lin et al. 2024, "Common Diffusion Noise Schedules and Sample
 * Steps are Flawed", arXiv:2305.08891, Section 3.3 and its table of spacings, which diffusers cites):
 *
 * <ul>
 *   <li>{@link #LEADING}: {@code k * (T div N)} for {@code k = N-1..0}; for T = 1000, N = 10:
 *       {@code 900, 800, ..., 0}.</li>
 *   <li>{@link #TRAILING}: {@code round(T - k * T / N) - 1} for {@code k = 0..N-1}; for T = 1000, N = 10:
 *       {@code 999, 899, ..., 99}. Starts at the noisiest step, which is what few-step sampling needs.</li>
 *   <li>{@link #LINSPACE}: {@code round(k * (T - 1) / (N - 1))} for {@code k = N-1..0}; for T = 1000, N = 10:
 *       {@code 999, 888, ..., 111, 0}.</li>
 * </ul>
 *
 * <p>Rounding is numpy's {@code round} (half to even, {@link Math#rint}) applied to the same double values numpy
 * computes ({@code np.arange}'s {@code start + k * ((start + step) - start)}, {@code np.linspace}'s
 * {@code start + k * step} with the last value set to {@code stop}), so every N in 1..T gives exactly
 * diffusers' integers. Two differences, both deliberate: for the N where {@code np.arange(T, 0, -T/N)}
 * overshoots by one element through floating-point error (for T = 1000: N = 61, 103, 121, ...) diffusers
 * yields N + 1 timesteps ending in -1; here it yields the first N, which is what diffusers meant. And diffusers'
 * {@code steps_offset} is fixed at 0 (its default). For N = 1 leading and linspace give the single timestep
 * 0, as in diffusers; trailing gives T - 1.
 */
public enum TimestepSpacing {

    LEADING("leading"),
    TRAILING("trailing"),
    LINSPACE("linspace");

    /** The spacing used when a request names none: diffusers' default for DDIM and DDPM. */
    public static final TimestepSpacing DEFAULT = LEADING;

    private final String wireName;

    TimestepSpacing(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests: {@code leading}, {@code trailing}, {@code linspace}. */
    public String wireName() {
        return wireName;
    }

    /** The spacing a request names, or empty when the name is unknown (names are lower case, exact). */
    public static Optional<TimestepSpacing> fromWireName(String name) {
        for (TimestepSpacing spacing : values()) {
            if (spacing.wireName.equals(name)) {
                return Optional.of(spacing);
            }
        }
        return Optional.empty();
    }

    /**
     * The N timesteps of a run, descending, each in {@code 0..T-1}; a new array on every call.
     *
     * @param trainTimesteps T, at least 1
     * @param steps          N, in {@code 1..T}
     */
    public int[] timesteps(int trainTimesteps, int steps) {
        if (trainTimesteps < 1 || steps < 1 || steps > trainTimesteps) {
            throw new IllegalArgumentException(
                    "steps must be in 1.." + trainTimesteps + " for T = " + trainTimesteps + ", was " + steps);
        }
        int[] result = new int[steps];
        switch (this) {
            case LEADING -> {
                // diffusers: step_ratio = T // N; (arange(0, N) * step_ratio)[::-1]
                int ratio = trainTimesteps / steps;
                for (int i = 0; i < steps; i++) {
                    result[i] = (steps - 1 - i) * ratio;
                }
            }
            case TRAILING -> {
                // diffusers: round(arange(T, 0, -T / N)) - 1; numpy fills arange as start + k * delta,
                // delta = (start + step) - start
                double start = trainTimesteps;
                double delta = (start + -(start / steps)) - start;
                for (int i = 0; i < steps; i++) {
                    result[i] = (int) Math.rint(start + i * delta) - 1;
                }
            }
            case LINSPACE -> {
                // diffusers: round(linspace(0, T - 1, N))[::-1]; numpy: k * ((T - 1) / (N - 1)), last = T - 1
                double stop = trainTimesteps - 1.0;
                double step = steps == 1 ? 0.0 : stop / (steps - 1);
                for (int k = 0; k < steps; k++) {
                    double value = steps > 1 && k == steps - 1 ? stop : k * step;
                    result[steps - 1 - k] = (int) Math.rint(value);
                }
            }
        }
        return result;
    }
}
