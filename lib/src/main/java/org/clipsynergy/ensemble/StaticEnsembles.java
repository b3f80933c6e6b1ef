package org.clipsynergy.ensemble;

import java.util.List;
import java.util.function.Function;
import org.clipsynergy.features.FeatureSet;

/**
 * Ensembles without learned parameters (apart from the best single member's choice): averaging,
 * voting and per-image selection of one member.
 *
 * <p>All return logits (n x c, one row per image). Where a method's output is not a logit in the
 * usual sense (a vote count, a selected member's logits) its Javadoc says what the numbers are; the
 * argmax of a row is always the method's prediction.
 */
public final class StaticEnsembles {

    private StaticEnsembles() {}

    /** The mean of the members' logits. */
    public static Ensemble meanOfLogits() {
        return new Stateless("mean-logits", StaticEnsembles::meanLogits);
    }

    /** The log of the mean of the members' softmax probabilities. */
    public static Ensemble meanOfProbabilities() {
        return new Stateless("mean-probs", StaticEnsembles::meanProbabilities);
    }

    /**
     * Majority vote of the members' top-1 classes, ties broken by the summed probability.
     *
     * <p>Scores are {@code votes + summedProbability / (m + 1)}: the vote decides and the summed
     * probability (below 1 after the division) only orders classes with equal votes.
     */
    public static Ensemble majorityVote() {
        return new Stateless("majority-vote", StaticEnsembles::vote);
    }

    /** Per image, the logits of the member whose top softmax probability is highest. */
    public static Ensemble mostConfident() {
        return new Stateless(
                "most-confident", members -> select(members, mostConfidentMember(members)));
    }

    /** Per image, the logits of the member whose softmax entropy is lowest. */
    public static Ensemble lowestEntropy() {
        return new Stateless(
                "lowest-entropy", members -> select(members, lowestEntropyMember(members)));
    }

    /** The member with the highest holdout accuracy (ties: the first), applied alone. */
    public static Ensemble bestSingle() {
        return new BestSingle();
    }

    /**
     * The mean of the members' logits.
     *
     * @param members aligned members
     * @return n x c mean logits
     */
    public static float[][] meanLogits(List<FeatureSet> members) {
        int n = members.get(0).size();
        int c = members.get(0).numClasses();
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double sum = 0;
                for (FeatureSet m : members) {
                    sum += m.logits()[i][j];
                }
                out[i][j] = (float) (sum / members.size());
            }
        }
        return out;
    }

    /**
     * The log of the mean of the members' softmax probabilities.
     *
     * @param members aligned members
     * @return n x c log mean probabilities
     */
    public static float[][] meanProbabilities(List<FeatureSet> members) {
        double[] temperatures = new double[members.size()];
        java.util.Arrays.fill(temperatures, 1.0);
        return meanProbabilities(members, temperatures);
    }

    /** The log of the mean of softmax(logits_m / T_m) over members m (n x c). */
    static float[][] meanProbabilities(List<FeatureSet> members, double[] temperatures) {
        int n = members.get(0).size();
        int c = members.get(0).numClasses();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] mean = new double[c];
            for (int m = 0; m < members.size(); m++) {
                double[] p = Members.softmax(members.get(m).logits()[i], temperatures[m]);
                for (int j = 0; j < c; j++) {
                    mean[j] += p[j] / members.size();
                }
            }
            out[i] = Members.logOf(mean);
        }
        return out;
    }

    /**
     * Vote scores: each member's top-1 class gets a vote; ties are ordered by summed probability.
     *
     * @param members aligned members
     * @return n x c scores {@code votes + summedProbability / (m + 1)}
     */
    public static float[][] vote(List<FeatureSet> members) {
        int n = members.get(0).size();
        int c = members.get(0).numClasses();
        int size = members.size();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] score = new double[c];
            for (FeatureSet m : members) {
                float[] row = m.logits()[i];
                double[] p = Members.softmax(row, 1.0);
                score[Members.argmax(row)] += 1.0;
                for (int j = 0; j < c; j++) {
                    score[j] += p[j] / (size + 1);
                }
            }
            out[i] = toFloat(score);
        }
        return out;
    }

    /**
     * Per image, the member with the highest top softmax probability (ties: the first).
     *
     * @param members aligned members
     * @return n member numbers
     */
    public static int[] mostConfidentMember(List<FeatureSet> members) {
        int n = members.get(0).size();
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members.size(); m++) {
                double[] p = Members.softmax(members.get(m).logits()[i], 1.0);
                double top = p[Members.argmax(p)];
                if (top > best) {
                    best = top;
                    chosen[i] = m;
                }
            }
        }
        return chosen;
    }

    /**
     * Per image, the member with the lowest softmax entropy (ties: the first).
     *
     * @param members aligned members
     * @return n member numbers
     */
    public static int[] lowestEntropyMember(List<FeatureSet> members) {
        int n = members.get(0).size();
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < members.size(); m++) {
                double h = Members.entropy(Members.softmax(members.get(m).logits()[i], 1.0));
                if (h < best) {
                    best = h;
                    chosen[i] = m;
                }
            }
        }
        return chosen;
    }

    /** Per image, a copy of the logits of the chosen member (n x c). */
    static float[][] select(List<FeatureSet> members, int[] chosen) {
        float[][] out = new float[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            out[i] = members.get(chosen[i]).logits()[i].clone();
        }
        return out;
    }

    private static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (float) a[j];
        }
        return out;
    }

    /** A method without parameters: fitting only checks the holdout and records the members. */
    private record Stateless(String name, Function<List<FeatureSet>, float[][]> combine)
            implements Ensemble {

        @Override
        public FittedEnsemble fit(List<FeatureSet> holdout) {
            Members.checkHoldout(holdout);
            MemberSignature signature = MemberSignature.of(holdout);
            return new Fitted(name, signature, combine);
        }
    }

    private record Fitted(
            String name, MemberSignature signature, Function<List<FeatureSet>, float[][]> combine)
            implements FittedEnsemble {

        @Override
        public float[][] predict(List<FeatureSet> members) {
            signature.check(members, name);
            return combine.apply(members);
        }
    }

    /** The best single member on the holdout. */
    private static final class BestSingle implements Ensemble {

        @Override
        public String name() {
            return "best-single";
        }

        @Override
        public FittedEnsemble fit(List<FeatureSet> holdout) {
            Members.checkHoldout(holdout);
            int best = 0;
            double bestAccuracy = -1;
            for (int m = 0; m < holdout.size(); m++) {
                FeatureSet set = holdout.get(m);
                double accuracy = Members.accuracy(set.logits(), set.labels());
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    best = m;
                }
            }
            int chosen = best;
            MemberSignature signature = MemberSignature.of(holdout);
            return new Fitted(
                    name() + ":" + holdout.get(chosen).backbone(),
                    signature,
                    members -> select(members, filled(members.get(0).size(), chosen)));
        }

        private static int[] filled(int n, int value) {
            int[] a = new int[n];
            java.util.Arrays.fill(a, value);
            return a;
        }
    }
}
