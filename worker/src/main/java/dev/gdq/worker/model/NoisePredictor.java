package dev.gdq.worker.model;

import ai.djl.ndarray.NDArray;

/**
 * The noise model: {@code eps = f(x, t, y)} with x float[B,C,H,W], t long[B] (0-based timesteps), y long[B]
 * (class index, or the null label for the unconditional prediction). The result is attached to x's manager.
 */
public interface NoisePredictor {

    NDArray predictNoise(NDArray x, NDArray t, NDArray y);
}
