package dev.gdq.worker.eval;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * A Gaussian fitted to feature vectors, and the Frechet distance between two of them (Heusel et al. 2017):
 * {@code |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))}.
 */
public record FeatureGaussian(RealVector mean, RealMatrix covariance) {

    /** Mean and unbiased covariance of the rows. */
    public static FeatureGaussian fit(float[][] features) {
        int n = features.length;
        int d = features[0].length;
        double[][] data = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[i][j] = features[i][j];
                mean[j] += features[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return new FeatureGaussian(new ArrayRealVector(mean, false), new Covariance(data, true).getCovarianceMatrix());
    }

    /**
     * The trace of (S1 S2)^(1/2) is taken as the trace of the symmetric (S1^(1/2) S2 S1^(1/2))^(1/2), which has
     * the same eigenvalues and needs only symmetric eigendecompositions.
     */
    public double frechetDistance(FeatureGaussian other) {
        RealMatrix rootOfThis = symmetricSquareRoot(covariance);
        RealMatrix product = rootOfThis.multiply(other.covariance).multiply(rootOfThis);
        RealMatrix symmetric = product.add(product.transpose()).scalarMultiply(0.5);
        double traceOfRoot = 0;
        for (double eigenvalue : new EigenDecomposition(symmetric).getRealEigenvalues()) {
            traceOfRoot += Math.sqrt(Math.max(0, eigenvalue));
        }
        double meanTerm = mean.getDistance(other.mean);
        return meanTerm * meanTerm + covariance.getTrace() + other.covariance.getTrace() - 2 * traceOfRoot;
    }

    /** Eigenvalues below zero (rounding of a positive semi-definite matrix) count as zero. */
    static RealMatrix symmetricSquareRoot(RealMatrix matrix) {
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        RealMatrix v = eigen.getV();
        double[] roots = eigen.getRealEigenvalues().clone();
        for (int i = 0; i < roots.length; i++) {
            roots[i] = Math.sqrt(Math.max(0, roots[i]));
        }
        RealMatrix scaled = v.copy();
        for (int column = 0; column < roots.length; column++) {
            scaled.setColumnVector(column, v.getColumnVector(column).mapMultiply(roots[column]));
        }
        return scaled.multiply(v.transpose());
    }
}
