package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The cascade's sweep at its extremes, and the few-shot protocol's bookkeeping. */
class CascadeAndFewShotTest {

    private static List<FeatureSet> members(String split, int n, long seed) {
        return List.of(
                SyntheticMembers.noisy("big", split, n, 5, 4, seed, 0.9),
                SyntheticMembers.noisy("small", split, n, 5, 4, seed + 1, 0.6),
                SyntheticMembers.noisy("medium", split, n, 5, 4, seed + 2, 0.75));
    }

    private static final Map<String, Double> GFLOPS =
            Map.of("big", 10.0, "small", 1.0, "medium", 4.0);

    @Test
    void cascadeRunsCheapFirstAndCostsFollowTheThreshold() {
        List<FeatureSet> h = members("holdout", 200, 1);
        List<FeatureSet> t = members("test", 300, 11);
        Cascade.Fitted fitted = new Cascade(GFLOPS, 0.5).fit(h);
        assertArrayEquals(new int[] {1, 2, 0}, fitted.order());

        Table sweep = Cascade.sweep(fitted, t, new double[] {1e-9, 0.5, 1.0});
        // The lowest threshold stops every image after the cheapest member.
        assertEquals(1.0, sweep.doubleColumn("mean_gflops").get(0), 1e-12);
        assertEquals(
                Members.accuracy(t.get(1).logits(), t.get(0).labels()),
                sweep.doubleColumn("accuracy").get(0),
                1e-12);
        // Threshold 1 (never reached by a softmax of finite logits) runs all three members.
        assertEquals(15.0, sweep.doubleColumn("mean_gflops").get(2), 1e-9);
        double all =
                Members.accuracy(new CalibratedAveraging().fit(h).predict(t), t.get(0).labels());
        assertEquals(all, sweep.doubleColumn("accuracy").get(2), 1e-12);
        double middle = sweep.doubleColumn("mean_gflops").get(1);
        assertTrue(middle > 1 && middle < 15, "cost at threshold 0.5: " + middle);
        double predicted = Members.accuracy(fitted.predict(t), t.get(0).labels());
        assertEquals(sweep.doubleColumn("accuracy").get(1), predicted, 1e-12);
    }

    @Test
    void controllerOnPrefixesOfTheCheapestMembers() {
        List<FeatureSet> h = members("holdout", 100, 2);
        List<FeatureSet> t = members("test", 100, 12);
        Table prefixes =
                Cascade.controllerPrefixes(
                        h, t, GFLOPS, ControllerSettings.defaults(0).withMaxSteps(20));
        assertEquals(3, prefixes.rowCount());
        assertEquals("small+medium", prefixes.stringColumn("members").get(1));
        assertEquals(15.0, prefixes.doubleColumn("gflops").get(2), 1e-12);
    }

    @Test
    void fewShotTableHasOneRowPerMethodBudgetAndSeed() {
        List<FeatureSet> train = members("train", 200, 3);
        List<FeatureSet> test = members("test", 100, 13);
        FewShotExperiment experiment =
                new FewShotExperiment(
                        train,
                        test,
                        List.of(StaticEnsembles.meanOfLogits(), new CalibratedAveraging()),
                        new FewShotExperiment.Settings(
                                List.of(1, 4), List.of(0.1), List.of(0L, 1L, 2L), false));
        Table results = experiment.run();
        assertEquals(2 * 3 * 3, results.rowCount());
        assertEquals(5, results.intColumn("holdout_size").get(0));
        assertEquals("10%", results.stringColumn("shots").get(4));
        assertEquals(20, results.intColumn("holdout_size").get(4));
        // The mean of logits ignores the holdout: the same accuracy for every budget and seed.
        double mean = results.doubleColumn("accuracy").get(0);
        Table summary = FewShotExperiment.summarize(results);
        assertEquals(2 * 3, summary.rowCount());
        assertEquals(mean, summary.doubleColumn("mean_accuracy").get(0), 1e-12);
        assertEquals(0.0, summary.doubleColumn("std_accuracy").get(0), 1e-12);
        assertEquals(3, summary.intColumn("seeds").get(0));
    }

    @Test
    void shotSamplingIsSeededAndStratified() {
        int[] labels = members("train", 50, 4).get(0).labels();
        FeatureSet origin = members("train", 50, 4).get(0);
        int[] a = FewShotExperiment.perClass(labels, 5, 3, 7, origin);
        assertArrayEquals(a, FewShotExperiment.perClass(labels, 5, 3, 7, origin));
        assertEquals(15, a.length);
        int[] counts = new int[5];
        for (int i : a) {
            counts[labels[i]]++;
        }
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, counts);
        assertTrue(
                !java.util.Arrays.equals(a, FewShotExperiment.perClass(labels, 5, 3, 8, origin)));
    }
}
