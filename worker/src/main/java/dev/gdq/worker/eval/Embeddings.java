package dev.gdq.worker.eval;

/**
 * What the evaluation classifier sees in a set of images.
 *
 * @param labels   the class each image should show (requested or true)
 * @param logits   per image, one logit per class
 * @param features per image, the classifier's penultimate features
 */
public record Embeddings(int[] labels, float[][] logits, float[][] features) {

    public int size() {
        return labels.length;
    }

    /** The images at {@code indices}, in that order. */
    public Embeddings subset(int[] indices) {
        int[] subLabels = new int[indices.length];
        float[][] subLogits = new float[indices.length][];
        float[][] subFeatures = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            subLabels[i] = labels[indices[i]];
            subLogits[i] = logits[indices[i]];
            subFeatures[i] = features[indices[i]];
        }
        return new Embeddings(subLabels, subLogits, subFeatures);
    }
}
