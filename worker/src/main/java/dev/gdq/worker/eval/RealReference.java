package dev.gdq.worker.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What generated images are measured against, from a labelled real test set: the feature Gaussian of the test set
 * for the Frechet distance, and a class-balanced subset of the same size as a sweep's settings for k-NN precision
 * and recall. A second, disjoint balanced subset is measured like a setting: the score of real images, the
 * ceiling (accuracy, precision, recall) or floor (Frechet distance at this sample size) a setting can reach.
 */
public final class RealReference {

    private final FeatureGaussian gaussian;
    private final Embeddings precisionRecallSet;
    private final Embeddings heldOut;

    private RealReference(FeatureGaussian gaussian, Embeddings precisionRecallSet, Embeddings heldOut) {
        this.gaussian = gaussian;
        this.precisionRecallSet = precisionRecallSet;
        this.heldOut = heldOut;
    }

    /**
     * @param testSet        every test image, embedded
     * @param imagesPerClass size of each balanced subset per class: the first that many of each class in file
     *                       order for precision and recall, the next that many held out
     */
    public static RealReference of(Embeddings testSet, int classes, int imagesPerClass) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < testSet.size(); i++) {
            byClass.get(testSet.labels()[i]).add(i);
        }
        List<Integer> reference = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> indices = byClass.get(c);
            if (indices.size() < 2 * imagesPerClass) {
                throw new IllegalArgumentException("the test set has " + indices.size() + " images of class " + c
                        + "; two balanced subsets of " + imagesPerClass + " per class need " + 2 * imagesPerClass);
            }
            reference.addAll(indices.subList(0, imagesPerClass));
            heldOut.addAll(indices.subList(imagesPerClass, 2 * imagesPerClass));
        }
        Set<Integer> heldOutSet = new HashSet<>(heldOut);
        int[] gaussianIndices = IntStream.range(0, testSet.size()).filter(i -> !heldOutSet.contains(i)).toArray();
        return new RealReference(FeatureGaussian.fit(testSet.subset(gaussianIndices).features()),
                testSet.subset(toArray(reference)), testSet.subset(toArray(heldOut)));
    }

    public QualityMetrics measure(Embeddings images) {
        return QualityMetrics.measure(images, gaussian, precisionRecallSet);
    }

    /** The held-out real images, measured like a setting. */
    public QualityMetrics realImages() {
        return measure(heldOut);
    }

    private static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
