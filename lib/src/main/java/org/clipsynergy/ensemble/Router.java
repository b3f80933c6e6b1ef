package org.clipsynergy.ensemble;

import java.util.List;
import java.util.Objects;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.classification.LogisticRegression;
import smile.math.MathEx;

/**
 * A router: a multinomial logistic regression (Smile) on the concatenated L2-normalised image
 * features of all members that predicts which member to trust, then uses that member's logits.
 *
 * <p>The training target of a holdout image is the member that gives its true class the highest
 * probability (the member most nearly right, defined even when none is right). Routing is hard: one
 * member per image.
 */
public final class Router implements Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /**
     * Settings of the router.
     *
     * @param lambda L2 penalty of Smile's logistic regression
     * @param tolerance convergence tolerance of Smile's L-BFGS
     * @param maxIterations iteration limit of Smile's L-BFGS
     * @param seed the seed of Smile's thread-local generator
     */
    public record Settings(double lambda, double tolerance, int maxIterations, long seed) {

        /** Validates the settings. */
        public Settings {
            if (!(lambda >= 0) || !(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException(
                        "router settings: fields lambda >= 0, tolerance > 0, maxIterations >= 1"
                                + " expected, got "
                                + lambda
                                + ", "
                                + tolerance
                                + ", "
                                + maxIterations);
            }
        }

        /** Penalty 0.01, tolerance 1e-5, 500 iterations. */
        public static Settings defaults(long seed) {
            return new Settings(0.01, 1e-5, 500, seed);
        }
    }

    private final Settings settings;

    /**
     * A router with the given settings.
     *
     * @param settings the settings
     */
    public Router(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "router";
    }

    @Override
    public Ensemble withSeed(long seed) {
        return new Router(
                new Settings(
                        settings.lambda(), settings.tolerance(), settings.maxIterations(), seed));
    }

    @Override
    public Fitted fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        int[] target = bestMember(holdout);
        double[][] x = features(holdout);
        long distinct = java.util.Arrays.stream(target).distinct().count();
        LogisticRegression model = null;
        int constant = target[0];
        if (distinct > 1) {
            MathEx.setSeed(settings.seed());
            model =
                    LogisticRegression.fit(
                            x,
                            target,
                            settings.lambda(),
                            settings.tolerance(),
                            settings.maxIterations());
        }
        LOG.info(
                "router: {} members, {} holdout images, {} distinct targets",
                holdout.size(),
                x.length,
                distinct);
        return new Fitted(MemberSignature.of(holdout), model, constant);
    }

    /**
     * Per image, the member that gives the true class the highest probability (ties: the first).
     *
     * @param members aligned members
     * @return n member numbers
     */
    public static int[] bestMember(List<FeatureSet> members) {
        int n = members.get(0).size();
        int[] labels = members.get(0).labels();
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            double top = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members.size(); m++) {
                double lp = Members.logSoftmax(members.get(m).logits()[i], 1.0)[labels[i]];
                if (lp > top) {
                    top = lp;
                    best[i] = m;
                }
            }
        }
        return best;
    }

    /** Concatenated per-member L2-normalised features, n x D, in double precision. */
    static double[][] features(List<FeatureSet> members) {
        int n = members.get(0).size();
        float[] flat = NeuralLogitController.features(members, 0, n);
        int d = flat.length / n;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = flat[i * d + j];
            }
        }
        return x;
    }

    /** A fitted router; {@code model} is null when the holdout had one target member only. */
    public static final class Fitted implements FittedEnsemble {
        private final MemberSignature signature;
        private final LogisticRegression model;
        private final int constant;

        Fitted(MemberSignature signature, LogisticRegression model, int constant) {
            this.signature = signature;
            this.model = model;
            this.constant = constant;
        }

        @Override
        public String name() {
            return "router";
        }

        /**
         * The member routed to for each image.
         *
         * @param members aligned members in the fitted order
         * @return n member numbers
         */
        public int[] route(List<FeatureSet> members) {
            signature.check(members, name());
            int n = members.get(0).size();
            int[] chosen = new int[n];
            if (model == null) {
                java.util.Arrays.fill(chosen, constant);
                return chosen;
            }
            double[][] x = features(members);
            for (int i = 0; i < n; i++) {
                chosen[i] = model.predict(x[i]);
            }
            return chosen;
        }

        @Override
        public float[][] predict(List<FeatureSet> members) {
            return StaticEnsembles.select(members, route(members));
        }
    }
}
