package org.clipsynergy.ensemble;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.classification.LogisticRegression;
import smile.math.MathEx;

/**
 * Stacking (Wolpert 1992, "Stacked generalization"), as the super learner of van der Laan, Polley
 * and Hubbard (2007): a multinomial logistic regression (Smile) over the concatenated softmax
 * probabilities of the members (n x m c), its L2 penalty chosen by k-fold cross-validation of the
 * held-out negative log-likelihood on the holdout, then refitted on all of it.
 *
 * <p>Limitation: the regression has (c - 1)(m c + 1) coefficients, quadratic in the class count;
 * fits above {@link Settings#maxParameters()} are refused (for 1,000 classes a class-shared
 * weighting such as the calibrated average is the practical choice).
 */
public final class Stacking implements Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(Stacking.class);

    /** Probability floor when scoring held-out folds that miss a class. */
    private static final double PROBABILITY_FLOOR = 1e-12;

    /**
     * Settings of the super learner.
     *
     * @param lambdas candidate L2 penalties of Smile's logistic regression
     * @param folds inner cross-validation folds (at most the holdout size is used)
     * @param tolerance convergence tolerance of Smile's L-BFGS
     * @param maxIterations iteration limit of Smile's L-BFGS
     * @param maxParameters the largest coefficient count accepted
     * @param seed seed of the fold assignment and of Smile's thread-local generator
     */
    public record Settings(
            List<Double> lambdas,
            int folds,
            double tolerance,
            int maxIterations,
            long maxParameters,
            long seed) {

        /** Validates the settings. */
        public Settings {
            lambdas = List.copyOf(lambdas);
            if (lambdas.isEmpty() || lambdas.stream().anyMatch(l -> !(l >= 0))) {
                throw new IllegalArgumentException(
                        "stacking settings: field 'lambdas' expected >= 1 value, all >= 0, got "
                                + lambdas);
            }
            if (folds < 2) {
                throw new IllegalArgumentException(
                        "stacking settings: field 'folds' expected >= 2, got " + folds);
            }
            if (!(tolerance > 0) || maxIterations < 1 || maxParameters < 1) {
                throw new IllegalArgumentException(
                        "stacking settings: fields 'tolerance', 'maxIterations', 'maxParameters'"
                                + " expected > 0, got "
                                + tolerance
                                + ", "
                                + maxIterations
                                + ", "
                                + maxParameters);
            }
        }

        /** Penalties 1e-4 ... 1 (five, log-spaced), 5 folds, at most 2,000,000 coefficients. */
        public static Settings defaults(long seed) {
            return new Settings(
                    List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0), 5, 1e-5, 500, 2_000_000, seed);
        }
    }

    private final Settings settings;

    /**
     * A super learner with the given settings.
     *
     * @param settings the settings
     */
    public Stacking(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "stacking";
    }

    @Override
    public Ensemble withSeed(long seed) {
        Settings s = settings;
        return new Stacking(
                new Settings(
                        s.lambdas(),
                        s.folds(),
                        s.tolerance(),
                        s.maxIterations(),
                        s.maxParameters(),
                        seed));
    }

    @Override
    public FittedEnsemble fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        int m = holdout.size();
        int c = holdout.get(0).numClasses();
        long parameters = (long) (c - 1) * ((long) m * c + 1);
        if (parameters > settings.maxParameters()) {
            throw new IllegalArgumentException(
                    "stacking: coefficients (c - 1)(m c + 1) expected <= "
                            + settings.maxParameters()
                            + ", got "
                            + parameters
                            + " (m = "
                            + m
                            + " members, c = "
                            + c
                            + " classes)");
        }
        double[][] x = probabilities(holdout);
        int[] y = holdout.get(0).labels();
        double lambda = chooseLambda(x, y, c);
        LogisticRegression model = train(x, y, lambda);
        LOG.info(
                "stacking: {} members x {} classes, lambda {} chosen by {}-fold CV",
                m,
                c,
                lambda,
                settings.folds());
        return new Fitted(MemberSignature.of(holdout), model, lambda);
    }

    private double chooseLambda(double[][] x, int[] y, int c) {
        List<Double> lambdas = settings.lambdas();
        if (lambdas.size() == 1) {
            return lambdas.get(0);
        }
        int n = y.length;
        int folds = Math.min(settings.folds(), n);
        int[] fold = new int[n];
        int[] order = NeuralLogitController.permutation(n, new SplittableRandom(settings.seed()));
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        double best = Double.POSITIVE_INFINITY;
        double chosen = lambdas.get(0);
        for (double lambda : lambdas) {
            double loss = 0;
            int scored = 0;
            for (int f = 0; f < folds; f++) {
                int[] train = rows(fold, f, false);
                int[] test = rows(fold, f, true);
                if (distinct(y, train) < 2) {
                    continue;
                }
                LogisticRegression model = train(pick(x, train), pick(y, train), lambda);
                for (int i : test) {
                    double p = posterior(model, x[i], c)[y[i]];
                    loss -= Math.log(Math.max(p, PROBABILITY_FLOOR));
                    scored++;
                }
            }
            double mean = scored == 0 ? Double.POSITIVE_INFINITY : loss / scored;
            if (mean < best) {
                best = mean;
                chosen = lambda;
            }
        }
        return chosen;
    }

    private LogisticRegression train(double[][] x, int[] y, double lambda) {
        MathEx.setSeed(settings.seed());
        return LogisticRegression.fit(x, y, lambda, settings.tolerance(), settings.maxIterations());
    }

    /** Posterior over all c classes; classes absent from the training rows get 0. */
    static double[] posterior(smile.classification.Classifier<double[]> model, double[] x, int c) {
        double[] local = new double[model.numClasses()];
        model.predict(x, local);
        int[] classes = model.classes();
        double[] out = new double[c];
        for (int k = 0; k < classes.length; k++) {
            out[classes[k]] = local[k];
        }
        return out;
    }

    /** The members' softmax probabilities side by side, n x m c. */
    static double[][] probabilities(List<FeatureSet> members) {
        int n = members.get(0).size();
        int c = members.get(0).numClasses();
        double[][] x = new double[n][members.size() * c];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < members.size(); m++) {
                double[] p = Members.softmax(members.get(m).logits()[i], 1.0);
                System.arraycopy(p, 0, x[i], m * c, c);
            }
        }
        return x;
    }

    private static int[] rows(int[] fold, int f, boolean inFold) {
        return java.util.stream.IntStream.range(0, fold.length)
                .filter(i -> (fold[i] == f) == inFold)
                .toArray();
    }

    private static int distinct(int[] y, int[] rows) {
        return (int) java.util.Arrays.stream(rows).map(i -> y[i]).distinct().count();
    }

    private static double[][] pick(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    /** A fitted super learner: Smile's logistic regression over the members' probabilities. */
    public static final class Fitted implements FittedEnsemble {
        private final MemberSignature signature;
        private final LogisticRegression model;
        private final double lambda;

        Fitted(MemberSignature signature, LogisticRegression model, double lambda) {
            this.signature = signature;
            this.model = model;
            this.lambda = lambda;
        }

        /** The L2 penalty chosen by cross-validation. */
        public double lambda() {
            return lambda;
        }

        @Override
        public String name() {
            return "stacking";
        }

        @Override
        public float[][] predict(List<FeatureSet> members) {
            signature.check(members, name());
            double[][] x = probabilities(members);
            int c = signature.numClasses();
            float[][] out = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = Members.logOf(posterior(model, x[i], c));
            }
            return out;
        }
    }
}
