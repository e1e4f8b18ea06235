package dev.gdq.worker.model;

import ai.djl.ndarray.NDArray;

/** The evaluation classifier on clean images: logits float[B,K] and features float[B,D]. */
public interface ImageClassifier {

    /** Logits and features of one batch, attached to x's manager. */
    record Output(NDArray logits, NDArray features) {
    }

    Output classify(NDArray x);
}
