package dev.gdq.worker.eval;

/**
 * The Inception Score (Salimans et al. 2016) with the evaluation classifier in place of Inception:
 * {@code exp(E_x KL(p(y|x) || p(y)))}. 1 when every image gets the same class distribution; the number of
 * classes when each image is classified with certainty and all classes are equally frequent.
 */
public final class InceptionScore {

    private InceptionScore() {
    }

    public static double of(float[][] logits) {
        int n = logits.length;
        int classes = logits[0].length;
        double[][] probabilities = new double[n][];
        double[] marginal = new double[classes];
        for (int i = 0; i < n; i++) {
            probabilities[i] = softmax(logits[i]);
            for (int c = 0; c < classes; c++) {
                marginal[c] += probabilities[i][c] / n;
            }
        }
        double meanDivergence = 0;
        for (double[] p : probabilities) {
            for (int c = 0; c < classes; c++) {
                if (p[c] > 0) {
                    meanDivergence += p[c] * (Math.log(p[c]) - Math.log(marginal[c])) / n;
                }
            }
        }
        return Math.exp(meanDivergence);
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float value : logits) {
            max = Math.max(max, value);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < logits.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
