package org.clipsynergy.similarity;

/**
 * Sufficient statistics of linear-kernel HSIC for two column-centred representations X (n x dx) and
 * Y (n x dy) of the same n images, from which biased and unbiased CKA follow in feature form
 * without any n x n matrix. With a_i = ||x_i||^2 and b_i = ||y_i||^2 after centring, K = X X^T and
 * K~ = K with zeroed diagonal: tr(K L) = ||Y^T X||_F^2, tr(K~ L~) = ||Y^T X||_F^2 - sum a_i b_i,
 * 1^T K~ 1 = -sum a_i, and 1^T K~ L~ 1 = sum a_i b_i.
 *
 * @param rows n
 * @param crossXY ||Y^T X||_F^2
 * @param crossXX ||X^T X||_F^2
 * @param crossYY ||Y^T Y||_F^2
 * @param sumA sum of a_i
 * @param sumB sum of b_i
 * @param sumAA sum of a_i^2
 * @param sumBB sum of b_i^2
 * @param sumAB sum of a_i b_i
 */
public record LinearMoments(
        long rows,
        double crossXY,
        double crossXX,
        double crossYY,
        double sumA,
        double sumB,
        double sumAA,
        double sumBB,
        double sumAB) {

    /**
     * Linear CKA with the biased HSIC (Kornblith et al. 2019, feature form): ||Y^T X||_F^2 / (||X^T
     * X||_F ||Y^T Y||_F).
     *
     * @return the CKA in [0, 1]
     */
    public double cka() {
        FeatureChecks.nonDegenerate(crossXX, "x");
        FeatureChecks.nonDegenerate(crossYY, "y");
        return crossXY / Math.sqrt(crossXX * crossYY);
    }

    /**
     * Linear CKA with the unbiased HSIC of Song et al. 2012 (debiased CKA).
     *
     * @return the debiased CKA
     */
    public double debiasedCka() {
        double xy = unbiasedHsicXY();
        double xx = unbiasedHsicXX();
        double yy = unbiasedHsicYY();
        FeatureChecks.nonDegenerate(xx, "x");
        FeatureChecks.nonDegenerate(yy, "y");
        return xy / Math.sqrt(xx * yy);
    }

    /** The unbiased HSIC estimate of (X, Y) (Song et al. 2012, eq. 5); needs n >= 4. */
    public double unbiasedHsicXY() {
        return unbiased(crossXY, sumA, sumB, sumAB);
    }

    /** The unbiased HSIC estimate of (X, X). */
    public double unbiasedHsicXX() {
        return unbiased(crossXX, sumA, sumA, sumAA);
    }

    /** The unbiased HSIC estimate of (Y, Y). */
    public double unbiasedHsicYY() {
        return unbiased(crossYY, sumB, sumB, sumBB);
    }

    private double unbiased(double cross, double sumK, double sumL, double diagonalProducts) {
        if (rows < 4) {
            throw new IllegalArgumentException(
                    "cka: rows expected >= 4 for unbiased HSIC, got " + rows);
        }
        double n = rows;
        double trace = cross - diagonalProducts;
        // 1^T K~ 1 = -sumK and 1^T L~ 1 = -sumL for centred features: the signs cancel.
        double value = trace + sumK * sumL / ((n - 1) * (n - 2)) - 2.0 / (n - 2) * diagonalProducts;
        return value / (n * (n - 3));
    }
}
