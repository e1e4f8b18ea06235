package dev.gdq.scheduler.plan;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.SchemaVersion;
import dev.gdq.scheduler.noise.TimestepSpacing;
import dev.gdq.scheduler.sampler.DdimSampler;
import dev.gdq.scheduler.sampler.DdpmSampler;
import dev.gdq.scheduler.sampler.DdpmVariance;
import dev.gdq.scheduler.sampler.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** Collects every violation of one request (the rules are listed on {@link SamplingPlanner}). */
final class RequestValidator {

    private static final int MIN_PRIORITY = 0;
    private static final int MAX_PRIORITY = 9;

    private final PlanningLimits limits;
    private final ModelManifest manifest;
    private final List<String> servedNames;
    private final List<Violation> violations = new ArrayList<>();

    /** {@code manifest} is null when the request names a model that is not served. */
    RequestValidator(PlanningLimits limits, ModelManifest manifest, List<String> servedNames) {
        this.limits = limits;
        this.manifest = manifest;
        this.servedNames = servedNames;
    }

    List<Violation> validate(GenerationRequest request) {
        checkSchemaVersion(request.schemaVersion());
        checkModel(request.model());
        checkClasses(request.classes());
        checkCounts(request);
        checkPriority(request.priority());
        OptionalInt steps = checkSampler(request.sampler());
        checkGuidance(request.guidance(), steps);
        return List.copyOf(violations);
    }

    private void checkSchemaVersion(int version) {
        if (!SchemaVersion.isSupported(version)) {
            add("schemaVersion", Rule.UNSUPPORTED, "version " + version + " is not supported; this server reads "
                    + SchemaVersion.CURRENT);
        }
    }

    private void checkModel(String model) {
        if (model == null || model.isBlank()) {
            add("model", Rule.REQUIRED, "name the model to sample from; served: " + servedNames);
        } else if (manifest == null || !manifest.name().equals(model)) {
            add("model", Rule.UNKNOWN, "unknown model '" + model + "'; served: " + servedNames);
        }
    }

    private void checkClasses(List<ClassRef> classes) {
        if (classes == null || classes.isEmpty()) {
            add("classes", Rule.REQUIRED, "list at least one class, by name or index");
            return;
        }
        for (int i = 0; i < classes.size(); i++) {
            String field = "classes[" + i + "]";
            ClassRef ref = classes.get(i);
            if (ref == null) {
                add(field, Rule.REQUIRED, "must be a class name or index, was null");
            } else if (ref.isIndex()) {
                int count = manifest == null ? Integer.MAX_VALUE : manifest.classNames().size();
                if (ref.index() < 0 || ref.index() >= count) {
                    add(field, Rule.OUT_OF_RANGE, "class index " + ref.index() + " outside 0.." + (count - 1));
                }
            } else if (manifest != null && !manifest.classNames().contains(ref.name())) {
                add(field, Rule.UNKNOWN, "unknown class '" + ref.name() + "'; the model's classes: "
                        + manifest.classNames());
            }
        }
    }

    private void checkCounts(GenerationRequest request) {
        Integer perClass = request.imagesPerClass();
        Integer total = request.totalImages();
        if ((perClass == null) == (total == null)) {
            add("imagesPerClass", Rule.EXACTLY_ONE, "give exactly one of imagesPerClass and totalImages, "
                    + (perClass == null ? "neither was given" : "both were given"));
            return;
        }
        String field = perClass != null ? "imagesPerClass" : "totalImages";
        int count = perClass != null ? perClass : total;
        if (count < 1) {
            add(field, Rule.OUT_OF_RANGE, "must be at least 1, was " + count);
            return;
        }
        int classes = request.classes() == null ? 0 : request.classes().size();
        long images = perClass != null ? (long) perClass * classes : total;
        if (images > limits.maxImages()) {
            add(field, Rule.OUT_OF_RANGE, "asks for " + images + " images; at most " + limits.maxImages()
                    + " per request");
        }
    }

    private void checkPriority(Integer priority) {
        if (priority != null && (priority < MIN_PRIORITY || priority > MAX_PRIORITY)) {
            add("priority", Rule.OUT_OF_RANGE, "must be in " + MIN_PRIORITY + ".." + MAX_PRIORITY + ", was " + priority);
        }
    }

    /** The step count when it is valid, for the checks that depend on it. */
    private OptionalInt checkSampler(SamplerSpec sampler) {
        if (sampler == null) {
            add("sampler", Rule.REQUIRED, "give a sampler: name and steps");
            return OptionalInt.empty();
        }
        String name = sampler.name();
        boolean known = name != null && Sampler.NAMES.contains(name);
        if (name == null) {
            add("sampler.name", Rule.REQUIRED, "name a sampler, one of " + Sampler.NAMES);
        } else if (!known) {
            add("sampler.name", Rule.UNKNOWN, "unknown sampler '" + name + "'; one of " + Sampler.NAMES);
        }

        OptionalInt steps = OptionalInt.empty();
        int maxSteps = manifest == null
                ? limits.maxSteps() : Math.min(limits.maxSteps(), manifest.noiseSchedule().timesteps());
        if (sampler.steps() < 1 || sampler.steps() > maxSteps) {
            add("sampler.steps", Rule.OUT_OF_RANGE, "must be in 1.." + maxSteps + stepsCap() + ", was "
                    + sampler.steps());
        } else {
            steps = OptionalInt.of(sampler.steps());
        }

        String spacing = sampler.timestepSpacing();
        if (spacing != null && TimestepSpacing.fromWireName(spacing).isEmpty()) {
            add("sampler.timestepSpacing", Rule.UNKNOWN, "unknown spacing '" + spacing + "'; one of "
                    + Arrays.stream(TimestepSpacing.values()).map(TimestepSpacing::wireName).toList());
        }

        Double eta = sampler.eta();
        if (eta != null) {
            if (known && !DdimSampler.NAME.equals(name)) {
                add("sampler.eta", Rule.NOT_APPLICABLE, "eta is an option of ddim only, not of " + name);
            } else if (Double.isNaN(eta) || Double.isInfinite(eta)) {
                add("sampler.eta", Rule.NOT_FINITE, "must be a finite number in [0, 1], was " + eta);
            } else if (eta < 0.0 || eta > 1.0) {
                add("sampler.eta", Rule.OUT_OF_RANGE, "must be in [0, 1], was " + eta);
            }
        }

        String variance = sampler.ddpmVariance();
        if (variance != null) {
            if (known && !DdpmSampler.NAME.equals(name)) {
                add("sampler.ddpmVariance", Rule.NOT_APPLICABLE, "ddpmVariance is an option of ddpm only, not of "
                        + name);
            } else if (DdpmVariance.fromWireName(variance).isEmpty()) {
                add("sampler.ddpmVariance", Rule.UNKNOWN, "unknown variance '" + variance + "'; one of "
                        + Arrays.stream(DdpmVariance.values()).map(DdpmVariance::wireName).toList());
            }
        }
        return steps;
    }

    private String stepsCap() {
        return manifest == null ? "" : " (model " + manifest.name() + " has T = " + manifest.noiseSchedule().timesteps()
                + ", this server allows " + limits.maxSteps() + ")";
    }

    private void checkGuidance(GuidanceSpec guidance, OptionalInt steps) {
        if (guidance == null) {
            return;
        }
        if (guidance.cfg() != null) {
            checkScheduleOf("guidance.cfg", guidance.cfg().schedule(), steps);
        }
        if (guidance.classifier() != null) {
            checkScheduleOf("guidance.classifier", guidance.classifier().schedule(), steps);
            if (manifest != null && !manifest.hasNoisyClassifier()) {
                add("guidance.classifier", Rule.UNSUPPORTED, "model " + manifest.name()
                        + " has no noisy classifier; use classifier-free guidance (guidance.cfg)");
            }
        }
        Double rescale = guidance.rescale();
        if (rescale != null) {
            if (Double.isNaN(rescale) || Double.isInfinite(rescale)) {
                add("guidance.rescale", Rule.NOT_FINITE, "must be a finite number in [0, 1], was " + rescale);
            } else if (rescale < 0.0 || rescale > 1.0) {
                add("guidance.rescale", Rule.OUT_OF_RANGE, "must be in [0, 1], was " + rescale);
            }
        }
        if (guidance.thresholding() != null) {
            double percentile = guidance.thresholding().percentile();
            String field = "guidance.thresholding.percentile";
            if (Double.isNaN(percentile) || Double.isInfinite(percentile)) {
                add(field, Rule.NOT_FINITE, "must be a finite number in (0, 1], was " + percentile);
            } else if (percentile <= 0.0 || percentile > 1.0) {
                add(field, Rule.OUT_OF_RANGE, "must be in (0, 1], was " + percentile);
            }
        }
    }

    private void checkScheduleOf(String guidanceField, ScheduleSpec schedule, OptionalInt steps) {
        String field = guidanceField + ".schedule";
        if (schedule == null) {
            add(field, Rule.REQUIRED, "give a schedule (constant, linear, cosine, power, interval, piecewise, "
                    + "explicit)");
            return;
        }
        if (schedule instanceof ScheduleSpec.Constant constant) {
            checkScale(field + ".scale", constant.scale());
        } else if (schedule instanceof ScheduleSpec.Linear linear) {
            checkScale(field + ".from", linear.from());
            checkScale(field + ".to", linear.to());
        } else if (schedule instanceof ScheduleSpec.Cosine cosine) {
            checkScale(field + ".from", cosine.from());
            checkScale(field + ".to", cosine.to());
        } else if (schedule instanceof ScheduleSpec.Power power) {
            checkScale(field + ".from", power.from());
            checkScale(field + ".to", power.to());
            checkExponent(field + ".exponent", power.exponent());
        } else if (schedule instanceof ScheduleSpec.Interval interval) {
            checkInterval(field, interval);
        } else if (schedule instanceof ScheduleSpec.Piecewise piecewise) {
            checkKnots(field + ".knots", piecewise.knots());
        } else if (schedule instanceof ScheduleSpec.Explicit explicit) {
            checkExplicit(field + ".scales", explicit.scales(), steps);
        }
    }

    /** A guidance scale: finite, not negative, at most the configured maximum. */
    private void checkScale(String field, double scale) {
        if (Double.isNaN(scale) || Double.isInfinite(scale)) {
            add(field, Rule.NOT_FINITE, "a guidance scale must be a finite number, was " + scale);
        } else if (scale < 0.0) {
            add(field, Rule.OUT_OF_RANGE, "a guidance scale must not be negative, was " + scale);
        } else if (scale > limits.maxGuidanceScale()) {
            add(field, Rule.OUT_OF_RANGE, "a guidance scale must be at most " + limits.maxGuidanceScale() + ", was "
                    + scale);
        }
    }

    private void checkExponent(String field, double exponent) {
        if (Double.isNaN(exponent) || Double.isInfinite(exponent)) {
            add(field, Rule.NOT_FINITE, "must be a finite number above 0, was " + exponent);
        } else if (exponent <= 0.0) {
            add(field, Rule.OUT_OF_RANGE, "must be above 0, was " + exponent);
        }
    }

    private void checkInterval(String field, ScheduleSpec.Interval interval) {
        checkScale(field + ".scale", interval.scale());
        boolean lowValid = checkSigmaBound(field + ".sigmaLow", interval.sigmaLow());
        boolean highValid = checkSigmaBound(field + ".sigmaHigh", interval.sigmaHigh());
        if (lowValid && highValid && !(interval.sigmaLow() < interval.sigmaHigh())) {
            add(field + ".sigmaLow", Rule.NOT_ORDERED, "sigmaLow (" + interval.sigmaLow()
                    + ") must be below sigmaHigh (" + interval.sigmaHigh() + ")");
        }
    }

    /** A noise-level bound: not NaN, not negative; +infinity is allowed (no upper bound). */
    private boolean checkSigmaBound(String field, double sigma) {
        if (Double.isNaN(sigma)) {
            add(field, Rule.NOT_FINITE, "a noise level must be a number, was NaN");
            return false;
        }
        if (sigma < 0.0) {
            add(field, Rule.OUT_OF_RANGE, "a noise level must not be negative, was " + sigma);
            return false;
        }
        return true;
    }

    private void checkKnots(String field, List<ScheduleSpec.Knot> knots) {
        if (knots == null || knots.isEmpty()) {
            add(field, Rule.REQUIRED, "give at least one knot (progress, scale)");
            return;
        }
        double previous = Double.NaN;
        for (int i = 0; i < knots.size(); i++) {
            String knotField = field + "[" + i + "]";
            ScheduleSpec.Knot knot = knots.get(i);
            if (knot == null) {
                add(knotField, Rule.REQUIRED, "must be a knot {progress, scale}, was null");
                continue;
            }
            checkScale(knotField + ".scale", knot.scale());
            double progress = knot.progress();
            if (Double.isNaN(progress) || Double.isInfinite(progress)) {
                add(knotField + ".progress", Rule.NOT_FINITE, "must be a number in [0, 1], was " + progress);
                previous = Double.NaN;
            } else if (progress < 0.0 || progress > 1.0) {
                add(knotField + ".progress", Rule.OUT_OF_RANGE, "must be in [0, 1], was " + progress);
                previous = Double.NaN;
            } else {
                if (!Double.isNaN(previous) && progress <= previous) {
                    add(knotField + ".progress", Rule.NOT_ORDERED, "knots must have strictly increasing progress; "
                            + progress + " follows " + previous);
                }
                previous = progress;
            }
        }
    }

    private void checkExplicit(String field, List<Double> scales, OptionalInt steps) {
        if (scales == null || scales.isEmpty()) {
            add(field, Rule.REQUIRED, "give one scale per sampling step");
            return;
        }
        for (int i = 0; i < scales.size(); i++) {
            if (scales.get(i) == null) {
                add(field + "[" + i + "]", Rule.REQUIRED, "must be a number, was null");
            } else {
                checkScale(field + "[" + i + "]", scales.get(i));
            }
        }
        if (steps.isPresent() && scales.size() != steps.getAsInt()) {
            add(field, Rule.LENGTH_MISMATCH, "has " + scales.size() + " scales for " + steps.getAsInt()
                    + " steps; give exactly one per step");
        }
    }

    private void add(String field, Rule rule, String detail) {
        violations.add(Violation.of(field, rule, detail));
    }
}
