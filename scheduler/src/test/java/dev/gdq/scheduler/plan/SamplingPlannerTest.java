package dev.gdq.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.guidance.GuidancePlan;
import dev.gdq.scheduler.noise.TimestepSpacing;
import dev.gdq.scheduler.sampler.DdimSampler;
import dev.gdq.scheduler.sampler.DdpmSampler;
import dev.gdq.scheduler.sampler.DdpmVariance;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingPlannerTest {

    private static final SamplingPlanner PLANNER = new SamplingPlanner();
    private static final ModelManifest FASHION = Fixtures.manifest(true);

    @Test
    void validRequestIsPlanned() {
        SamplingPlan plan = PLANNER.plan(Fixtures.valid(), FASHION).orElseThrow();

        assertThat(plan.batchKey()).isEqualTo(
                new BatchKey("fashion", 28, new DdimSampler(0.0), 50, TimestepSpacing.TRAILING));
        assertThat(plan.classIndices()).containsExactly(7, 8);
        assertThat(plan.imageCount()).isEqualTo(6);
        assertThat(plan.nullLabel()).isEqualTo(10);
        assertThat(plan.sampler().stepCount()).isEqualTo(50);
        assertThat(plan.sampler().step(0).timestep()).isEqualTo(999);
        assertThat(plan.noiseSchedule().trainTimesteps()).isEqualTo(1000);

        GuidancePlan guidance = plan.guidance();
        assertThat(guidance.step(0).cfgScale()).isEqualTo(1.0);
        assertThat(guidance.step(49).cfgScale()).isEqualTo(5.0);
        assertThat(guidance.step(0).classifierGradient()).isTrue();
        assertThat(guidance.classifierGradientsPerImage()).isEqualTo(50);
        assertThat(guidance.rescale()).isEqualTo(0.7);
        assertThat(guidance.thresholdingPercentile()).hasValue(0.995);
    }

    @Test
    void imagesPerClassTakesClassesInBlocks() {
        SamplingPlan plan = PLANNER.plan(Fixtures.valid(), FASHION).orElseThrow();
        assertThat(IntStream.range(0, 6).map(plan::classIndexOfImage)).containsExactly(7, 7, 7, 8, 8, 8);
        assertThat(plan.image(4).classIndex()).isEqualTo(8);
        assertThat(plan.image(4).imageIndex()).isEqualTo(4);
        assertThat(plan.image(4).guidance()).isSameAs(plan.guidance());
        assertThatThrownBy(() -> plan.classIndexOfImage(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void totalImagesTakesClassesRoundRobin() {
        GenerationRequest request = Fixtures.request().counts(null, 5)
                .classes(List.of(ClassRef.indexed(0), ClassRef.named("dress"), ClassRef.named("bag"))).build();
        SamplingPlan plan = PLANNER.plan(request, FASHION).orElseThrow();
        assertThat(IntStream.range(0, 5).map(plan::classIndexOfImage)).containsExactly(0, 3, 8, 0, 3);
    }

    @Test
    void absentOptionsTakeTheirDefaults() {
        GenerationRequest ddim = Fixtures.request().sampler(SamplerSpec.of("ddim", 20)).guidance(null).build();
        SamplingPlan plan = PLANNER.plan(ddim, FASHION).orElseThrow();
        assertThat(plan.batchKey().sampler()).isEqualTo(new DdimSampler(0.0));
        assertThat(plan.batchKey().spacing()).isEqualTo(TimestepSpacing.LEADING);
        assertThat(plan.guidance().modelRowsPerImage()).isEqualTo(20);

        GenerationRequest ddpm = Fixtures.request().sampler(SamplerSpec.of("ddpm", 20)).guidance(null).build();
        assertThat(PLANNER.plan(ddpm, FASHION).orElseThrow().batchKey().sampler())
                .isEqualTo(new DdpmSampler(DdpmVariance.POSTERIOR));
    }

    @Test
    void batchKeyIgnoresClassesGuidanceAndSeed() {
        GenerationRequest other = Fixtures.request().classes(List.of(ClassRef.named("coat")))
                .cfg(new ScheduleSpec.Interval(4.0, 0.3, 5.0)).counts(null, 17).build();
        assertThat(PLANNER.plan(other, FASHION).orElseThrow().batchKey())
                .isEqualTo(PLANNER.plan(Fixtures.valid(), FASHION).orElseThrow().batchKey());
    }

    @Test
    void batchKeyDiffersWithEtaStepsSpacingAndSampler() {
        BatchKey base = keyOf(new SamplerSpec("ddim", 50, 0.0, "trailing", null));
        assertThat(keyOf(new SamplerSpec("ddim", 50, 0.5, "trailing", null))).isNotEqualTo(base);
        assertThat(keyOf(new SamplerSpec("ddim", 51, 0.0, "trailing", null))).isNotEqualTo(base);
        assertThat(keyOf(new SamplerSpec("ddim", 50, 0.0, "leading", null))).isNotEqualTo(base);
        assertThat(keyOf(new SamplerSpec("euler", 50, null, "trailing", null))).isNotEqualTo(base);
        assertThat(keyOf(new SamplerSpec("ddim", 50, null, "trailing", null))).isEqualTo(base);
        assertThat(keyOf(new SamplerSpec("ddpm", 50, null, "trailing", "beta")))
                .isNotEqualTo(keyOf(new SamplerSpec("ddpm", 50, null, "trailing", "posterior")));
        assertThat(base.samplerName()).isEqualTo("ddim");
    }

    @Test
    void everyViolationIsCollected() {
        GenerationRequest request = Fixtures.request()
                .schemaVersion(2)
                .classes(List.of(ClassRef.named("boot"), ClassRef.indexed(12)))
                .counts(2, 4)
                .priority(12)
                .sampler(new SamplerSpec("ddim", 0, 2.0, "uniform", null))
                .cfg(new ScheduleSpec.Constant(Double.NaN))
                .build();
        PlanningResult result = PLANNER.plan(request, FASHION);
        assertThat(result.violations()).extracting(Violation::field).containsExactly(
                "schemaVersion", "classes[0]", "classes[1]", "imagesPerClass", "priority", "sampler.steps",
                "sampler.timestepSpacing", "sampler.eta", "guidance.cfg.schedule.scale");
        assertThatThrownBy(result::orElseThrow)
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).hasSize(9))
                .hasMessageContaining("sampler.steps");
    }

    @Test
    void servedModelsAreLookedUpByName() {
        Map<String, ModelManifest> served = Map.of("fashion", FASHION);
        assertThat(PLANNER.plan(Fixtures.valid(), served).valid()).isTrue();

        GenerationRequest unknown = Fixtures.request().model("mnist")
                .sampler(new SamplerSpec("ddim", 0, null, null, null)).build();
        PlanningResult result = PLANNER.plan(unknown, served);
        assertThat(result.violations()).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("model", Rule.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("sampler.steps", Rule.OUT_OF_RANGE));
        assertThat(result.violations().get(0).message()).contains("fashion");
    }

    @Test
    void configuredLimitsAreEnforced() {
        SamplingPlanner strict = new SamplingPlanner(new PlanningLimits(20, 5, 10.0));
        GenerationRequest request = Fixtures.request().counts(null, 6)
                .sampler(new SamplerSpec("euler", 21, null, null, null))
                .cfg(new ScheduleSpec.Linear(1.0, 10.5)).build();
        assertThat(strict.plan(request, FASHION).violations()).extracting(Violation::field)
                .containsExactly("totalImages", "sampler.steps", "guidance.cfg.schedule.to");

        GenerationRequest atTheLimits = Fixtures.request().counts(null, 5)
                .sampler(new SamplerSpec("euler", 20, null, null, null))
                .cfg(new ScheduleSpec.Linear(1.0, 10.0)).build();
        assertThat(strict.plan(atTheLimits, FASHION).valid()).isTrue();
    }

    @Test
    void stepsAreCappedByTheModelsTrainingSteps() {
        ModelManifest shortChain = new ModelManifest(1, "fashion", "1", 28, 1, Fixtures.CLASS_NAMES, 10,
                new ModelManifest.NoiseScheduleSpec("cosine", 100, null, null), "epsilon", FASHION.files(), null,
                null);
        GenerationRequest request = Fixtures.request().sampler(new SamplerSpec("euler", 101, null, null, null))
                .build();
        assertThat(PLANNER.plan(request, shortChain).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("1..100"));
    }

    @Test
    void explicitScheduleWithOneScalePerStepIsPlanned() {
        List<Double> scales = IntStream.range(0, 50).mapToObj(i -> i / 10.0).toList();
        GenerationRequest request = Fixtures.request().cfg(new ScheduleSpec.Explicit(scales)).build();
        GuidancePlan guidance = PLANNER.plan(request, FASHION).orElseThrow().guidance();
        assertThat(guidance.step(0).cfgScale()).isZero();
        assertThat(guidance.step(10).cfgScale()).isEqualTo(1.0);
        assertThat(guidance.step(49).cfgScale()).isCloseTo(4.9, within(1e-12));
        assertThat(guidance.unconditionalRowsPerImage()).isEqualTo(49);
    }

    @Test
    void aManifestThatIsNotEpsilonPredictionIsADeploymentError() {
        ModelManifest vPrediction = new ModelManifest(1, "fashion", "1", 28, 1, Fixtures.CLASS_NAMES, 10,
                FASHION.noiseSchedule(), "v_prediction", FASHION.files(), null, null);
        assertThatThrownBy(() -> PLANNER.plan(Fixtures.valid(), vPrediction))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predictionType");
    }

    @Test
    void classifierFreeGuidanceOnlyNeedsNoNoisyClassifier() {
        GenerationRequest request = Fixtures.request()
                .guidance(GuidanceSpec.cfg(new ScheduleSpec.Constant(3.0))).build();
        assertThat(PLANNER.plan(request, Fixtures.manifest(false)).valid()).isTrue();
    }

    private static BatchKey keyOf(SamplerSpec sampler) {
        return PLANNER.plan(Fixtures.request().sampler(sampler).guidance(null).build(), FASHION).orElseThrow()
                .batchKey();
    }
}
