package dev.gdq.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A guidance-weight schedule w(p) as data: a function of sampling progress p = step / (steps - 1),
 * 0 at the noisiest step and 1 at the last. Scales follow diffusers' convention: s = 1 is plain
 * conditional sampling, s = 0 unconditional; the CFG paper's w is s - 1. The maths and sources are in
 * the scheduler module, which also validates the values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScheduleSpec.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = ScheduleSpec.Linear.class, name = "linear"),
    @JsonSubTypes.Type(value = ScheduleSpec.Cosine.class, name = "cosine"),
    @JsonSubTypes.Type(value = ScheduleSpec.Power.class, name = "power"),
    @JsonSubTypes.Type(value = ScheduleSpec.Interval.class, name = "interval"),
    @JsonSubTypes.Type(value = ScheduleSpec.Piecewise.class, name = "piecewise"),
    @JsonSubTypes.Type(value = ScheduleSpec.Explicit.class, name = "explicit"),
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ScheduleSpec {

    /** s at every step. */
    record Constant(@JsonProperty(value = "scale", required = true) double scale) implements ScheduleSpec {
    }

    /** from + (to - from) * p. */
    record Linear(@JsonProperty(value = "from", required = true) double from,
                  @JsonProperty(value = "to", required = true) double to) implements ScheduleSpec {
    }

    /** from + (to - from) * (1 - cos(pi * p)) / 2. */
    record Cosine(@JsonProperty(value = "from", required = true) double from,
                  @JsonProperty(value = "to", required = true) double to) implements ScheduleSpec {
    }

    /** from + (to - from) * p^exponent. */
    record Power(@JsonProperty(value = "from", required = true) double from,
                 @JsonProperty(value = "to", required = true) double to,
                 @JsonProperty(value = "exponent", required = true) double exponent) implements ScheduleSpec {
    }

    /** s where sigmaLow &lt; sigma_t &lt;= sigmaHigh, 1 (conditional only) elsewhere (Kynkaanniemi et al. 2024). */
    record Interval(@JsonProperty(value = "scale", required = true) double scale,
                    @JsonProperty(value = "sigmaLow", required = true) double sigmaLow,
                    @JsonProperty(value = "sigmaHigh", required = true) double sigmaHigh) implements ScheduleSpec {
    }

    /** Linear interpolation between knots (progress, scale), held constant outside the first and last. */
    record Piecewise(@JsonProperty(value = "knots", required = true) List<Knot> knots) implements ScheduleSpec {
        public Piecewise {
            knots = Copies.list(knots);
        }
    }

    /** One scale per sampling step; the list's length must equal the step count. */
    record Explicit(@JsonProperty(value = "scales", required = true) List<Double> scales) implements ScheduleSpec {
        public Explicit {
            scales = Copies.list(scales);
        }
    }

    /** A knot of a piecewise schedule. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Knot(@JsonProperty(value = "progress", required = true) double progress,
                @JsonProperty(value = "scale", required = true) double scale) {
    }
}
