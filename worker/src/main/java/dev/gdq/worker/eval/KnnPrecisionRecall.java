package dev.gdq.worker.eval;

import java.util.Arrays;

/**
 * Improved precision and recall (Kynkaanniemi et al. 2019). Each set's manifold is the union of balls around its
 * points, with radius the distance to the point's k-th nearest neighbour in its own set. Precision: the share of
 * generated points inside the real manifold (fidelity). Recall: the share of real points inside the generated
 * manifold (diversity). Both sets should have the same size, since the radii shrink as a set grows.
 */
public final class KnnPrecisionRecall {

    /** @param precision share of generated samples inside the real manifold
     *  @param recall    share of real samples inside the generated manifold */
    public record Result(double precision, double recall) {
    }

    private KnnPrecisionRecall() {
    }

    public static Result of(float[][] real, float[][] generated, int k) {
        if (k < 1 || k >= Math.min(real.length, generated.length)) {
            throw new IllegalArgumentException("k must be in [1, set size), got " + k + " for sets of " + real.length
                    + " and " + generated.length);
        }
        double[][] realToReal = squaredDistances(real, real);
        double[][] generatedToGenerated = squaredDistances(generated, generated);
        double[][] generatedToReal = squaredDistances(generated, real);
        double[] realRadii = kthNeighbour(realToReal, k);
        double[] generatedRadii = kthNeighbour(generatedToGenerated, k);
        int precise = 0;
        for (double[] toReal : generatedToReal) {
            precise += insideAny(toReal, realRadii) ? 1 : 0;
        }
        int recalled = 0;
        for (int r = 0; r < real.length; r++) {
            boolean inside = false;
            for (int g = 0; g < generated.length && !inside; g++) {
                inside = generatedToReal[g][r] <= generatedRadii[g];
            }
            recalled += inside ? 1 : 0;
        }
        return new Result((double) precise / generated.length, (double) recalled / real.length);
    }

    private static boolean insideAny(double[] distances, double[] radii) {
        for (int i = 0; i < distances.length; i++) {
            if (distances[i] <= radii[i]) {
                return true;
            }
        }
        return false;
    }

    /** Squared distance to the k-th nearest other point of the same set (index 0 of the sorted row is itself). */
    private static double[] kthNeighbour(double[][] withinSet, int k) {
        double[] radii = new double[withinSet.length];
        for (int i = 0; i < withinSet.length; i++) {
            double[] row = withinSet[i].clone();
            Arrays.sort(row);
            radii[i] = row[k];
        }
        return radii;
    }

    private static double[][] squaredDistances(float[][] a, float[][] b) {
        double[] normsA = norms(a);
        double[] normsB = norms(b);
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double dot = 0;
                float[] x = a[i];
                float[] y = b[j];
                for (int d = 0; d < x.length; d++) {
                    dot += x[d] * y[d];
                }
                out[i][j] = Math.max(0, normsA[i] + normsB[j] - 2 * dot);
            }
        }
        return out;
    }

    private static double[] norms(float[][] rows) {
        double[] norms = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (float value : rows[i]) {
                norms[i] += value * value;
            }
        }
        return norms;
    }
}
