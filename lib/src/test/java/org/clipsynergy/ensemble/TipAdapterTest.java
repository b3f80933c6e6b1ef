package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** Tip-Adapter: the cache's formula, and that it helps where features know more than logits. */
class TipAdapterTest {

    /** Features cluster by class; zero-shot logits are right only 30 % of the time. */
    private static FeatureSet clustered(String split, int n, long seed) {
        FeatureSet base = SyntheticMembers.noisy("b", split, n, 5, 8, seed, 0.3);
        float[][] features = new float[n][];
        for (int i = 0; i < n; i++) {
            features[i] = base.imageFeatures()[i].clone();
            for (int j = 0; j < features[i].length; j++) {
                features[i][j] *= 0.2f;
            }
            features[i][base.labels()[i]] += 1f;
        }
        return SyntheticMembers.set("b", split, features, base.logits(), base.labels());
    }

    @Test
    void adaptedLogitsFollowThePapersFormula() {
        FeatureSet cache = clustered("holdout", 40, 1);
        FeatureSet test = clustered("test", 10, 2);
        TipAdapter adapter = TipAdapter.fit(cache, TipAdapter.Settings.defaults());
        float[][] adapted = adapter.adapt(test);
        for (int i = 0; i < test.size(); i++) {
            double[] expected = new double[5];
            float[] f = unit(test.imageFeatures()[i]);
            for (int j = 0; j < cache.size(); j++) {
                float[] key = unit(cache.imageFeatures()[j]);
                double cos = 0;
                for (int t = 0; t < f.length; t++) {
                    cos += f[t] * key[t];
                }
                expected[cache.labels()[j]] += Math.exp(-adapter.beta() * (1 - cos));
            }
            for (int c = 0; c < 5; c++) {
                assertEquals(
                        test.logits()[i][c] + adapter.alpha() * expected[c], adapted[i][c], 1e-3);
            }
        }
    }

    @Test
    void theCacheFixesWeakZeroShotLogits() {
        FeatureSet cache = clustered("holdout", 80, 3);
        FeatureSet test = clustered("test", 200, 4);
        TipAdapter adapter = TipAdapter.fit(cache, TipAdapter.Settings.defaults());
        double zeroShot = Members.accuracy(test.logits(), test.labels());
        double adapted = Members.accuracy(adapter.adapt(test), test.labels());
        assertTrue(
                zeroShot < 0.5 && adapted > 0.9,
                "zero-shot " + zeroShot + ", tip-adapter " + adapted);
        double single =
                Members.accuracy(
                        new TipAdaptedEnsemble(
                                        StaticEnsembles.bestSingle(),
                                        TipAdapter.Settings.defaults())
                                .fit(List.of(cache))
                                .predict(List.of(test)),
                        test.labels());
        assertEquals(adapted, single, 1e-12);
    }

    @Test
    void controllerOverTipAdapterLogits() {
        List<FeatureSet> holdout = List.of(clustered("holdout", 100, 5));
        List<FeatureSet> test = List.of(clustered("test", 200, 6));
        Ensemble controller =
                new TipAdaptedEnsemble(
                        new NeuralLogitController(ControllerSettings.defaults(1).withMaxSteps(50)),
                        TipAdapter.Settings.defaults());
        assertEquals("tip-adapter+controller", controller.name());
        double accuracy =
                Members.accuracy(controller.fit(holdout).predict(test), test.get(0).labels());
        double zeroShot = Members.accuracy(test.get(0).logits(), test.get(0).labels());
        assertTrue(
                accuracy > zeroShot + 0.3,
                "controller over tip-adapter " + accuracy + ", zero-shot " + zeroShot);
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * (double) x;
        }
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) (v[j] / Math.sqrt(n));
        }
        return out;
    }
}
