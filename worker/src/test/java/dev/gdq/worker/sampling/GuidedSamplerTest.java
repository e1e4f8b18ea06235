package dev.gdq.worker.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.protocol.GenerationRequest;
import dev.gdq.protocol.GuidanceSpec;
import dev.gdq.protocol.SamplerSpec;
import dev.gdq.protocol.ScheduleSpec;
import dev.gdq.scheduler.plan.SamplingPlan;
import dev.gdq.scheduler.sampler.SamplerStep;
import dev.gdq.worker.model.ClassifierGradient;
import dev.gdq.worker.model.NoisePredictor;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.testing.ReferenceModel;
import dev.gdq.worker.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The guided sampler on the real reference model (CPU). */
class GuidedSamplerTest {

    private static final SamplerSpec DDIM_20 = SamplerSpec.of("ddim", 20);

    private final ServedModel model = ReferenceModel.get();

    /** Counts the rows of every forward pass the noise model sees. */
    private static final class CountingNoiseModel implements NoisePredictor {
        final NoisePredictor inner;
        final AtomicLong rows = new AtomicLong();
        final AtomicInteger calls = new AtomicInteger();
        long largestBatch;

        CountingNoiseModel(NoisePredictor inner) {
            this.inner = inner;
        }

        @Override
        public NDArray predictNoise(NDArray x, NDArray t, NDArray y) {
            rows.addAndGet(x.getShape().get(0));
            largestBatch = Math.max(largestBatch, x.getShape().get(0));
            calls.incrementAndGet();
            return inner.predictNoise(x, t, y);
        }
    }

    private GuidedSampler sampler(NoisePredictor noise) {
        return new GuidedSampler(noise, model.noisyClassifier(), model.imageShape(), model.manifest().nullLabel(),
                model.device());
    }

    private static List<SampleSpec> specs(GenerationRequest request) {
        SamplingPlan plan = Requests.plan(request);
        List<SampleSpec> specs = new ArrayList<>();
        for (int i = 0; i < plan.imageCount(); i++) {
            specs.add(new SampleSpec(request.seed(), i, plan.classIndexOfImage(i), plan.guidance()));
        }
        return specs;
    }

    private List<float[]> sample(GenerationRequest request) {
        return sampler(model.noiseModel()).sample(Requests.plan(request).sampler(), specs(request), SamplingListener.NONE);
    }

    @Test
    void imageAloneEqualsTheSameImageInsideAMixedBatch() {
        GenerationRequest target = Requests.request(List.of("sneaker"), 1, 11, DDIM_20,
                GuidanceSpec.cfg(new ScheduleSpec.Linear(1, 4)));
        GenerationRequest others = Requests.request(List.of("bag", "dress", "coat", "sandal", "trouser"), 3, 99, DDIM_20,
                new GuidanceSpec(new GuidanceSpec.Cfg(new ScheduleSpec.Constant(2)), null, 0.7, null));
        List<SampleSpec> mixed = new ArrayList<>(specs(others));
        mixed.add(7, specs(target).get(0));
        assertThat(mixed).hasSize(16);

        float[] alone = sample(target).get(0);
        float[] inBatch = sampler(model.noiseModel()).sample(Requests.plan(target).sampler(), mixed,
                SamplingListener.NONE).get(7);

        assertThat(maxDifference(alone, inBatch)).isLessThanOrEqualTo(1f / 255);
    }

    @Test
    void scaleOneNeverSendsUnconditionalRows() {
        GenerationRequest request = Requests.request(List.of("bag", "coat"), 3, 5, DDIM_20,
                GuidanceSpec.cfg(new ScheduleSpec.Constant(1)));
        CountingNoiseModel counting = new CountingNoiseModel(model.noiseModel());

        sampler(counting).sample(Requests.plan(request).sampler(), specs(request), SamplingListener.NONE);

        assertThat(counting.calls).hasValue(20);
        assertThat(counting.largestBatch).isEqualTo(6);
        assertThat(counting.rows).hasValue(6 * 20);
    }

    @Test
    void intervalGuidanceSendsUnconditionalRowsOnlyInsideItsWindow() {
        double sigmaLow = 0.5;
        double sigmaHigh = 4.0;
        GenerationRequest request = Requests.request(List.of("bag", "coat"), 2, 5, DDIM_20,
                GuidanceSpec.cfg(new ScheduleSpec.Interval(3, sigmaLow, sigmaHigh)));
        SamplingPlan plan = Requests.plan(request);
        long inside = plan.sampler().steps().stream().map(SamplerStep::sigma)
                .filter(sigma -> sigma > sigmaLow && sigma <= sigmaHigh).count();
        assertThat(inside).as("the window must cut the run for this test to mean something").isBetween(1L, 19L);
        CountingNoiseModel counting = new CountingNoiseModel(model.noiseModel());

        sampler(counting).sample(plan.sampler(), specs(request), SamplingListener.NONE);

        assertThat(counting.rows).hasValue(4 * 20 + 4 * inside);
    }

    @Test
    void scaleZeroIsUnconditionalSampling() {
        GenerationRequest guidedToZero = Requests.request(List.of("sneaker"), 2, 3, DDIM_20,
                GuidanceSpec.cfg(new ScheduleSpec.Constant(0)));
        GenerationRequest plain = Requests.request(List.of("sneaker"), 2, 3, DDIM_20, null);
        List<SampleSpec> nullLabel = specs(plain).stream()
                .map(s -> new SampleSpec(s.seed(), s.imageIndex(), model.manifest().nullLabel(), s.guidance())).toList();
        CountingNoiseModel counting = new CountingNoiseModel(model.noiseModel());

        List<float[]> scaleZero = sampler(counting).sample(Requests.plan(guidedToZero).sampler(), specs(guidedToZero),
                SamplingListener.NONE);
        List<float[]> unconditional = sampler(model.noiseModel()).sample(Requests.plan(plain).sampler(), nullLabel,
                SamplingListener.NONE);

        assertThat(counting.rows).as("only unconditional rows").hasValue(2 * 20);
        for (int i = 0; i < 2; i++) {
            assertThat(maxDifference(scaleZero.get(i), unconditional.get(i))).isLessThanOrEqualTo(1e-5f);
        }
    }

    @Test
    void classifierGuidanceRaisesTheTargetClassLogProbability() {
        List<String> classes = List.of("shirt", "pullover", "coat", "t-shirt");
        GenerationRequest none = Requests.request(classes, 4, 21, DDIM_20, null);
        GenerationRequest guided = Requests.request(classes, 4, 21, DDIM_20,
                new GuidanceSpec(null, new GuidanceSpec.Classifier(new ScheduleSpec.Constant(3)), null, null));

        double withoutGuidance = meanTargetLogProbability(sample(none), specs(none));
        double withGuidance = meanTargetLogProbability(sample(guided), specs(guided));

        assertThat(withGuidance).isGreaterThan(withoutGuidance + 0.05);
    }

    @Test
    void cancellationStopsBetweenSteps() {
        GenerationRequest request = Requests.request(List.of("bag"), 2, 1, DDIM_20, null);
        AtomicInteger stepsSeen = new AtomicInteger();

        assertThatThrownBy(() -> sampler(model.noiseModel()).sample(Requests.plan(request).sampler(), specs(request),
                new SamplingListener() {
                    @Override
                    public void onStep(int stepsDone, int steps) {
                        stepsSeen.set(stepsDone);
                    }

                    @Override
                    public boolean isCancelled() {
                        return stepsSeen.get() >= 5;
                    }
                })).isInstanceOf(SamplingCancelledException.class).hasMessageContaining("after 5 steps");
    }

    /** log p(y | x_0, t = 0) by the noisy classifier, averaged over the samples. */
    private double meanTargetLogProbability(List<float[]> images, List<SampleSpec> specs) {
        ClassifierGradient classifier = model.noisyClassifier().orElseThrow();
        try (NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
            float[] all = new float[images.size() * 784];
            long[] labels = new long[images.size()];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, all, i * 784, 784);
                labels[i] = specs.get(i).classIndex();
            }
            NDArray logits = classifier.logits(manager.create(all, new Shape(images.size(), 1, 28, 28)),
                    manager.zeros(new Shape(images.size()), ai.djl.ndarray.types.DataType.INT64));
            return logits.logSoftmax(1).gather(manager.create(labels).reshape(-1, 1), 1).mean().getFloat();
        }
    }

    static float maxDifference(float[] a, float[] b) {
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
