package dev.gdq.worker.model;

import ai.djl.ndarray.NDArray;

/**
 * The noisy classifier's guidance signal: {@code grad_x log p(y | x, t)} per row (Dhariwal &amp; Nichol 2021,
 * section 4), with x float[B,C,H,W], t long[B], y long[B]. The result has x's shape and is attached to x's manager.
 */
public interface ClassifierGradient {

    NDArray gradLogProbability(NDArray x, NDArray t, NDArray y);

    /** Logits of p(y | x, t), float[B,K], for diagnostics and tests. */
    NDArray logits(NDArray x, NDArray t);
}
