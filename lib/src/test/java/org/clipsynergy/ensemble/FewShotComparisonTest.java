package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The comparison's bookkeeping on hand-made members whose accuracies, oracle and cascade costs are
 * known by construction, and the method registry.
 */
class FewShotComparisonTest {

    /** Logits that put 5 on {@code predicted[i]} and 0 elsewhere. */
    private static FeatureSet member(String name, int[] labels, int[] predicted) {
        float[][] logits = new float[labels.length][3];
        float[][] features = new float[labels.length][2];
        for (int i = 0; i < labels.length; i++) {
            logits[i][predicted[i]] = 5f;
            features[i][i % 2] = 1f;
        }
        return SyntheticMembers.set(name, "test", features, logits, labels);
    }

    // Ten images; member a is right on images 0-5, b on 4-7, c on none but 9.
    private static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};

    private static List<FeatureSet> threeMembers() {
        int[] a = LABELS.clone();
        int[] b = LABELS.clone();
        int[] c = LABELS.clone();
        for (int i = 0; i < 10; i++) {
            if (i > 5) {
                a[i] = (LABELS[i] + 1) % 3;
            }
            if (i < 4 || i > 7) {
                b[i] = (LABELS[i] + 1) % 3;
            }
            if (i != 9) {
                c[i] = (LABELS[i] + 2) % 3;
            }
        }
        return List.of(member("a", LABELS, a), member("b", LABELS, b), member("c", LABELS, c));
    }

    @Test
    void oracleRowCountsAnyRightMember() {
        Table row = FewShotComparison.oracle("toy", threeMembers());
        assertEquals("a", row.stringColumn("best_member").get(0));
        assertEquals(0.6, row.doubleColumn("best_member_accuracy").getDouble(0), 1e-12);
        assertEquals(
                (0.6 + 0.4 + 0.1) / 3,
                row.doubleColumn("mean_member_accuracy").getDouble(0),
                1e-12);
        // a covers 0-5, b adds 6-7, c adds 9: 9 of 10.
        assertEquals(0.9, row.doubleColumn("oracle_accuracy").getDouble(0), 1e-12);
        assertEquals(0.3, row.doubleColumn("headroom").getDouble(0), 1e-12);
    }

    @Test
    void headroomIsTheShareBetweenBestSingleAndOracle() {
        Table summary =
                Table.create(
                        "s",
                        StringColumn.create("dataset", "toy", "toy", "toy", "toy"),
                        StringColumn.create(
                                "method", "best-single", "controller", "best-single", "controller"),
                        StringColumn.create("shots", "1", "1", "16", "16"),
                        DoubleColumn.create("mean_accuracy", 0.6, 0.75, 0.7, 0.6),
                        DoubleColumn.create("std_accuracy", 0.0, 0.01, 0.0, 0.02));
        Table oracle = FewShotComparison.oracle("toy", threeMembers());
        Table h = FewShotComparison.headroom(summary, oracle);
        assertEquals(2, h.rowCount());
        assertEquals(0.5, h.doubleColumn("recovered").getDouble(0), 1e-12);
        assertEquals(-0.5, h.doubleColumn("recovered").getDouble(1), 1e-12);
        assertEquals(0.7, h.doubleColumn("best_single").getDouble(1), 1e-12);

        Table wide = FewShotComparison.wide(summary, "toy", 1);
        assertEquals(List.of("method", "k=1", "k=16"), wide.columnNames());
        assertEquals("75.0 ± 1.0", wide.stringColumn("k=1").get(1));
        assertEquals(List.of("1", "16"), FewShotComparison.budgets(summary));
        assertThrows(
                IllegalArgumentException.class,
                () -> FewShotComparison.headroom(summary.dropRows(0), oracle));
    }

    @Test
    void runAndSummarizeKeepDatasetsApart() {
        List<FeatureSet> train =
                List.of(
                        SyntheticMembers.noisy("x", "train", 60, 3, 4, 1, 0.9),
                        SyntheticMembers.noisy("y", "train", 60, 3, 4, 2, 0.5));
        List<FeatureSet> test =
                List.of(
                        SyntheticMembers.noisy("x", "test", 90, 3, 4, 3, 0.9),
                        SyntheticMembers.noisy("y", "test", 90, 3, 4, 4, 0.5));
        var settings =
                new FewShotExperiment.Settings(List.of(2), List.of(), List.of(0L, 1L), false);
        List<Ensemble> methods = EnsembleMethods.of(List.of("best-single", "mean-logits"), 0);
        Table one = FewShotComparison.run("one", train, test, methods, settings);
        Table two = FewShotComparison.run("two", train, test, methods, settings);
        Table summary = FewShotComparison.summarize(one.append(two));
        assertEquals(4, summary.rowCount());
        assertEquals("dataset", summary.columnNames().get(0));
        assertEquals(2, summary.intColumn("seeds").get(0));
        // The best single member on a 2-shot holdout is x, whose test accuracy the row reports.
        assertEquals(
                Members.accuracy(test.get(0).logits(), test.get(0).labels()),
                summary.doubleColumn("mean_accuracy").getDouble(0),
                1e-12);

        List<FeatureSet> holdout = FewShotComparison.holdout(train, 4, 7);
        assertEquals(12, holdout.get(0).size());
        assertEquals(holdout.get(0).labels()[5], holdout.get(1).labels()[5]);
    }

    @Test
    void temperaturesDescribeEveryMember() {
        List<FeatureSet> h = SyntheticMembers.halves(80, 3, 4, 5, "holdout");
        NeuralLogitController.Fitted fitted =
                new NeuralLogitController(ControllerSettings.defaults(3).withMaxSteps(20)).fit(h);
        Table t = FewShotComparison.temperatures("toy", fitted, h);
        assertEquals(h.size(), t.rowCount());
        double shares = 0;
        double lowest = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(t.doubleColumn("mean_temperature").getDouble(r) > 0);
            shares += t.doubleColumn("weight_share").getDouble(r);
            lowest += t.doubleColumn("lowest_share").getDouble(r);
        }
        assertEquals(1.0, shares, 1e-6);
        assertEquals(1.0, lowest, 1e-9);
        float[][] raw = fitted.temperatures(h);
        double mean0 = 0;
        for (float[] row : raw) {
            mean0 += row[0] / raw.length;
        }
        assertEquals(mean0, t.doubleColumn("mean_temperature").getDouble(0), 1e-5);
    }

    @Test
    void methodNamesMatchTheMethods() {
        for (String name : EnsembleMethods.ALL) {
            assertEquals(name, EnsembleMethods.byName(name, 0).name());
        }
        assertThrows(IllegalArgumentException.class, () -> EnsembleMethods.byName("nope", 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> EnsembleMethods.of(List.of("router", "router"), 0));
    }

    @Test
    void cascadeSavingsFindTheCheapestThresholdAsAccurate() {
        List<FeatureSet> test = threeMembers();
        Map<String, Double> gflops = Map.of("a", 4.0, "b", 1.0, "c", 2.0);
        Table singles = CascadeReport.singles("toy", test, gflops);
        assertEquals(List.of("b", "c", "a"), singles.stringColumn("backbone").asList());
        assertEquals(0.6, singles.doubleColumn("accuracy").getDouble(2), 1e-12);
        Table sweep =
                Table.create(
                        "sweep",
                        DoubleColumn.create("threshold", 0.5, 0.9, 1.0),
                        DoubleColumn.create("accuracy", 0.4, 0.65, 0.7),
                        DoubleColumn.create("mean_gflops", 1.0, 2.5, 7.0));
        Table s = CascadeReport.savings(singles, sweep);
        // b (0.4 at 1 GFLOP): the 0.5 threshold matches it at the same cost.
        assertEquals(0.0, s.doubleColumn("gflops_saved").getDouble(0), 1e-12);
        // a (0.6 at 4 GFLOPs): threshold 0.9 reaches 0.65 at 2.5 GFLOPs, 37.5 % saved.
        assertEquals(0.9, s.doubleColumn("cascade_threshold").getDouble(2), 1e-12);
        assertEquals(1 - 2.5 / 4, s.doubleColumn("gflops_saved").getDouble(2), 1e-12);
        Table unreachable =
                CascadeReport.savings(
                        singles,
                        Table.create(
                                "sweep",
                                DoubleColumn.create("threshold", 1.0),
                                DoubleColumn.create("accuracy", 0.3),
                                DoubleColumn.create("mean_gflops", 7.0)));
        assertTrue(Double.isNaN(unreachable.doubleColumn("gflops_saved").getDouble(2)));
    }
}
