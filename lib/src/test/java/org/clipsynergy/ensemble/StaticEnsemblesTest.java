package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of the static ensembles and of temperature scaling. */
class StaticEnsemblesTest {

    /** Members with one image each (label 0), the given logits and a 2-d feature. */
    static List<FeatureSet> members(float[]... logitsPerMember) {
        List<FeatureSet> out = new ArrayList<>();
        for (int m = 0; m < logitsPerMember.length; m++) {
            out.add(
                    SyntheticMembers.set(
                            "m" + m,
                            "test",
                            new float[][] {{1, 0}},
                            new float[][] {logitsPerMember[m]},
                            new int[] {0}));
        }
        return out;
    }

    @Test
    void threeWayVoteTieGoesToTheLargestSummedProbability() {
        // Votes 1/1/1. Softmax of [2,0,0] = [.787,.107,.107], of [0,1,0] = [.212,.576,.212],
        // of [0,0,1] = [.212,.212,.576]; summed: class 0 1.211, classes 1 and 2 0.894.
        List<FeatureSet> m =
                members(new float[] {2, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1});
        float[] scores = StaticEnsembles.vote(m)[0];
        assertEquals(0, Members.argmax(scores));
        assertEquals(1 + 1.2107 / 4, scores[0], 1e-3);
        assertEquals(1 + 0.8946 / 4, scores[1], 1e-3);
    }

    @Test
    void twoVotesBeatOneConfidentMember() {
        // Two members vote class 1 with softmax [.162,.440,.398]; one votes class 0 with .9999.
        // Summed probability would pick class 0 (1.32 against 0.88); the vote picks class 1.
        List<FeatureSet> m =
                members(new float[] {0, 1, 0.9f}, new float[] {0, 1, 0.9f}, new float[] {10, 0, 0});
        assertEquals(1, Members.argmax(StaticEnsembles.vote(m)[0]));
        assertEquals(0, Members.argmax(StaticEnsembles.meanProbabilities(m)[0]));
    }

    @Test
    void mostConfidentAndLowestEntropyCanDisagree() {
        // Member 0: p = [.6, .4, ~0, ~0], top .6, entropy .673 nats.
        // Member 1: p = [.65, .1167, .1167, .1167], top .65, entropy 1.031 nats.
        float tiny = (float) Math.log(1e-9);
        float[] a = {(float) Math.log(0.6), (float) Math.log(0.4), tiny, tiny};
        float third = (float) Math.log(0.35 / 3);
        float[] b = {(float) Math.log(0.65), third, third, third};
        List<FeatureSet> m = members(a, b);
        assertArrayEquals(new int[] {1}, StaticEnsembles.mostConfidentMember(m));
        assertArrayEquals(new int[] {0}, StaticEnsembles.lowestEntropyMember(m));
        // Fitting needs every class in the holdout; this one-image case calls the choice directly.
        assertArrayEquals(b, StaticEnsembles.select(m, new int[] {1})[0], 0f);
        assertEquals(0.673, Members.entropy(Members.softmax(a, 1)), 1e-3);
        assertEquals(1.031, Members.entropy(Members.softmax(b, 1)), 1e-3);
    }

    @Test
    void meansOfLogitsAndProbabilities() {
        List<FeatureSet> m = members(new float[] {1, 3}, new float[] {3, -1});
        assertArrayEquals(new float[] {2, 1}, StaticEnsembles.meanLogits(m)[0], 1e-6f);
        // softmax [1,3] = [.1192,.8808]; softmax [3,-1] = [.9820,.0180]; mean [.5506,.4494].
        float[] logMean = StaticEnsembles.meanProbabilities(m)[0];
        assertEquals(Math.log(0.55061), logMean[0], 1e-4);
        assertEquals(Math.log(0.44939), logMean[1], 1e-4);
    }

    @Test
    void bestSinglePicksTheMoreAccurateMember() {
        List<FeatureSet> h = new ArrayList<>();
        h.add(SyntheticMembers.noisy("weak", "holdout", 100, 5, 4, 1, 0.3));
        h.add(SyntheticMembers.noisy("strong", "holdout", 100, 5, 4, 2, 0.9));
        FittedEnsemble fitted = StaticEnsembles.bestSingle().fit(h);
        assertEquals("best-single:strong", fitted.name());
        assertArrayEquals(h.get(1).logits()[7], fitted.predict(h)[7], 0f);
    }

    @Test
    void temperatureScalingRecoversTheTemperatureOfSampledLabels() {
        // Labels drawn from softmax(z / 2): the NLL-minimising temperature of z is near 2.
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int n = 4000;
        float[][] logits = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            logits[i] =
                    SyntheticMembers.noisy("x", "x", 1, 4, 2, random.nextLong(), 1.0).logits()[0];
            double[] p = Members.softmax(logits[i], 2.0);
            double u = random.nextDouble();
            int y = 0;
            for (double acc = p[0]; acc < u && y < 3; acc += p[++y]) {}
            labels[i] = y;
        }
        assertEquals(2.0, TemperatureScaling.fit(logits, labels), 0.2);
    }
}
