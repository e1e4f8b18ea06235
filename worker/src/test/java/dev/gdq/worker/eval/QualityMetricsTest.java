package dev.gdq.worker.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The metrics against closed forms and constructed cases. */
class QualityMetricsTest {

    @Test
    void frechetDistanceOfDiagonalGaussiansIsTheClosedForm() {
        double[] a = {1, 4, 9, 0.25};
        double[] b = {4, 1, 1, 1};
        FeatureGaussian first = new FeatureGaussian(new ArrayRealVector(new double[] {0, 0, 0, 0}),
                MatrixUtils.createRealDiagonalMatrix(a));
        FeatureGaussian second = new FeatureGaussian(new ArrayRealVector(new double[] {1, 2, 0, 0}),
                MatrixUtils.createRealDiagonalMatrix(b));
        double expected = 1 + 4;
        for (int i = 0; i < a.length; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertThat(first.frechetDistance(second)).isCloseTo(expected, within(1e-9));
        assertThat(second.frechetDistance(first)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void frechetDistanceDoesNotChangeWhenBothGaussiansAreRotated() {
        Random random = new Random(3);
        RealMatrix rotation = new QRDecomposition(randomMatrix(random, 5)).getQ();
        RealMatrix a = spd(random, 5);
        RealMatrix b = spd(random, 5);
        ArrayRealVector shift = new ArrayRealVector(new double[] {0.5, -1, 0, 2, 0});
        ArrayRealVector zero = new ArrayRealVector(5);
        double plain = new FeatureGaussian(zero, a).frechetDistance(new FeatureGaussian(shift, b));
        double rotated = new FeatureGaussian(zero, rotation.multiply(a).multiply(rotation.transpose()))
                .frechetDistance(new FeatureGaussian(rotation.operate(shift),
                        rotation.multiply(b).multiply(rotation.transpose())));
        assertThat(rotated).isCloseTo(plain, within(1e-8));
        assertThat(new FeatureGaussian(zero, a).frechetDistance(new FeatureGaussian(zero, a))).isCloseTo(0, within(1e-9));
    }

    @Test
    void fittedGaussiansOfTwoSamplesOfOneDistributionAreCloseAndOfShiftedOnesAreNot() {
        Random random = new Random(11);
        float[][] first = gaussianSample(random, 4000, 8, 0);
        float[][] second = gaussianSample(random, 4000, 8, 0);
        float[][] shifted = gaussianSample(random, 4000, 8, 1);
        double same = FeatureGaussian.fit(first).frechetDistance(FeatureGaussian.fit(second));
        double apart = FeatureGaussian.fit(first).frechetDistance(FeatureGaussian.fit(shifted));
        assertThat(same).isLessThan(0.05);
        assertThat(apart).isCloseTo(8.0, within(0.3));
    }

    @Test
    void inceptionScoreIsOneForOneDistributionAndTheClassCountForConfidentBalancedClasses() {
        float[][] uniform = new float[20][10];
        assertThat(InceptionScore.of(uniform)).isCloseTo(1.0, within(1e-9));
        float[][] confident = new float[40][4];
        for (int i = 0; i < confident.length; i++) {
            confident[i][i % 4] = 50f;
        }
        assertThat(InceptionScore.of(confident)).isCloseTo(4.0, within(1e-6));
        float[][] oneClass = new float[40][4];
        for (float[] row : oneClass) {
            row[2] = 50f;
        }
        assertThat(InceptionScore.of(oneClass)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void precisionAndRecallSeparateFidelityFromCoverage() {
        Random random = new Random(5);
        float[][] real = gaussianSample(random, 400, 2, 0);
        KnnPrecisionRecall.Result same = KnnPrecisionRecall.of(real, gaussianSample(random, 400, 2, 0), 3);
        assertThat(same.precision()).isGreaterThan(0.9);
        assertThat(same.recall()).isGreaterThan(0.9);

        KnnPrecisionRecall.Result far = KnnPrecisionRecall.of(real, gaussianSample(random, 400, 2, 50), 3);
        assertThat(far.precision()).isZero();
        assertThat(far.recall()).isZero();

        // a generator that only makes the centre of the data: faithful, not diverse
        float[][] collapsed = gaussianSample(random, 400, 2, 0);
        for (float[] point : collapsed) {
            point[0] *= 0.1f;
            point[1] *= 0.1f;
        }
        KnnPrecisionRecall.Result mode = KnnPrecisionRecall.of(real, collapsed, 3);
        assertThat(mode.precision()).isGreaterThan(0.95);
        assertThat(mode.recall()).isLessThan(0.3);

        assertThatThrownBy(() -> KnnPrecisionRecall.of(real, new float[3][2], 3))
                .hasMessageContaining("k must be in [1, set size)");
    }

    @Test
    void accuracyCountsArgmaxAgainstTheIntendedClass() {
        float[][] logits = {{0, 3, 1}, {5, 0, 0}, {0, 0, 2}, {1, 2, 0}};
        Embeddings images = new Embeddings(new int[] {1, 0, 1, 1}, logits, new float[4][1]);
        assertThat(QualityMetrics.accuracy(images)).isEqualTo(0.75);
    }

    private static float[][] gaussianSample(Random random, int n, int d, double mean) {
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (mean + random.nextGaussian());
            }
        }
        return rows;
    }

    private static RealMatrix randomMatrix(Random random, int n) {
        RealMatrix m = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.setEntry(i, j, random.nextGaussian());
            }
        }
        return m;
    }

    private static RealMatrix spd(Random random, int n) {
        RealMatrix m = randomMatrix(random, n);
        return m.multiply(m.transpose()).add(MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(0.1));
    }
}
