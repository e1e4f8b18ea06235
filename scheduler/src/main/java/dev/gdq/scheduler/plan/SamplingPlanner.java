package dev.gdq.scheduler.plan;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.scheduler.guidance.GuidancePlan;
import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import dev.gdq.scheduler.sampler.DdimSampler;
import dev.gdq.scheduler.sampler.DdpmSampler;
import dev.gdq.scheduler.sampler.DdpmVariance;
import dev.gdq.scheduler.sampler.DpmSolverPlusPlus2MSampler;
import dev.gdq.scheduler.sampler.EulerAncestralSampler;
import dev.gdq.scheduler.sampler.EulerSampler;
import dev.gdq.scheduler.sampler.Sampler;
import dev.gdq.scheduler.sampler.SamplerPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one validation entry point shared by api and worker: from a request and the manifest of the model it names
 * to a {@link SamplingPlan}, or to every {@link Violation} found (all rules are checked; it never stops at the
 * first). The rules, each reported with its field path:
 * <ul>
 *   <li>{@code schemaVersion} supported; {@code model} present and served;</li>
 *   <li>{@code classes} non-empty, each a class name of the model or an index in {@code 0..K-1};</li>
 *   <li>exactly one of {@code imagesPerClass} and {@code totalImages}, at least 1, at most
 *       {@link PlanningLimits#maxImages()} images in all; {@code priority} in 0..9;</li>
 *   <li>{@code sampler} present with a known name, {@code steps} in {@code 1..min(T, maxSteps)}, a known
 *       {@code timestepSpacing}, {@code eta} in [0, 1] and only for ddim, a known {@code ddpmVariance} and only for
 *       ddpm;</li>
 *   <li>every guidance scale finite, not negative, at most {@link PlanningLimits#maxGuidanceScale()}; power
 *       exponents finite and positive; interval bounds not negative with sigmaLow below sigmaHigh; piecewise knots
 *       present with progress in [0, 1], strictly increasing; explicit lists with one scale per step;</li>
 *   <li>classifier guidance only on a model with a noisy classifier; {@code rescale} in [0, 1];
 *       {@code thresholding.percentile} in (0, 1].</li>
 * </ul>
 * Thread-safe and stateless apart from its limits.
 */
public final class SamplingPlanner {

    private final PlanningLimits limits;

    public SamplingPlanner(PlanningLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A planner with {@link PlanningLimits#DEFAULTS}. */
    public SamplingPlanner() {
        this(PlanningLimits.DEFAULTS);
    }

    /** The limits this planner enforces. */
    public PlanningLimits limits() {
        return limits;
    }

    /**
     * Plans {@code request} for the model of {@code manifest}.
     *
     * @throws IllegalArgumentException when the manifest itself is unusable (unknown noise schedule, a prediction
     *                                  type other than {@code epsilon}): a deployment error, not a request one
     */
    public PlanningResult plan(GenerationRequest request, ModelManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        return planFor(request, manifest, List.of(manifest.name()));
    }

    /**
     * Plans {@code request} for the model it names among {@code servedModels} (keyed by model name); an unknown
     * model is a violation of {@code model}, reported with every other violation that needs no manifest.
     */
    public PlanningResult plan(GenerationRequest request, Map<String, ModelManifest> servedModels) {
        Objects.requireNonNull(servedModels, "servedModels");
        ModelManifest manifest = request == null || request.model() == null ? null : servedModels.get(request.model());
        return planFor(request, manifest, servedModels.keySet().stream().sorted().toList());
    }

    private PlanningResult planFor(GenerationRequest request, ModelManifest manifest, List<String> servedNames) {
        Objects.requireNonNull(request, "request");
        NoiseSchedule schedule = manifest == null ? null : usableSchedule(manifest);
        RequestValidator validator = new RequestValidator(limits, manifest, servedNames);
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return new PlanningResult.Rejected(violations);
        }
        return new PlanningResult.Planned(build(request, manifest, schedule));
    }

    private static NoiseSchedule usableSchedule(ModelManifest manifest) {
        if (!"epsilon".equals(manifest.predictionType())) {
            throw new IllegalArgumentException("model " + manifest.name() + ": predictionType '"
                    + manifest.predictionType() + "' is not supported; v1 serves epsilon");
        }
        return NoiseSchedule.from(manifest.noiseSchedule());
    }

    private static SamplingPlan build(GenerationRequest request, ModelManifest manifest, NoiseSchedule schedule) {
        SamplerSpec spec = request.sampler();
        Sampler sampler = samplerOf(spec);
        TimestepSpacing spacing = spec.timestepSpacing() == null
                ? TimestepSpacing.DEFAULT : TimestepSpacing.fromWireName(spec.timestepSpacing()).orElseThrow();
        SamplerPlan samplerPlan = sampler.plan(schedule, spacing, spec.steps());
        GuidancePlan guidance = GuidancePlan.of(request.guidance(), samplerPlan);
        List<Integer> classIndices = new ArrayList<>(request.classes().size());
        for (ClassRef ref : request.classes()) {
            classIndices.add(ref.isIndex() ? ref.index() : manifest.classNames().indexOf(ref.name()));
        }
        BatchKey key = new BatchKey(manifest.name(), manifest.imageSize(), sampler, spec.steps(), spacing);
        int perClass = request.imagesPerClass() == null ? 0 : request.imagesPerClass();
        return new SamplingPlan(key, schedule, samplerPlan, guidance, classIndices, request.imageCount(), perClass,
                manifest.nullLabel());
    }

    private static Sampler samplerOf(SamplerSpec spec) {
        switch (spec.name()) {
            case DdpmSampler.NAME:
                return new DdpmSampler(spec.ddpmVariance() == null
                        ? DdpmVariance.DEFAULT : DdpmVariance.fromWireName(spec.ddpmVariance()).orElseThrow());
            case DdimSampler.NAME:
                return new DdimSampler(spec.eta() == null ? 0.0 : spec.eta());
            case EulerSampler.NAME:
                return new EulerSampler();
            case EulerAncestralSampler.NAME:
                return new EulerAncestralSampler();
            case DpmSolverPlusPlus2MSampler.NAME:
                return new DpmSolverPlusPlus2MSampler();
            default:
                throw new IllegalStateException("validated sampler name " + spec.name() + " has no sampler");
        }
    }
}
