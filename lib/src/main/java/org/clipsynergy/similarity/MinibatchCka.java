package org.clipsynergy.similarity;

import java.util.Iterator;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minibatch linear CKA (Nguyen, Raghu & Kornblith 2021, "Do Wide and Deep Networks Learn the Same
 * Things?", ICLR, eq. 3): the unbiased HSIC (Song et al. 2012) of each minibatch, averaged over
 * minibatches, then normalised: mean HSIC_1(X_i, Y_i) / sqrt(mean HSIC_1(X_i, X_i) mean HSIC_1(Y_i,
 * Y_i)). Memory is bounded by one minibatch and three d x d products, so rows can be streamed from
 * the feature cache (see {@link NpyRowBlocks}).
 *
 * <p>Limitation: the estimate assumes each minibatch is a random sample of the images; stream a
 * cache sorted by class through {@link NpyRowBlocks#shuffled} rather than in file order.
 */
public final class MinibatchCka {
    /** The fewest rows of a minibatch: the unbiased HSIC needs n >= 4. */
    public static final int MIN_BATCH_ROWS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(MinibatchCka.class);

    private final CenteredKernelAlignment cka;
    private double sumXY;
    private double sumXX;
    private double sumYY;
    private long rows;
    private int batches;

    /**
     * An empty accumulator.
     *
     * @param cka the calculator that computes each minibatch's statistics (its device is used)
     */
    public MinibatchCka(CenteredKernelAlignment cka) {
        this.cka = cka;
    }

    /**
     * Adds one minibatch.
     *
     * @param x b x dx features, one row per image, b >= {@link #MIN_BATCH_ROWS}
     * @param y b x dy features of the same images
     */
    public void add(float[][] x, float[][] y) {
        FeatureChecks.pair(x, y, MIN_BATCH_ROWS);
        LinearMoments moments = cka.moments(x, y);
        sumXY += moments.unbiasedHsicXY();
        sumXX += moments.unbiasedHsicXX();
        sumYY += moments.unbiasedHsicYY();
        rows += x.length;
        batches++;
    }

    /**
     * The minibatch CKA of the minibatches added so far.
     *
     * @return the estimate
     */
    public double value() {
        if (batches == 0) {
            throw new IllegalStateException("minibatch cka: batches expected >= 1, got 0");
        }
        FeatureChecks.nonDegenerate(sumXX, "x");
        FeatureChecks.nonDegenerate(sumYY, "y");
        return sumXY / Math.sqrt(sumXX * sumYY);
    }

    /** The rows added so far. */
    public long rows() {
        return rows;
    }

    /** The minibatches added so far. */
    public int batches() {
        return batches;
    }

    /**
     * Streams paired minibatches to the end and returns their minibatch CKA. Both iterators must
     * yield blocks of the same row counts; a final block of fewer than {@link #MIN_BATCH_ROWS} rows
     * is skipped (and logged).
     *
     * @param cka the calculator
     * @param x blocks of rows of the first representation
     * @param y blocks of the same rows of the second
     * @return the estimate
     */
    public static double stream(
            CenteredKernelAlignment cka, Iterator<float[][]> x, Iterator<float[][]> y) {
        return stream(cka, x, y, null);
    }

    /**
     * {@link #stream(CenteredKernelAlignment, Iterator, Iterator)} with a progress bar stepped by
     * rows.
     *
     * @param cka the calculator
     * @param x blocks of rows of the first representation
     * @param y blocks of the same rows of the second
     * @param progress stepped by the rows of each block; null for none
     * @return the estimate
     */
    public static double stream(
            CenteredKernelAlignment cka,
            Iterator<float[][]> x,
            Iterator<float[][]> y,
            ProgressBar progress) {
        MinibatchCka accumulator = new MinibatchCka(cka);
        long start = System.nanoTime();
        long skipped = 0;
        while (x.hasNext() && y.hasNext()) {
            float[][] xb = x.next();
            float[][] yb = y.next();
            if (xb.length < MIN_BATCH_ROWS && xb.length == yb.length && !x.hasNext()) {
                skipped = xb.length;
            } else {
                accumulator.add(xb, yb);
            }
            if (progress != null) {
                progress.stepBy(xb.length);
            }
        }
        if (x.hasNext() || y.hasNext()) {
            throw new IllegalArgumentException(
                    "minibatch cka: blocks of y expected to end with those of x after "
                            + accumulator.rows()
                            + " rows, but "
                            + (x.hasNext() ? "x" : "y")
                            + " has more");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(
                "minibatch CKA over {} rows in {} batches in {} s, {} rows/s{}",
                accumulator.rows(),
                accumulator.batches(),
                String.format("%.1f", seconds),
                String.format("%.0f", accumulator.rows() / seconds),
                skipped > 0 ? ", skipped a final block of " + skipped + " rows" : "");
        return accumulator.value();
    }
}
