package dev.gdq.worker.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gdq.scheduler.sampler.SamplerPlan;
import dev.gdq.scheduler.sampler.SamplerStep;
import dev.gdq.worker.model.NoisePredictor;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The baseline of the sampler benchmarks: deterministic DDIM with one constant CFG scale for the whole batch,
 * written with the fewest tensor operations and no guidance bookkeeping. Per step, in a sub-manager closed at
 * the end of the step (x is temporarily attached to it, so every array derived from x is freed with it): one
 * forward pass of B rows (s = 1) or 2B rows (conditional rows, then unconditional ones), then
 * <pre>
 *   eps    = eps_u + s (eps_c - eps_u)                    Ho &amp; Salimans 2022, eq. 6 (diffusers' s)
 *   x0     = (x - sqrt(1 - abar_t) eps) / sqrt(abar_t)     Song et al. 2021, eq. 12, "predicted x_0"
 *   x_prev = cX0 x0 + cEps eps                             eq. 12 with eta = 0 (cX0 = sqrt(abar_prev),
 *                                                          cEps = sqrt(1 - abar_prev))
 * </pre>
 * with the scalars of the scheduler's {@link SamplerPlan}, so the images equal the guided sampler's.
 */
final class RawDdimCfgLoop {

    private static final String ENGINE = "PyTorch";

    private final NoisePredictor noiseModel;
    private final long[] imageShape;
    private final int nullLabel;
    private final Device device;

    RawDdimCfgLoop(NoisePredictor noiseModel, long[] imageShape, int nullLabel, Device device) {
        this.noiseModel = noiseModel;
        this.imageShape = imageShape.clone();
        this.nullLabel = nullLabel;
        this.device = device;
    }

    /**
     * @param initialNoise B images of standard normal noise, batch-major
     * @param classes      the class of each image
     * @param scale        the CFG scale s of every step; 1 runs the conditional rows only
     * @return the B images, clipped to [-1, 1], batch-major
     */
    float[] sample(SamplerPlan plan, float[] initialNoise, long[] classes, double scale) {
        return sample(plan, initialNoise, classes, scale, stepsDone -> { });
    }

    /** As {@link #sample(SamplerPlan, float[], long[], double)}, calling {@code afterStep} after each step. */
    float[] sample(SamplerPlan plan, float[] initialNoise, long[] classes, double scale, IntConsumer afterStep) {
        for (SamplerStep step : plan.steps()) {
            if (step.cX() != 0 || step.cX0Prev() != 0 || step.stochastic() || step.inputScale() != 1) {
                throw new IllegalArgumentException("the raw loop runs deterministic DDIM only, step " + step);
            }
        }
        int batch = classes.length;
        boolean guided = scale != 1.0;
        int rows = guided ? 2 * batch : batch;
        long[] labels = Arrays.copyOf(classes, rows);
        Arrays.fill(labels, batch, rows, nullLabel);
        try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
            NDArray x = manager.create(initialNoise, new Shape(batch, imageShape[0], imageShape[1], imageShape[2]));
            NDArray y = manager.create(labels);
            for (SamplerStep step : plan.steps()) {
                NDArray current = x;
                try (NDManager m = manager.newSubManager()) {
                    x.tempAttach(m);
                    long[] t = new long[rows];
                    Arrays.fill(t, step.timestep());
                    NDArray input = guided ? NDArrays.concat(new NDList(x, x)) : x;
                    NDArray out = noiseModel.predictNoise(input, m.create(t), y);
                    NDArray eps = out;
                    if (guided) {
                        NDArray conditional = out.get("0:" + batch);
                        NDArray unconditional = out.get(batch + ":");
                        eps = conditional.sub(unconditional).mul(scale).add(unconditional);
                    }
                    NDArray x0 = x.sub(eps.mul(step.sqrtOneMinusAlphaBar())).div(step.sqrtAlphaBar());
                    NDArray next = x0.mul(step.cX0()).add(eps.mul(step.cEps()));
                    next.attach(manager);
                    x = next;
                }
                current.close();
                afterStep.accept(step.index() + 1);
            }
            return x.clip(-1, 1).toFloatArray();
        }
    }
}
