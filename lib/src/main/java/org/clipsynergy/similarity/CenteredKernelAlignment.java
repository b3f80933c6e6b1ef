package org.clipsynergy.similarity;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Centered kernel alignment (CKA) of two representations of the same images (Kornblith et al. 2019,
 * "Similarity of Neural Network Representations Revisited", ICML), computed on DJL arrays on a
 * chosen device, a GPU when {@link #onDefaultDevice()} finds one.
 *
 * <p>Linear CKA runs in feature form, ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F) after centring the
 * columns, streaming blocks of rows so that no n x n matrix is formed; debiased linear CKA uses the
 * unbiased HSIC estimator of Song et al. 2012 in the same feature form (see {@link LinearMoments}).
 * RBF CKA needs the n x n kernel matrices and is limited to {@link #MAX_GRAM_ROWS} rows. Column
 * means, row norms and every sum across row blocks are float64; the products inside a block follow
 * the {@link Precision}.
 *
 * <p>An instance owns an {@link NDManager}: close it (try-with-resources).
 */
public final class CenteredKernelAlignment implements AutoCloseable {
    /** Rows per block of the feature-form products. */
    public static final int DEFAULT_BLOCK_ROWS = 2048;

    /**
     * The most rows of the Gram-form measures: an n x n float64 matrix of 8,192 rows is 512 MiB.
     */
    public static final int MAX_GRAM_ROWS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(CenteredKernelAlignment.class);

    private final NDManager manager;
    private final Precision precision;
    private final int blockRows;

    /**
     * A calculator on a device.
     *
     * @param device where the arrays live, e.g. {@code Device.cpu()} or {@code Device.gpu()}
     * @param precision the precision of the products inside a row block
     * @param blockRows rows per block of the feature-form products, at least 1
     */
    public CenteredKernelAlignment(Device device, Precision precision, int blockRows) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("cka: blockRows expected >= 1, got " + blockRows);
        }
        this.precision = precision;
        this.blockRows = blockRows;
        this.manager = NDManager.newBaseManager(device);
    }

    /**
     * A calculator on the engine's default device (the first GPU when there is one), mixed
     * precision, {@link #DEFAULT_BLOCK_ROWS} rows per block.
     *
     * @return the calculator
     */
    public static CenteredKernelAlignment onDefaultDevice() {
        Device device = Engine.getInstance().defaultDevice();
        LOG.info("CKA on {}", device);
        return new CenteredKernelAlignment(device, Precision.MIXED, DEFAULT_BLOCK_ROWS);
    }

    /**
     * A calculator on the CPU with every product in float64.
     *
     * @return the calculator
     */
    public static CenteredKernelAlignment onCpu() {
        return new CenteredKernelAlignment(Device.cpu(), Precision.FLOAT64, DEFAULT_BLOCK_ROWS);
    }

    /** The device the arrays live on. */
    public Device device() {
        return manager.getDevice();
    }

    /** The precision of the products inside a row block. */
    public Precision precision() {
        return precision;
    }

    /**
     * Linear CKA (biased HSIC) in feature form.
     *
     * @param x n x dx features, one row per image, finite
     * @param y n x dy features of the same images in the same order, finite
     * @return the CKA in [0, 1]
     */
    public double linear(float[][] x, float[][] y) {
        return moments(x, y).cka();
    }

    /**
     * Debiased linear CKA (unbiased HSIC, Song et al. 2012) in feature form; needs n >= 4.
     *
     * @param x n x dx features, one row per image, finite
     * @param y n x dy features of the same images in the same order, finite
     * @return the debiased CKA (may be slightly negative for unrelated representations)
     */
    public double linearDebiased(float[][] x, float[][] y) {
        FeatureChecks.pair(x, y, 4);
        return moments(x, y).debiasedCka();
    }

    /**
     * Linear CKA of the image features of two feature sets of the same images.
     *
     * @param a the first backbone's features
     * @param b the second's, same dataset, split and index order
     * @return the CKA
     */
    public double linear(FeatureSet a, FeatureSet b) {
        FeatureChecks.sameImages(a, b);
        return linear(a.imageFeatures(), b.imageFeatures());
    }

    /**
     * Debiased linear CKA of the image features of two feature sets of the same images.
     *
     * @param a the first backbone's features
     * @param b the second's, same dataset, split and index order
     * @return the debiased CKA
     */
    public double linearDebiased(FeatureSet a, FeatureSet b) {
        FeatureChecks.sameImages(a, b);
        return linearDebiased(a.imageFeatures(), b.imageFeatures());
    }

    /**
     * Linear and debiased linear CKA of every pair of feature sets of the same images, as a tidy
     * table with one row per ordered pair (the diagonal included, where both are 1), ready to pivot
     * into a heat map. Columns: dataset, split, images, backbone_a, perturbation_a, severity_a,
     * backbone_b, perturbation_b, severity_b, linear_cka, debiased_linear_cka. Sets may differ in
     * backbone or perturbation, not in dataset, split or image order.
     *
     * @param sets feature sets of the same images, at least 4 rows each
     * @return the table named "cka"
     */
    public Table pairwise(List<FeatureSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("cka: feature sets expected >= 1, got 0");
        }
        for (FeatureSet set : sets) {
            FeatureChecks.sameImages(sets.get(0), set);
        }
        int m = sets.size();
        LinearMoments[][] moments = new LinearMoments[m][m];
        long start = System.nanoTime();
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                moments[a][b] = moments(sets.get(a).imageFeatures(), sets.get(b).imageFeatures());
                moments[b][a] = moments[a][b];
            }
        }
        LOG.info(
                "CKA of {} pairs of {} images in {} s",
                m * (m + 1) / 2,
                sets.get(0).size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));

        StringColumn dataset = StringColumn.create("dataset");
        StringColumn split = StringColumn.create("split");
        IntColumn images = IntColumn.create("images");
        StringColumn backboneA = StringColumn.create("backbone_a");
        StringColumn perturbationA = StringColumn.create("perturbation_a");
        IntColumn severityA = IntColumn.create("severity_a");
        StringColumn backboneB = StringColumn.create("backbone_b");
        StringColumn perturbationB = StringColumn.create("perturbation_b");
        IntColumn severityB = IntColumn.create("severity_b");
        DoubleColumn linear = DoubleColumn.create("linear_cka");
        DoubleColumn debiased = DoubleColumn.create("debiased_linear_cka");
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                FeatureSet sa = sets.get(a);
                FeatureSet sb = sets.get(b);
                dataset.append(sa.dataset());
                split.append(sa.split());
                images.append(sa.size());
                backboneA.append(sa.backbone());
                perturbationA.append(sa.perturbation());
                severityA.append(sa.severity());
                backboneB.append(sb.backbone());
                perturbationB.append(sb.perturbation());
                severityB.append(sb.severity());
                linear.append(moments[a][b].cka());
                debiased.append(moments[a][b].debiasedCka());
            }
        }
        return Table.create(
                "cka",
                dataset,
                split,
                images,
                backboneA,
                perturbationA,
                severityA,
                backboneB,
                perturbationB,
                severityB,
                linear,
                debiased);
    }

    /**
     * The feature-form statistics of linear HSIC for X and Y, centred on their own column means.
     *
     * @param x n x dx features, n >= 2
     * @param y n x dy features of the same images
     * @return the statistics
     */
    public LinearMoments moments(float[][] x, float[][] y) {
        FeatureChecks.pair(x, y, 2);
        int n = x.length;
        int dx = x[0].length;
        int dy = y[0].length;
        DataType type = precision == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        try (NDManager scope = manager.newSubManager()) {
            NDArray meanX = scope.create(columnMeans(x)).toType(type, false);
            NDArray meanY = scope.create(columnMeans(y)).toType(type, false);
            NDArray xy = scope.zeros(new Shape(dx, dy), DataType.FLOAT64);
            NDArray xx = scope.zeros(new Shape(dx, dx), DataType.FLOAT64);
            NDArray yy = scope.zeros(new Shape(dy, dy), DataType.FLOAT64);
            ByteBuffer bufferX = direct(Math.min(n, blockRows) * dx);
            ByteBuffer bufferY = direct(Math.min(n, blockRows) * dy);
            double[] sums = new double[5];
            for (int from = 0; from < n; from += blockRows) {
                int to = Math.min(n, from + blockRows);
                try (NDManager step = scope.newSubManager()) {
                    NDArray xb = load(step, x, from, to, bufferX, type).sub(meanX);
                    NDArray yb = load(step, y, from, to, bufferY, type).sub(meanY);
                    NDArray a = xb.square().sum(new int[] {1}).toType(DataType.FLOAT64, false);
                    NDArray b = yb.square().sum(new int[] {1}).toType(DataType.FLOAT64, false);
                    sums[0] += a.sum().getDouble();
                    sums[1] += b.sum().getDouble();
                    sums[2] += a.square().sum().getDouble();
                    sums[3] += b.square().sum().getDouble();
                    sums[4] += a.mul(b).sum().getDouble();
                    NDArray xt = xb.transpose();
                    xy.addi(xt.matMul(yb).toType(DataType.FLOAT64, false));
                    xx.addi(xt.matMul(xb).toType(DataType.FLOAT64, false));
                    yy.addi(yb.transpose().matMul(yb).toType(DataType.FLOAT64, false));
                }
            }
            return new LinearMoments(
                    n,
                    xy.square().sum().getDouble(),
                    xx.square().sum().getDouble(),
                    yy.square().sum().getDouble(),
                    sums[0],
                    sums[1],
                    sums[2],
                    sums[3],
                    sums[4]);
        }
    }

    /**
     * Linear CKA in Gram form: from the n x n kernels X X^T and Y Y^T, for checks and small n.
     *
     * @param x n x dx features, at most {@link #MAX_GRAM_ROWS} rows
     * @param y n x dy features of the same images
     * @param debiased whether to use the unbiased HSIC estimator (n >= 4)
     * @return the CKA
     */
    public double linearGramForm(float[][] x, float[][] y, boolean debiased) {
        checkGram(x, y, debiased);
        try (NDManager scope = manager.newSubManager()) {
            NDArray xs = all(scope, x);
            NDArray ys = all(scope, y);
            return gramCka(xs.matMul(xs.transpose()), ys.matMul(ys.transpose()), debiased);
        }
    }

    /**
     * RBF CKA: the kernel exp(-||x_i - x_j||^2 / (2 sigma^2)) with sigma^2 = threshold^2 times the
     * median squared distance (see {@link GramHsic#rbfGram}); "RBF CKA at threshold 0.5" takes
     * threshold 0.5.
     *
     * @param x n x dx features, at most {@link #MAX_GRAM_ROWS} rows
     * @param y n x dy features of the same images
     * @param threshold the bandwidth as a fraction of the median distance, > 0
     * @return the CKA in [0, 1]
     */
    public double rbf(float[][] x, float[][] y, double threshold) {
        return rbf(x, y, threshold, false);
    }

    /**
     * RBF CKA with the unbiased HSIC estimator (Song et al. 2012).
     *
     * @param x n x dx features, 4 to {@link #MAX_GRAM_ROWS} rows
     * @param y n x dy features of the same images
     * @param threshold the bandwidth as a fraction of the median distance, > 0
     * @return the debiased CKA
     */
    public double rbfDebiased(float[][] x, float[][] y, double threshold) {
        return rbf(x, y, threshold, true);
    }

    /**
     * RBF CKA between every pair of feature matrices of the same images, each kernel computed and
     * centred once (m kernels instead of m (m + 1) for the pairs one by one); the diagonal is 1.
     * The m centred kernels are held at once: 8 m n^2 bytes (56 MB for seven backbones on 1,000
     * images).
     *
     * @param xs m feature matrices, each n x d_i, at most {@link #MAX_GRAM_ROWS} rows
     * @param threshold the bandwidth as a fraction of the median distance, > 0
     * @return the m x m symmetric matrix of RBF CKA, equal to {@link #rbf} pair by pair
     */
    public double[][] rbfMatrix(List<float[][]> xs, double threshold) {
        GramHsic.checkThreshold(threshold);
        int m = xs.size();
        for (int i = 1; i < m; i++) {
            checkGram(xs.get(0), xs.get(i), false);
        }
        if (m == 1) {
            checkGram(xs.get(0), xs.get(0), false);
        }
        double[][] out = new double[m][m];
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] centred = new NDArray[m];
            double[] self = new double[m];
            for (int i = 0; i < m; i++) {
                centred[i] = center(rbfKernel(all(scope, xs.get(i)), threshold));
                self[i] = centred[i].mul(centred[i]).sum().getDouble();
                FeatureChecks.nonDegenerate(self[i], "features " + i);
            }
            for (int i = 0; i < m; i++) {
                out[i][i] = 1.0;
                for (int j = i + 1; j < m; j++) {
                    double kl = centred[i].mul(centred[j]).sum().getDouble();
                    out[i][j] = kl / Math.sqrt(self[i] * self[j]);
                    out[j][i] = out[i][j];
                }
            }
        }
        return out;
    }

    private double rbf(float[][] x, float[][] y, double threshold, boolean debiased) {
        GramHsic.checkThreshold(threshold);
        checkGram(x, y, debiased);
        try (NDManager scope = manager.newSubManager()) {
            return gramCka(
                    rbfKernel(all(scope, x), threshold),
                    rbfKernel(all(scope, y), threshold),
                    debiased);
        }
    }

    /** exp(-D / (2 sigma^2)) with sigma^2 = threshold^2 median(D), D the squared distances. */
    private static NDArray rbfKernel(NDArray x, double threshold) {
        long n = x.getShape().get(0);
        NDArray dot = x.matMul(x.transpose());
        NDArray norms = x.square().sum(new int[] {1});
        NDArray sq = norms.reshape(n, 1).add(norms.reshape(1, n)).sub(dot.mul(2)).maximum(0.0);
        NDArray sorted = sq.flatten().sort();
        long count = n * n;
        long mid = count / 2;
        double median =
                count % 2 == 1
                        ? sorted.getDouble(mid)
                        : (sorted.getDouble(mid - 1) + sorted.getDouble(mid)) / 2;
        double sigma2 = threshold * threshold * median;
        if (!(sigma2 > 0)) {
            throw new IllegalArgumentException(
                    "cka: median squared distance expected > 0 (distinct rows), got " + median);
        }
        return sq.div(-2 * sigma2).exp();
    }

    /** CKA of two n x n kernel matrices (float64), biased or unbiased HSIC. */
    static double gramCka(NDArray k, NDArray l, boolean debiased) {
        double kl = debiased ? unbiasedHsic(k, l) : biasedHsic(k, l);
        double kk = debiased ? unbiasedHsic(k, k) : biasedHsic(k, k);
        double ll = debiased ? unbiasedHsic(l, l) : biasedHsic(l, l);
        FeatureChecks.nonDegenerate(kk, "x");
        FeatureChecks.nonDegenerate(ll, "y");
        return kl / Math.sqrt(kk * ll);
    }

    /** tr(K H L H), without the 1 / (n - 1)^2 that cancels in CKA; K and L symmetric. */
    private static double biasedHsic(NDArray k, NDArray l) {
        return center(k).mul(center(l)).sum().getDouble();
    }

    private static NDArray center(NDArray k) {
        long n = k.getShape().get(0);
        NDArray means = k.mean(new int[] {0});
        NDArray grand = means.mean();
        return k.sub(means.reshape(1, n)).sub(means.reshape(n, 1)).add(grand);
    }

    /** n (n - 3) times the unbiased HSIC of Song et al. 2012, eq. 5; K and L symmetric. */
    private static double unbiasedHsic(NDArray k, NDArray l) {
        long n = k.getShape().get(0);
        NDArray offDiagonal = k.getManager().eye((int) n).toType(DataType.FLOAT64, false).neg();
        offDiagonal = offDiagonal.add(1.0);
        NDArray kt = k.mul(offDiagonal);
        NDArray lt = l.mul(offDiagonal);
        double trace = kt.mul(lt).sum().getDouble();
        NDArray rowK = kt.sum(new int[] {1});
        NDArray rowL = lt.sum(new int[] {1});
        double sumK = rowK.sum().getDouble();
        double sumL = rowL.sum().getDouble();
        double cross = rowK.mul(rowL).sum().getDouble();
        double nn = n;
        return trace + sumK * sumL / ((nn - 1) * (nn - 2)) - 2.0 / (nn - 2) * cross;
    }

    private static void checkGram(float[][] x, float[][] y, boolean debiased) {
        FeatureChecks.pair(x, y, debiased ? 4 : 2);
        if (x.length > MAX_GRAM_ROWS) {
            throw new IllegalArgumentException(
                    "cka: rows for a Gram-form measure expected <= "
                            + MAX_GRAM_ROWS
                            + ", got "
                            + x.length);
        }
    }

    /** All rows as one float64 array. */
    private NDArray all(NDManager scope, float[][] x) {
        return load(scope, x, 0, x.length, direct(x.length * x[0].length), DataType.FLOAT64);
    }

    /** Rows from..to as an array of the given type on the scope's device, via a reused buffer. */
    private static NDArray load(
            NDManager scope, float[][] x, int from, int to, ByteBuffer buffer, DataType type) {
        int d = x[0].length;
        buffer.clear();
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int i = from; i < to; i++) {
            floats.put(x[i]);
        }
        buffer.limit((to - from) * d * Float.BYTES);
        NDArray block = scope.create(buffer, new Shape(to - from, d), DataType.FLOAT32);
        // A copy, so the buffer can be refilled: the array may share its memory.
        NDArray copy = block.toType(type, true);
        block.close();
        return copy;
    }

    private static ByteBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    private static double[] columnMeans(float[][] x) {
        double[] mean = new double[x[0].length];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= x.length;
        }
        return mean;
    }

    /** Frees the arrays of this calculator. */
    @Override
    public void close() {
        manager.close();
    }
}
