package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Guidance of one request. Both kinds may be combined:
 * {@code eps = eps_u + s_t (eps_c - eps_u) - sqrt(1 - abar_t) s_c,t grad log p(y | x_t)}.
 *
 * @param cfg          classifier-free guidance; absent means s = 1 (plain conditional sampling)
 * @param classifier   classifier guidance; absent means no classifier gradient
 * @param rescale      guidance rescale phi in [0, 1] (Lin et al. 2023); absent or 0 means off
 * @param thresholding dynamic thresholding of x0 (Imagen); absent means off
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuidanceSpec(Cfg cfg, Classifier classifier, Double rescale, Thresholding thresholding) {

    /** Classifier-free guidance with a scale schedule s_t. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cfg(@JsonProperty(value = "schedule", required = true) ScheduleSpec schedule) {
    }

    /** Classifier guidance with a scale schedule s_c,t; needs a model with a noisy classifier. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Classifier(@JsonProperty(value = "schedule", required = true) ScheduleSpec schedule) {
    }

    /** Imagen's dynamic thresholding: q = quantile(|x0hat|, percentile); if q &gt; 1, x0hat = clip(x0hat, -q, q) / q. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thresholding(@JsonProperty(value = "percentile", required = true) double percentile) {
    }

    public static GuidanceSpec cfg(ScheduleSpec schedule) {
        return new GuidanceSpec(new Cfg(schedule), null, null, null);
    }
}
