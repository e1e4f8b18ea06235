package dev.gdq.worker.sampling;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.scheduler.sampler.SamplerPlan;
import dev.gdq.scheduler.sampler.SamplerStep;
import dev.gdq.worker.model.ClassifierGradient;
import dev.gdq.worker.model.NoisePredictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Batched guided diffusion sampling on DJL, running the loop of {@link SamplerPlan} with each sample's
 * {@link dev.gdq.scheduler.guidance.GuidancePlan}. Per step, one forward pass of the noise model holds only
 * the rows the samples need at that step (conditional rows first, then unconditional ones), and the noisy
 * classifier's gradient is taken only for the samples whose classifier scale is not 0. Per sample:
 * <pre>
 *   eps  = w_u eps_u + w_c eps_c                                Ho &amp; Salimans 2022, eq. 6 (w_c = s, w_u = 1 - s)
 *   eps  = phi eps std(eps_c) / std(eps) + (1 - phi) eps        Lin et al. 2024, sec. 3.4 (rescale)
 *   eps  = eps + w_g grad_u log p(y | u, t)                      Dhariwal &amp; Nichol 2021, sec. 4.2 (w_g = -sqrt(1 - abar) s_c)
 *   x0   = (u - sqrt(1 - abar_t) eps) / sqrt(abar_t), thresholded per sample (Saharia et al. 2022, sec. 2.3)
 * </pre>
 * then the step's weighted sum of {@link SamplerStep}. Each step's arrays live in a sub-manager closed at the end
 * of the step, so native memory stays flat within a batch and over any number of batches.
 */
public final class GuidedSampler {

    private static final String ENGINE = "PyTorch";

    private final NoisePredictor noiseModel;
    private final ClassifierGradient classifier;
    private final long[] imageShape;
    private final int imageSize;
    private final int nullLabel;
    private final Device device;

    /**
     * @param imageShape channels, height, width
     * @param nullLabel  the label of the unconditional prediction
     */
    public GuidedSampler(NoisePredictor noiseModel, Optional<ClassifierGradient> classifier, long[] imageShape,
                         int nullLabel, Device device) {
        this.noiseModel = noiseModel;
        this.classifier = classifier.orElse(null);
        this.imageShape = imageShape.clone();
        this.imageSize = (int) (imageShape[0] * imageShape[1] * imageShape[2]);
        this.nullLabel = nullLabel;
        this.device = device;
    }

    /**
     * Samples every image of the batch.
     *
     * @param plan    the sampler's per-step scalars, shared by the batch
     * @param samples the images, each with its own seed, class and guidance
     * @return per sample, its pixels in [-1, 1], channel-major
     */
    public List<float[]> sample(SamplerPlan plan, List<SampleSpec> samples, SamplingListener listener) {
        if (samples.isEmpty()) {
            return List.of();
        }
        List<SamplerStep> steps = plan.steps();
        for (SampleSpec s : samples) {
            if (s.guidance().steps().size() != steps.size()) {
                throw new IllegalArgumentException("image " + s.imageIndex() + " has guidance for "
                        + s.guidance().steps().size() + " steps, the sampler runs " + steps.size());
            }
            if (classifier == null && s.guidance().classifierGradientsPerImage() > 0) {
                throw new IllegalArgumentException("image " + s.imageIndex() + " asks for classifier guidance; "
                        + "the model has no noisy classifier");
            }
        }
        int batch = samples.size();
        Shape shape = new Shape(batch, imageShape[0], imageShape[1], imageShape[2]);
        try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
            NDArray x = manager.create(noise(samples, 0), shape).mul(plan.initialNoiseScale());
            NDArray x0Previous = manager.zeros(shape);
            for (int i = 0; i < steps.size(); i++) {
                if (listener.isCancelled()) {
                    throw new SamplingCancelledException(i);
                }
                NDArray current = x;
                NDArray currentX0 = x0Previous;
                try (NDManager stepManager = manager.newSubManager()) {
                    // DJL attaches an op's result to the manager of its input: with the state temporarily in the
                    // step's manager, every intermediate of the step is freed when the step ends, not the batch.
                    current.tempAttach(stepManager);
                    currentX0.tempAttach(stepManager);
                    StepResult next = step(stepManager, i, steps.get(i), current, currentX0, samples);
                    next.x().attach(manager);
                    next.x0().attach(manager);
                    x = next.x();
                    x0Previous = next.x0();
                }
                current.close();
                currentX0.close();
                listener.onStep(i + 1, steps.size());
            }
            float[] pixels = x.clip(-1, 1).toFloatArray();
            List<float[]> images = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                float[] image = new float[imageSize];
                System.arraycopy(pixels, b * imageSize, image, 0, imageSize);
                images.add(image);
            }
            return images;
        }
    }

    private record StepResult(NDArray x, NDArray x0) {
    }

    private StepResult step(NDManager m, int i, SamplerStep c, NDArray x, NDArray x0Previous,
                            List<SampleSpec> samples) {
        int batch = samples.size();
        NDArray u = x.mul(c.inputScale());
        NDArray eps = guidedNoise(m, i, c, u, samples);
        if (samples.stream().anyMatch(s -> s.guidance().step(i).classifierGradient())) {
            eps = eps.add(classifierTerm(m, i, c, u, samples));
        }
        NDArray x0 = u.sub(eps.mul(c.sqrtOneMinusAlphaBar())).div(c.sqrtAlphaBar());
        if (samples.stream().anyMatch(s -> s.guidance().thresholdingPercentile().isPresent())) {
            x0 = threshold(m, x0, samples);
            eps = u.sub(x0.mul(c.sqrtAlphaBar())).div(c.sqrtOneMinusAlphaBar());
        }
        NDArray next = x.mul(c.cX()).add(eps.mul(c.cEps())).add(x0.mul(c.cX0()));
        if (c.usesPreviousX0()) {
            next = next.add(x0Previous.mul(c.cX0Prev()));
        }
        if (c.stochastic()) {
            next = next.add(m.create(noise(samples, i + 1), x.getShape()).mul(c.cNoise()));
        }
        return new StepResult(next, x0.reshape(batch, imageShape[0], imageShape[1], imageShape[2]));
    }

    /** One forward pass with only the rows this step needs, combined per sample by its CFG weights. */
    private NDArray guidedNoise(NDManager m, int i, SamplerStep c, NDArray u, List<SampleSpec> samples) {
        RowLayout rows = RowLayout.of(samples, i, nullLabel);
        NDArray input = rows.isIdentity() ? u : u.get(m.create(rows.sampleOfRow()));
        NDArray out = noiseModel.predictNoise(input, timesteps(m, rows.size(), c), m.create(rows.labelOfRow()));
        if (rows.isIdentity()) {
            return out;
        }
        NDArray conditional = out.get(m.create(rows.conditionalRowOf()));
        NDArray unconditional = out.get(m.create(rows.unconditionalRowOf()));
        NDArray eps = conditional.mul(perSample(m, samples, s -> s.guidance().step(i).conditionalWeight()))
                .add(unconditional.mul(perSample(m, samples, s -> s.guidance().step(i).unconditionalWeight())));
        if (samples.stream().anyMatch(s -> s.guidance().rescale() > 0)) {
            NDArray phi = perSample(m, samples, s -> s.guidance().rescale());
            NDArray ratio = std(conditional).div(std(eps).add(1e-12f));
            eps = eps.mul(phi.mul(ratio).add(phi.neg().add(1)));
        }
        return eps;
    }

    /** w_g grad_u log p(y | u, t) per sample, zero for samples without classifier guidance at this step. */
    private NDArray classifierTerm(NDManager m, int i, SamplerStep c, NDArray u, List<SampleSpec> samples) {
        int batch = samples.size();
        List<Integer> guided = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            if (samples.get(b).guidance().step(i).classifierGradient()) {
                guided.add(b);
            }
        }
        long[] gatherFromGradient = new long[batch];
        Arrays.fill(gatherFromGradient, guided.size());
        for (int g = 0; g < guided.size(); g++) {
            gatherFromGradient[guided.get(g)] = g;
        }
        long[] rows = guided.stream().mapToLong(Integer::longValue).toArray();
        long[] labels = guided.stream().mapToLong(b -> samples.get(b).classIndex()).toArray();
        NDArray gradient = classifier.gradLogProbability(u.get(m.create(rows)), timesteps(m, rows.length, c),
                m.create(labels));
        NDArray zeroRow = m.zeros(new Shape(1, imageShape[0], imageShape[1], imageShape[2]));
        NDArray full = NDArrays.concat(new NDList(gradient, zeroRow)).get(m.create(gatherFromGradient));
        return full.mul(perSample(m, samples, s -> s.guidance().step(i).gradientWeight()));
    }

    private static NDArray timesteps(NDManager m, int rows, SamplerStep c) {
        long[] t = new long[rows];
        Arrays.fill(t, c.timestep());
        return m.create(t);
    }

    /** Imagen's dynamic thresholding, per sample, on the host: the quantile needs a sort of |x0|. */
    private NDArray threshold(NDManager m, NDArray x0, List<SampleSpec> samples) {
        float[] values = x0.toFloatArray();
        float[] divisors = new float[samples.size()];
        for (int b = 0; b < samples.size(); b++) {
            OptionalDouble percentile = samples.get(b).guidance().thresholdingPercentile();
            divisors[b] = percentile.isPresent()
                    ? (float) Math.max(1.0, Quantile.ofAbsolute(values, b * imageSize, imageSize, percentile.getAsDouble()))
                    : Float.POSITIVE_INFINITY;
        }
        for (int b = 0; b < samples.size(); b++) {
            if (Float.isFinite(divisors[b])) {
                float limit = divisors[b];
                for (int j = b * imageSize; j < (b + 1) * imageSize; j++) {
                    values[j] = Math.max(-limit, Math.min(limit, values[j])) / limit;
                }
            }
        }
        return m.create(values, x0.getShape());
    }

    private NDArray perSample(NDManager m, List<SampleSpec> samples, ToDoubleFunction<SampleSpec> f) {
        float[] values = new float[samples.size()];
        for (int b = 0; b < values.length; b++) {
            values[b] = (float) f.applyAsDouble(samples.get(b));
        }
        return m.create(values, new Shape(values.length, 1, 1, 1));
    }

    /** Per-sample standard deviation over all of a sample's elements, shaped [B, 1, 1, 1]. */
    private static NDArray std(NDArray a) {
        NDArray flat = a.reshape(a.getShape().get(0), -1);
        NDArray variance = flat.sub(flat.mean(new int[] {1}, true)).square().mean(new int[] {1}, true);
        return variance.sqrt().reshape(a.getShape().get(0), 1, 1, 1);
    }

    private float[] noise(List<SampleSpec> samples, int draw) {
        float[] values = new float[samples.size() * imageSize];
        for (int b = 0; b < samples.size(); b++) {
            SampleSpec s = samples.get(b);
            CounterNoise.fill(s.seed(), s.imageIndex(), draw, values, b * imageSize, imageSize);
        }
        return values;
    }
}
