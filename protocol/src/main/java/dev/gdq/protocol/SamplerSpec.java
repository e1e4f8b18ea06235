package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which sampler runs and how.
 *
 * @param name            {@code ddpm}, {@code ddim}, {@code euler}, {@code euler-ancestral} or {@code dpmpp-2m}
 * @param steps           number of denoising steps, 1..T of the model
 * @param eta             DDIM stochasticity in [0, 1] (0 deterministic); only for {@code ddim}
 * @param timestepSpacing {@code leading}, {@code trailing} or {@code linspace} (diffusers' definitions)
 * @param ddpmVariance    {@code posterior} or {@code beta}; only for {@code ddpm}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplerSpec(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "steps", required = true) int steps,
        Double eta,
        String timestepSpacing,
        String ddpmVariance) {

    public static SamplerSpec of(String name, int steps) {
        return new SamplerSpec(name, steps, null, null, null);
    }
}
