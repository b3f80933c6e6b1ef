package org.clipsynergy.ensemble;

import java.util.List;
import org.clipsynergy.features.FeatureSet;

/**
 * Calibrated averaging: one temperature per member fitted on the holdout by minimising its NLL
 * (temperature scaling, Guo et al. 2017), then the members' calibrated outputs averaged.
 *
 * <p>{@link Mode#PROBABILITIES} (the default) returns log of the mean calibrated probability;
 * {@link Mode#LOG_PROBABILITIES} the mean calibrated log-probability (a geometric mean of the
 * calibrated distributions, unnormalised).
 */
public final class CalibratedAveraging implements Ensemble {

    /** What is averaged after calibration. */
    public enum Mode {
        /** The mean of softmax(logits_m / T_m); logits are its log. */
        PROBABILITIES,
        /** The mean of log softmax(logits_m / T_m). */
        LOG_PROBABILITIES
    }

    private final Mode mode;

    /** Calibrated averaging of probabilities. */
    public CalibratedAveraging() {
        this(Mode.PROBABILITIES);
    }

    /**
     * Calibrated averaging in a given mode.
     *
     * @param mode what to average
     */
    public CalibratedAveraging(Mode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return mode == Mode.PROBABILITIES ? "calibrated-probs" : "calibrated-logprobs";
    }

    @Override
    public FittedEnsemble fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        double[] temperatures = temperatures(holdout);
        return new Fitted(name(), mode, MemberSignature.of(holdout), temperatures);
    }

    /**
     * The NLL-minimising temperature of each member on a holdout.
     *
     * @param holdout aligned members
     * @return one temperature per member
     */
    public static double[] temperatures(List<FeatureSet> holdout) {
        double[] t = new double[holdout.size()];
        for (int m = 0; m < t.length; m++) {
            t[m] = TemperatureScaling.fit(holdout.get(m).logits(), holdout.get(m).labels());
        }
        return t;
    }

    /**
     * A fitted calibrated average.
     *
     * @param name the method name
     * @param mode what is averaged
     * @param signature the members fitted on
     * @param temperatures one temperature per member
     */
    record Fitted(String name, Mode mode, MemberSignature signature, double[] temperatures)
            implements FittedEnsemble {

        @Override
        public float[][] predict(List<FeatureSet> members) {
            signature.check(members, name);
            if (mode == Mode.PROBABILITIES) {
                return StaticEnsembles.meanProbabilities(members, temperatures);
            }
            int n = members.get(0).size();
            int c = members.get(0).numClasses();
            float[][] out = new float[n][c];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < members.size(); m++) {
                    double[] lp = Members.logSoftmax(members.get(m).logits()[i], temperatures[m]);
                    for (int j = 0; j < c; j++) {
                        out[i][j] += (float) (lp[j] / members.size());
                    }
                }
            }
            return out;
        }
    }
}
