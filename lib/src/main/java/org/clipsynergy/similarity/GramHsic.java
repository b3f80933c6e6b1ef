package org.clipsynergy.similarity;

import java.util.Arrays;

/**
 * Kernel (Gram) matrices and HSIC estimators in plain Java doubles: the reference path for small n
 * (the matrices are n x n), independent of DJL.
 *
 * <p>Biased HSIC (Gretton et al. 2005): tr(K H L H) / (n - 1)^2 with H = I - 11^T / n. Unbiased
 * HSIC (Song et al. 2012, "Feature Selection via Dependence Maximization", JMLR 13, eq. 5): with
 * K~, L~ the kernels with zeroed diagonals, [tr(K~ L~) + 1^T K~ 1 1^T L~ 1 / ((n - 1)(n - 2)) - 2 /
 * (n - 2) 1^T K~ L~ 1] / (n (n - 3)). CKA (Kornblith et al. 2019) is HSIC(K, L) / sqrt(HSIC(K, K)
 * HSIC(L, L)).
 */
public final class GramHsic {
    private GramHsic() {}

    /**
     * The linear kernel K = X X^T.
     *
     * @param x n x d features, one row per image
     * @return n x n Gram matrix
     */
    public static double[][] linearGram(float[][] x) {
        FeatureChecks.matrix(x, "x", 1);
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int c = 0; c < x[i].length; c++) {
                    dot += (double) x[i][c] * x[j][c];
                }
                k[i][j] = dot;
                k[j][i] = dot;
            }
        }
        return k;
    }

    /**
     * The RBF kernel exp(-||x_i - x_j||^2 / (2 sigma^2)) with sigma^2 = threshold^2 times the
     * median of all n^2 squared distances (self-pairs included, the median of an even count being
     * the mean of the two middle values), after Kornblith et al. 2019, who set the bandwidth to a
     * fraction of the median distance.
     *
     * @param x n x d features, one row per image
     * @param threshold the bandwidth as a fraction of the median distance, > 0
     * @return n x n kernel matrix
     */
    public static double[][] rbfGram(float[][] x, double threshold) {
        checkThreshold(threshold);
        double[][] dot = linearGram(x);
        int n = x.length;
        double[][] sq = new double[n][n];
        double[] all = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sq[i][j] = Math.max(0, dot[i][i] + dot[j][j] - 2 * dot[i][j]);
                all[i * n + j] = sq[i][j];
            }
        }
        Arrays.sort(all);
        int mid = all.length / 2;
        double median = all.length % 2 == 1 ? all[mid] : (all[mid - 1] + all[mid]) / 2;
        double sigma2 = threshold * threshold * median;
        if (!(sigma2 > 0)) {
            throw new IllegalArgumentException(
                    "cka: median squared distance expected > 0 (distinct rows), got " + median);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sq[i][j] = Math.exp(-sq[i][j] / (2 * sigma2));
            }
        }
        return sq;
    }

    /**
     * The biased HSIC estimator tr(K H L H) / (n - 1)^2.
     *
     * @param k n x n kernel matrix
     * @param l n x n kernel matrix
     * @return the estimate
     */
    public static double biased(double[][] k, double[][] l) {
        double[][] kc = center(k);
        double[][] lc = center(l);
        int n = k.length;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                trace += kc[i][j] * lc[i][j];
            }
        }
        return trace / ((double) (n - 1) * (n - 1));
    }

    /**
     * The unbiased HSIC estimator of Song et al. 2012 (needs n >= 4).
     *
     * @param k n x n kernel matrix
     * @param l n x n kernel matrix
     * @return the estimate
     */
    public static double unbiased(double[][] k, double[][] l) {
        int n = k.length;
        if (n < 4) {
            throw new IllegalArgumentException(
                    "cka: rows expected >= 4 for unbiased HSIC, got " + n);
        }
        double trace = 0;
        double sumK = 0;
        double sumL = 0;
        double cross = 0;
        for (int i = 0; i < n; i++) {
            double rowK = 0;
            double rowL = 0;
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    trace += k[i][j] * l[j][i];
                    rowK += k[i][j];
                    rowL += l[i][j];
                }
            }
            sumK += rowK;
            sumL += rowL;
            cross += rowK * rowL;
        }
        double value = trace + sumK * sumL / ((double) (n - 1) * (n - 2)) - 2.0 / (n - 2) * cross;
        return value / ((double) n * (n - 3));
    }

    /**
     * CKA of two kernel matrices.
     *
     * @param k n x n kernel matrix of the first representation
     * @param l n x n kernel matrix of the second
     * @param debiased whether to use the unbiased HSIC estimator
     * @return the CKA
     */
    public static double cka(double[][] k, double[][] l, boolean debiased) {
        if (k.length != l.length) {
            throw new IllegalArgumentException(
                    "cka: size of the second Gram matrix expected "
                            + k.length
                            + ", got "
                            + l.length);
        }
        double kl = debiased ? unbiased(k, l) : biased(k, l);
        double kk = debiased ? unbiased(k, k) : biased(k, k);
        double ll = debiased ? unbiased(l, l) : biased(l, l);
        FeatureChecks.nonDegenerate(kk, "x");
        FeatureChecks.nonDegenerate(ll, "y");
        return kl / Math.sqrt(kk * ll);
    }

    /** H K H: K minus its row and column means plus its grand mean. */
    private static double[][] center(double[][] k) {
        int n = k.length;
        double[] mean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mean[j] += k[i][j] / n;
            }
        }
        for (double m : mean) {
            grand += m / n;
        }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = k[i][j] - mean[i] - mean[j] + grand;
            }
        }
        return c;
    }

    static void checkThreshold(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "cka: RBF threshold expected a finite number > 0, got " + threshold);
        }
    }
}
