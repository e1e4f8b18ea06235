package dev.gdq.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdq.protocol.ClassRef;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.protocol.ScheduleSpec.Knot;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the planner, each broken alone on an otherwise valid request. */
class InvalidRequestTableTest {

    private static final SamplingPlanner PLANNER = new SamplingPlanner();

    private static Arguments invalid(String rule, Fixtures.Builder request, String field, Rule kind) {
        return Arguments.of(rule, request.build(), field, kind);
    }

    private static SamplerSpec sampler(String name, int steps, Double eta, String spacing, String variance) {
        return new SamplerSpec(name, steps, eta, spacing, variance);
    }

    private static GuidanceSpec classifier(ScheduleSpec schedule) {
        return new GuidanceSpec(null, new GuidanceSpec.Classifier(schedule), null, null);
    }

    static Stream<Arguments> invalidRequests() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                invalid("unsupported schema version", Fixtures.request().schemaVersion(2), "schemaVersion",
                        Rule.UNSUPPORTED),
                invalid("missing model", Fixtures.request().model(null), "model", Rule.REQUIRED),
                invalid("blank model", Fixtures.request().model(" "), "model", Rule.REQUIRED),
                invalid("model not served", Fixtures.request().model("mnist"), "model", Rule.UNKNOWN),
                invalid("no classes", Fixtures.request().classes(List.of()), "classes", Rule.REQUIRED),
                invalid("missing classes", Fixtures.request().classes(null), "classes", Rule.REQUIRED),
                invalid("unknown class name", Fixtures.request().classes(
                        List.of(ClassRef.named("sneaker"), ClassRef.named("boot"))), "classes[1]", Rule.UNKNOWN),
                invalid("class index past the last class", Fixtures.request().classes(
                        List.of(ClassRef.named("bag"), ClassRef.indexed(10))), "classes[1]", Rule.OUT_OF_RANGE),
                invalid("negative class index", Fixtures.request().classes(List.of(ClassRef.indexed(-1))),
                        "classes[0]", Rule.OUT_OF_RANGE),
                invalid("null class", Fixtures.request().classes(java.util.Arrays.asList(ClassRef.named("bag"), null)),
                        "classes[1]", Rule.REQUIRED),
                invalid("both image counts", Fixtures.request().counts(3, 6), "imagesPerClass", Rule.EXACTLY_ONE),
                invalid("neither image count", Fixtures.request().counts(null, null), "imagesPerClass",
                        Rule.EXACTLY_ONE),
                invalid("zero images per class", Fixtures.request().counts(0, null), "imagesPerClass",
                        Rule.OUT_OF_RANGE),
                invalid("negative total", Fixtures.request().counts(null, -3), "totalImages", Rule.OUT_OF_RANGE),
                invalid("total above the limit", Fixtures.request().counts(null, 100_001), "totalImages",
                        Rule.OUT_OF_RANGE),
                invalid("per class times classes above the limit", Fixtures.request().counts(60_000, null),
                        "imagesPerClass", Rule.OUT_OF_RANGE),
                invalid("priority above 9", Fixtures.request().priority(10), "priority", Rule.OUT_OF_RANGE),
                invalid("negative priority", Fixtures.request().priority(-1), "priority", Rule.OUT_OF_RANGE),
                invalid("missing sampler", Fixtures.request().sampler(null), "sampler", Rule.REQUIRED),
                invalid("missing sampler name", Fixtures.request().sampler(sampler(null, 50, null, null, null)),
                        "sampler.name", Rule.REQUIRED),
                invalid("unknown sampler", Fixtures.request().sampler(sampler("heun", 50, null, null, null)),
                        "sampler.name", Rule.UNKNOWN),
                invalid("zero steps", Fixtures.request().sampler(sampler("euler", 0, null, null, null)),
                        "sampler.steps", Rule.OUT_OF_RANGE),
                invalid("more steps than T", Fixtures.request().sampler(sampler("euler", 1001, null, null, null)),
                        "sampler.steps", Rule.OUT_OF_RANGE),
                invalid("unknown spacing", Fixtures.request().sampler(sampler("euler", 50, null, "uniform", null)),
                        "sampler.timestepSpacing", Rule.UNKNOWN),
                invalid("eta above 1", Fixtures.request().sampler(sampler("ddim", 50, 1.5, null, null)),
                        "sampler.eta", Rule.OUT_OF_RANGE),
                invalid("negative eta", Fixtures.request().sampler(sampler("ddim", 50, -0.1, null, null)),
                        "sampler.eta", Rule.OUT_OF_RANGE),
                invalid("NaN eta", Fixtures.request().sampler(sampler("ddim", 50, nan, null, null)),
                        "sampler.eta", Rule.NOT_FINITE),
                invalid("eta for euler", Fixtures.request().sampler(sampler("euler", 50, 0.5, null, null)),
                        "sampler.eta", Rule.NOT_APPLICABLE),
                invalid("eta for dpmpp-2m", Fixtures.request().sampler(sampler("dpmpp-2m", 20, 0.0, null, null)),
                        "sampler.eta", Rule.NOT_APPLICABLE),
                invalid("unknown ddpm variance", Fixtures.request().sampler(
                        sampler("ddpm", 50, null, null, "fixed_large")), "sampler.ddpmVariance", Rule.UNKNOWN),
                invalid("ddpm variance for ddim", Fixtures.request().sampler(sampler("ddim", 50, null, null, "beta")),
                        "sampler.ddpmVariance", Rule.NOT_APPLICABLE),
                invalid("cfg without schedule", Fixtures.request().cfg(null), "guidance.cfg.schedule", Rule.REQUIRED),
                invalid("NaN constant scale", Fixtures.request().cfg(new ScheduleSpec.Constant(nan)),
                        "guidance.cfg.schedule.scale", Rule.NOT_FINITE),
                invalid("infinite constant scale", Fixtures.request().cfg(new ScheduleSpec.Constant(inf)),
                        "guidance.cfg.schedule.scale", Rule.NOT_FINITE),
                invalid("negative constant scale", Fixtures.request().cfg(new ScheduleSpec.Constant(-1.0)),
                        "guidance.cfg.schedule.scale", Rule.OUT_OF_RANGE),
                invalid("scale above the limit", Fixtures.request().cfg(new ScheduleSpec.Constant(101.0)),
                        "guidance.cfg.schedule.scale", Rule.OUT_OF_RANGE),
                invalid("negative linear start", Fixtures.request().cfg(new ScheduleSpec.Linear(-2.0, 3.0)),
                        "guidance.cfg.schedule.from", Rule.OUT_OF_RANGE),
                invalid("infinite linear end", Fixtures.request().cfg(new ScheduleSpec.Linear(1.0, inf)),
                        "guidance.cfg.schedule.to", Rule.NOT_FINITE),
                invalid("NaN cosine end", Fixtures.request().cfg(new ScheduleSpec.Cosine(1.0, nan)),
                        "guidance.cfg.schedule.to", Rule.NOT_FINITE),
                invalid("zero power exponent", Fixtures.request().cfg(new ScheduleSpec.Power(1.0, 3.0, 0.0)),
                        "guidance.cfg.schedule.exponent", Rule.OUT_OF_RANGE),
                invalid("NaN power exponent", Fixtures.request().cfg(new ScheduleSpec.Power(1.0, 3.0, nan)),
                        "guidance.cfg.schedule.exponent", Rule.NOT_FINITE),
                invalid("negative power start", Fixtures.request().cfg(new ScheduleSpec.Power(-1.0, 3.0, 2.0)),
                        "guidance.cfg.schedule.from", Rule.OUT_OF_RANGE),
                invalid("interval bounds reversed", Fixtures.request().cfg(new ScheduleSpec.Interval(3.0, 5.0, 1.0)),
                        "guidance.cfg.schedule.sigmaLow", Rule.NOT_ORDERED),
                invalid("empty interval", Fixtures.request().cfg(new ScheduleSpec.Interval(3.0, 2.0, 2.0)),
                        "guidance.cfg.schedule.sigmaLow", Rule.NOT_ORDERED),
                invalid("negative interval bound", Fixtures.request().cfg(new ScheduleSpec.Interval(3.0, -1.0, 2.0)),
                        "guidance.cfg.schedule.sigmaLow", Rule.OUT_OF_RANGE),
                invalid("NaN interval bound", Fixtures.request().cfg(new ScheduleSpec.Interval(3.0, 0.3, nan)),
                        "guidance.cfg.schedule.sigmaHigh", Rule.NOT_FINITE),
                invalid("negative interval scale", Fixtures.request().cfg(new ScheduleSpec.Interval(-3.0, 0.3, 5.0)),
                        "guidance.cfg.schedule.scale", Rule.OUT_OF_RANGE),
                invalid("no knots", Fixtures.request().cfg(new ScheduleSpec.Piecewise(List.of())),
                        "guidance.cfg.schedule.knots", Rule.REQUIRED),
                invalid("knots out of order", Fixtures.request().cfg(new ScheduleSpec.Piecewise(
                        List.of(new Knot(0.5, 1.0), new Knot(0.2, 3.0)))),
                        "guidance.cfg.schedule.knots[1].progress", Rule.NOT_ORDERED),
                invalid("knots at the same progress", Fixtures.request().cfg(new ScheduleSpec.Piecewise(
                        List.of(new Knot(0.0, 1.0), new Knot(0.5, 2.0), new Knot(0.5, 3.0)))),
                        "guidance.cfg.schedule.knots[2].progress", Rule.NOT_ORDERED),
                invalid("knot progress above 1", Fixtures.request().cfg(new ScheduleSpec.Piecewise(
                        List.of(new Knot(1.5, 1.0)))), "guidance.cfg.schedule.knots[0].progress", Rule.OUT_OF_RANGE),
                invalid("NaN knot scale", Fixtures.request().cfg(new ScheduleSpec.Piecewise(
                        List.of(new Knot(0.0, 1.0), new Knot(1.0, nan)))), "guidance.cfg.schedule.knots[1].scale",
                        Rule.NOT_FINITE),
                invalid("null knot", Fixtures.request().cfg(new ScheduleSpec.Piecewise(
                        java.util.Arrays.asList(new Knot(0.0, 1.0), null))), "guidance.cfg.schedule.knots[1]",
                        Rule.REQUIRED),
                invalid("null explicit scale", Fixtures.request().cfg(new ScheduleSpec.Explicit(
                        withValueAt(7, null))), "guidance.cfg.schedule.scales[7]", Rule.REQUIRED),
                invalid("explicit list shorter than steps", Fixtures.request().cfg(new ScheduleSpec.Explicit(
                        Collections.nCopies(49, 2.0))), "guidance.cfg.schedule.scales", Rule.LENGTH_MISMATCH),
                invalid("explicit list longer than steps", Fixtures.request().cfg(new ScheduleSpec.Explicit(
                        Collections.nCopies(51, 2.0))), "guidance.cfg.schedule.scales", Rule.LENGTH_MISMATCH),
                invalid("empty explicit list", Fixtures.request().cfg(new ScheduleSpec.Explicit(List.of())),
                        "guidance.cfg.schedule.scales", Rule.REQUIRED),
                invalid("negative explicit scale", Fixtures.request().cfg(new ScheduleSpec.Explicit(
                        withValueAt(3, -1.0))), "guidance.cfg.schedule.scales[3]", Rule.OUT_OF_RANGE),
                invalid("infinite explicit scale", Fixtures.request().cfg(new ScheduleSpec.Explicit(
                        withValueAt(49, inf))), "guidance.cfg.schedule.scales[49]", Rule.NOT_FINITE),
                invalid("classifier without schedule", Fixtures.request().guidance(classifier(null)),
                        "guidance.classifier.schedule", Rule.REQUIRED),
                invalid("negative classifier scale", Fixtures.request().guidance(
                        classifier(new ScheduleSpec.Constant(-0.5))), "guidance.classifier.schedule.scale",
                        Rule.OUT_OF_RANGE),
                invalid("rescale above 1", Fixtures.request().guidance(new GuidanceSpec(null, null, 1.5, null)),
                        "guidance.rescale", Rule.OUT_OF_RANGE),
                invalid("negative rescale", Fixtures.request().guidance(new GuidanceSpec(null, null, -0.1, null)),
                        "guidance.rescale", Rule.OUT_OF_RANGE),
                invalid("NaN rescale", Fixtures.request().guidance(new GuidanceSpec(null, null, nan, null)),
                        "guidance.rescale", Rule.NOT_FINITE),
                invalid("thresholding percentile 0", Fixtures.request().guidance(
                        new GuidanceSpec(null, null, null, new GuidanceSpec.Thresholding(0.0))),
                        "guidance.thresholding.percentile", Rule.OUT_OF_RANGE),
                invalid("thresholding percentile above 1", Fixtures.request().guidance(
                        new GuidanceSpec(null, null, null, new GuidanceSpec.Thresholding(1.01))),
                        "guidance.thresholding.percentile", Rule.OUT_OF_RANGE),
                invalid("NaN thresholding percentile", Fixtures.request().guidance(
                        new GuidanceSpec(null, null, null, new GuidanceSpec.Thresholding(nan))),
                        "guidance.thresholding.percentile", Rule.NOT_FINITE));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("invalidRequests")
    void eachBrokenRuleIsReportedOnceWithItsField(String rule, GenerationRequest request, String field, Rule kind) {
        PlanningResult result = PLANNER.plan(request, Fixtures.manifest(true));
        assertThat(result.valid()).isFalse();
        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.rule()).isEqualTo(kind);
            assertThat(violation.message()).startsWith(field + ": ");
        });
    }

    @Test
    void tableCoversAtLeastThirtyInvalidSpecs() {
        assertThat(invalidRequests().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void classifierGuidanceNeedsANoisyClassifier() {
        PlanningResult result = PLANNER.plan(Fixtures.valid(), Fixtures.manifest(false));
        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("guidance.classifier");
            assertThat(violation.rule()).isEqualTo(Rule.UNSUPPORTED);
        });
    }

    private static List<Double> withValueAt(int index, Double value) {
        Double[] scales = Collections.nCopies(50, 2.0).toArray(new Double[0]);
        scales[index] = value;
        return java.util.Arrays.asList(scales);
    }
}
