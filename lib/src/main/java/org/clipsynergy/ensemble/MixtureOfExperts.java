package org.clipsynergy.ensemble;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mixture of experts (Jacobs, Jordan, Nowlan and Hinton 1991, "Adaptive Mixtures of Local
 * Experts") with frozen experts: a softmax gate {@code g(x) = softmax(W x + b)} over the members,
 * from the concatenated L2-normalised image features, and the mixture {@code p(y | x) = sum_m
 * g_m(x) p_m(y | x)}. The gate is trained by mini-batch Adam on the mixture's negative
 * log-likelihood with an L2 penalty, in plain Java.
 *
 * <p>The gradient with respect to the gate's logits is {@code g - r}, with {@code r} the posterior
 * responsibility {@code softmax(a + log p_m(y | x))}. Logits returned are the log of the mixture.
 */
public final class MixtureOfExperts implements Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(MixtureOfExperts.class);
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    /**
     * Settings of the gate's training.
     *
     * @param learningRate Adam's step size
     * @param epochs passes over the holdout
     * @param batchSize images per step
     * @param l2 L2 penalty on the gate's weights (not the bias)
     * @param seed the seed of the batch order
     */
    public record Settings(double learningRate, int epochs, int batchSize, double l2, long seed) {

        /** Validates the settings. */
        public Settings {
            if (!(learningRate > 0) || epochs < 1 || batchSize < 1 || !(l2 >= 0)) {
                throw new IllegalArgumentException(
                        "mixture settings: learningRate > 0, epochs >= 1, batchSize >= 1, l2 >= 0"
                                + " expected, got "
                                + learningRate
                                + ", "
                                + epochs
                                + ", "
                                + batchSize
                                + ", "
                                + l2);
            }
        }

        /** Learning rate 0.01, 100 epochs, batch 64, L2 1e-4. */
        public static Settings defaults(long seed) {
            return new Settings(0.01, 100, 64, 1e-4, seed);
        }
    }

    private final Settings settings;

    /**
     * A mixture of experts with the given settings.
     *
     * @param settings the settings
     */
    public MixtureOfExperts(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "mixture-of-experts";
    }

    @Override
    public Ensemble withSeed(long seed) {
        Settings s = settings;
        return new MixtureOfExperts(
                new Settings(s.learningRate(), s.epochs(), s.batchSize(), s.l2(), seed));
    }

    @Override
    public Fitted fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        long start = System.nanoTime();
        int n = holdout.get(0).size();
        int m = holdout.size();
        double[][] x = Router.features(holdout);
        int d = x[0].length;
        double[][] logTrue = new double[n][m];
        int[] labels = holdout.get(0).labels();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                logTrue[i][k] = Members.logSoftmax(holdout.get(k).logits()[i], 1.0)[labels[i]];
            }
        }

        double[] w = new double[m * d + m]; // W (m x d) row-major, then b (m)
        double[] first = new double[w.length];
        double[] second = new double[w.length];
        double[] grad = new double[w.length];
        int[] order = NeuralLogitController.permutation(n, new SplittableRandom(settings.seed()));
        long t = 0;
        double loss = Double.NaN;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            NeuralLogitController.shuffle(order, new SplittableRandom(settings.seed() + epoch + 1));
            double sum = 0;
            for (int from = 0; from < n; from += settings.batchSize()) {
                int to = Math.min(n, from + settings.batchSize());
                java.util.Arrays.fill(grad, 0);
                for (int b = from; b < to; b++) {
                    int i = order[b];
                    double[] a = gateLogits(w, x[i], m, d);
                    double[] g = softmax(a);
                    double[] joint = new double[m];
                    for (int k = 0; k < m; k++) {
                        joint[k] = a[k] + logTrue[i][k];
                    }
                    double[] r = softmax(joint);
                    sum -= logSumExp(joint) - logSumExp(a);
                    for (int k = 0; k < m; k++) {
                        double delta = (g[k] - r[k]) / (to - from);
                        for (int j = 0; j < d; j++) {
                            grad[k * d + j] += delta * x[i][j];
                        }
                        grad[m * d + k] += delta;
                    }
                }
                for (int j = 0; j < m * d; j++) {
                    grad[j] += settings.l2() * w[j];
                }
                t++;
                adam(w, grad, first, second, t);
            }
            loss = sum / n;
        }
        LOG.info(
                "mixture of experts: {} members, {} images, {} epochs, final NLL {} in {} s",
                m,
                n,
                settings.epochs(),
                String.format("%.4f", loss),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return new Fitted(MemberSignature.of(holdout), w, m, d);
    }

    private void adam(double[] w, double[] grad, double[] first, double[] second, long t) {
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int j = 0; j < w.length; j++) {
            first[j] = BETA1 * first[j] + (1 - BETA1) * grad[j];
            second[j] = BETA2 * second[j] + (1 - BETA2) * grad[j] * grad[j];
            w[j] -=
                    settings.learningRate()
                            * (first[j] / c1)
                            / (Math.sqrt(second[j] / c2) + ADAM_EPSILON);
        }
    }

    static double[] gateLogits(double[] w, double[] x, int m, int d) {
        double[] a = new double[m];
        for (int k = 0; k < m; k++) {
            double s = w[m * d + k];
            for (int j = 0; j < d; j++) {
                s += w[k * d + j] * x[j];
            }
            a[k] = s;
        }
        return a;
    }

    static double[] softmax(double[] a) {
        double lse = logSumExp(a);
        double[] p = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            p[k] = Math.exp(a[k] - lse);
        }
        return p;
    }

    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : a) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /** A fitted mixture: the gate's weights. */
    public static final class Fitted implements FittedEnsemble {
        private final MemberSignature signature;
        private final double[] weights;
        private final int members;
        private final int inputs;

        Fitted(MemberSignature signature, double[] weights, int members, int inputs) {
            this.signature = signature;
            this.weights = weights;
            this.members = members;
            this.inputs = inputs;
        }

        @Override
        public String name() {
            return "mixture-of-experts";
        }

        /**
         * The gate's weights per image.
         *
         * @param set aligned members in the fitted order
         * @return n x m gate probabilities
         */
        public double[][] gate(List<FeatureSet> set) {
            signature.check(set, name());
            double[][] x = Router.features(set);
            double[][] g = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                g[i] = softmax(gateLogits(weights, x[i], members, inputs));
            }
            return g;
        }

        @Override
        public float[][] predict(List<FeatureSet> set) {
            double[][] g = gate(set);
            int c = signature.numClasses();
            float[][] out = new float[g.length][];
            for (int i = 0; i < g.length; i++) {
                double[] mix = new double[c];
                for (int k = 0; k < members; k++) {
                    double[] p = Members.softmax(set.get(k).logits()[i], 1.0);
                    for (int j = 0; j < c; j++) {
                        mix[j] += g[i][k] * p[j];
                    }
                }
                out[i] = Members.logOf(mix);
            }
            return out;
        }
    }
}
