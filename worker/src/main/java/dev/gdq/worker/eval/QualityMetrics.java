package dev.gdq.worker.eval;

/**
 * The measures of one set of images.
 *
 * @param accuracy        share the evaluation classifier assigns to the class each image should show
 * @param frechetDistance between the Gaussians of the set's features and of the reference set's
 * @param inceptionScore  from the evaluation classifier's logits
 * @param precision       k-NN precision against the balanced real subset (fidelity)
 * @param recall          k-NN recall against the balanced real subset (diversity)
 */
public record QualityMetrics(double accuracy, double frechetDistance, double inceptionScore, double precision,
                             double recall) {

    public static final int NEIGHBOURS = 3;

    /**
     * @param referenceGaussian the full real test set's feature Gaussian
     * @param realSubset        real images of the same size and class balance as {@code images}
     */
    public static QualityMetrics measure(Embeddings images, FeatureGaussian referenceGaussian, Embeddings realSubset) {
        KnnPrecisionRecall.Result pr = KnnPrecisionRecall.of(realSubset.features(), images.features(), NEIGHBOURS);
        return new QualityMetrics(accuracy(images), FeatureGaussian.fit(images.features())
                .frechetDistance(referenceGaussian), InceptionScore.of(images.logits()), pr.precision(), pr.recall());
    }

    static double accuracy(Embeddings images) {
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            float[] logits = images.logits()[i];
            int best = 0;
            for (int c = 1; c < logits.length; c++) {
                best = logits[c] > logits[best] ? c : best;
            }
            correct += best == images.labels()[i] ? 1 : 0;
        }
        return (double) correct / images.size();
    }
}
