package org.clipsynergy.ensemble;

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): the single
 * temperature T that minimises the negative log-likelihood of softmax(logits / T) on labelled
 * images.
 *
 * <p>The NLL is convex in the inverse temperature s = 1 / T, so a golden-section search over log s
 * in [{@link #MIN_LOG_INVERSE}, {@link #MAX_LOG_INVERSE}] finds the minimum.
 */
public final class TemperatureScaling {

    /** The smallest log inverse temperature searched (T at most e^7, about 1,100). */
    public static final double MIN_LOG_INVERSE = -7.0;

    /** The largest log inverse temperature searched (T at least e^-7, about 0.0009). */
    public static final double MAX_LOG_INVERSE = 7.0;

    private static final int ITERATIONS = 80;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureScaling() {}

    /**
     * Fits the temperature of one member.
     *
     * @param logits n x c logits, one row per image
     * @param labels n true labels
     * @return the temperature T > 0 minimising the mean NLL
     */
    public static double fit(float[][] logits, int[] labels) {
        double a = MIN_LOG_INVERSE;
        double b = MAX_LOG_INVERSE;
        double x1 = b - GOLDEN * (b - a);
        double x2 = a + GOLDEN * (b - a);
        double f1 = nll(logits, labels, Math.exp(-x1));
        double f2 = nll(logits, labels, Math.exp(-x2));
        for (int it = 0; it < ITERATIONS; it++) {
            if (f1 <= f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - GOLDEN * (b - a);
                f1 = nll(logits, labels, Math.exp(-x1));
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + GOLDEN * (b - a);
                f2 = nll(logits, labels, Math.exp(-x2));
            }
        }
        return Math.exp(-(a + b) / 2);
    }

    /**
     * Mean negative log-likelihood of softmax(logits / T).
     *
     * @param logits n x c logits
     * @param labels n true labels
     * @param temperature T > 0
     * @return the mean NLL in nats
     */
    public static double nll(float[][] logits, int[] labels, double temperature) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Members.logSoftmax(logits[i], temperature)[labels[i]];
        }
        return sum / labels.length;
    }
}
