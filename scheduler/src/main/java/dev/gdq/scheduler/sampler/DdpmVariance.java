package dev.gdq.scheduler.sampler;

import java.util.Optional;

/**
 * The variance of a DDPM ancestral step (Ho et al. 2020, Section 3.2: "sigma_t^2 = beta_t and
 * sigma_t^2 = beta~_t had similar results"; diffusers' {@code fixed_small} and {@code fixed_large}).
 */
public enum DdpmVariance {

    /** beta~_t = (1 - abar_{t-1}) / (1 - abar_t) * beta_t, the variance of q(x_{t-1} | x_t, x_0) (Ho et al. 2020, eq. 7). */
    POSTERIOR("posterior"),
    /** beta_t, the variance of the forward step (Ho et al. 2020, Section 3.2). */
    BETA("beta");

    /** The variance used when a request names none: diffusers' default, {@code fixed_small}. */
    public static final DdpmVariance DEFAULT = POSTERIOR;

    private final String wireName;

    DdpmVariance(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests: {@code posterior} or {@code beta}. */
    public String wireName() {
        return wireName;
    }

    /** The variance a request names, or empty when the name is unknown (lower case, exact). */
    public static Optional<DdpmVariance> fromWireName(String name) {
        for (DdpmVariance variance : values()) {
            if (variance.wireName.equals(name)) {
                return Optional.of(variance);
            }
        }
        return Optional.empty();
    }
}
