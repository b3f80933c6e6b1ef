package org.clipsynergy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Hand-worked robustness tables: two backbones (A the reference, B), four images, two corruptions
 * at two severities, with the number of right images chosen per set.
 *
 * <pre>
 * right of 4    clean  fog1  fog2  noise1  noise2
 * A               4     3     2      2       1      errors 0, .25, .5, .5, .75
 * B               3     3     3      1       0      errors .25, .25, .25, .75, 1
 * CE(B, fog)   = (.25 + .25) / (.25 + .5)   = 2/3      relative: 0 / .75      = 0
 * CE(B, noise) = (.75 + 1) / (.5 + .75)     = 1.4      relative: 1.25 / 1.25  = 1
 * mCE(B) = (2/3 + 1.4) / 2 = 31/30          relative mCE(B) = 0.5
 * </pre>
 */
class RobustnessTableTest {

    private static final int[] LABELS = {0, 1, 0, 1};
    private static final double EPS = 1e-12;

    /** A feature set whose first {@code right} images are classified right, the others wrong. */
    static FeatureSet set(String backbone, String corruption, int severity, int right) {
        return set(backbone, "toy", corruption, severity, right, LABELS);
    }

    static FeatureSet set(
            String backbone, String dataset, String corruption, int severity, int right, int[] y) {
        int n = y.length;
        float[][] logits = new float[n][2];
        float[][] features = new float[n][1];
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            logits[i][i < right ? y[i] : 1 - y[i]] = 1f;
            features[i][0] = 1f;
            indices[i] = i;
        }
        return new FeatureSet(
                backbone,
                dataset,
                "test",
                corruption,
                severity,
                List.of("zero", "one"),
                features,
                logits,
                y.clone(),
                indices);
    }

    static List<FeatureSet> grid() {
        List<FeatureSet> sets = new ArrayList<>();
        sets.add(set("A", FeatureSet.CLEAN, 0, 4));
        sets.add(set("A", "fog", 1, 3));
        sets.add(set("A", "fog", 2, 2));
        sets.add(set("A", "noise", 1, 2));
        sets.add(set("A", "noise", 2, 1));
        sets.add(set("B", "noise", 2, 0));
        sets.add(set("B", "noise", 1, 1));
        sets.add(set("B", FeatureSet.CLEAN, 0, 3));
        sets.add(set("B", "fog", 1, 3));
        sets.add(set("B", "fog", 2, 3));
        return sets;
    }

    @Test
    void accuracyAndDropPerBackboneCorruptionSeverity() {
        Table t = RobustnessTable.accuracy(grid());
        assertEquals(10, t.rowCount());
        // Rows: per backbone in first-seen order, clean first, then corruption and severity.
        assertEquals(
                List.of("A", "A", "A", "A", "A", "B", "B", "B", "B", "B"),
                t.stringColumn("backbone").asList());
        assertEquals(
                List.of("none", "fog", "fog", "noise", "noise"),
                t.stringColumn("corruption").asList().subList(5, 10));
        double[] acc = t.doubleColumn("accuracy").asDoubleArray();
        double[] drop = t.doubleColumn("drop").asDoubleArray();
        double[] wantAcc = {1, .75, .5, .5, .25, .75, .75, .75, .25, 0};
        double[] wantDrop = {0, .25, .5, .5, .75, 0, 0, 0, .5, .75};
        for (int i = 0; i < 10; i++) {
            assertEquals(wantAcc[i], acc[i], EPS, "accuracy row " + i);
            assertEquals(wantDrop[i], drop[i], EPS, "drop row " + i);
            assertEquals(1 - wantAcc[i], t.doubleColumn("error").get(i), EPS, "error row " + i);
        }
        assertEquals(4, t.intColumn("images").get(0));
        assertEquals("toy", t.stringColumn("dataset").get(3));
    }

    @Test
    void corruptionErrorsAgainstReference() {
        Table t = RobustnessTable.corruptionErrors(grid(), "A");
        assertEquals(4, t.rowCount());
        // A: fog, noise; B: fog, noise.
        assertEquals(1.0, t.doubleColumn("ce").get(0), EPS);
        assertEquals(1.0, t.doubleColumn("relative_ce").get(1), EPS);
        assertEquals("fog", t.stringColumn("corruption").get(2));
        assertEquals(2.0 / 3.0, t.doubleColumn("ce").get(2), EPS);
        assertEquals(0.0, t.doubleColumn("relative_ce").get(2), EPS);
        assertEquals(1.4, t.doubleColumn("ce").get(3), EPS);
        assertEquals(1.0, t.doubleColumn("relative_ce").get(3), EPS);
        assertEquals(1.75, t.doubleColumn("error_sum").get(3), EPS);
        assertEquals(2, t.intColumn("severities").get(3));
    }

    @Test
    void meanCorruptionErrors() {
        Table t = RobustnessTable.meanCorruptionErrors(grid(), "A");
        assertEquals(List.of("A", "B"), t.stringColumn("backbone").asList());
        assertEquals(1.0, t.doubleColumn("mce").get(0), EPS);
        assertEquals(1.0, t.doubleColumn("relative_mce").get(0), EPS);
        assertEquals(31.0 / 30.0, t.doubleColumn("mce").get(1), EPS);
        assertEquals(0.5, t.doubleColumn("relative_mce").get(1), EPS);
        assertEquals(0.25, t.doubleColumn("clean_error").get(1), EPS);
        assertEquals(2, t.intColumn("corruptions").get(1));

        // Against B instead, A's fog CE is (.25 + .5) / (.25 + .25) = 1.5, noise 1.25 / 1.75.
        Table againstB = RobustnessTable.meanCorruptionErrors(grid(), "B");
        assertEquals((1.5 + 1.25 / 1.75) / 2, againstB.doubleColumn("mce").get(0), EPS);
        // A's relative fog CE has denominator 0 for B (B loses nothing under fog): missing.
        assertTrue(againstB.doubleColumn("relative_mce").isMissing(0));
    }

    @Test
    void rejectsSetsWithoutCleanImages() {
        List<FeatureSet> sets = grid();
        sets.remove(7);
        var e = assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(sets));
        assertTrue(e.getMessage().contains("B expected a clean feature set"), e.getMessage());
    }

    @Test
    void rejectsDuplicates() {
        List<FeatureSet> sets = grid();
        sets.add(set("B", "fog", 1, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(sets));
        assertTrue(e.getMessage().contains("B has two feature sets for fog at severity 1"));
    }

    @Test
    void rejectsMixedDatasetsAndImages() {
        List<FeatureSet> sets = grid();
        sets.add(set("C", "other", FeatureSet.CLEAN, 0, 1, LABELS));
        var e = assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(sets));
        assertTrue(e.getMessage().contains("dataset/split expected toy/test"), e.getMessage());

        List<FeatureSet> shuffled = grid();
        shuffled.add(set("C", "toy", FeatureSet.CLEAN, 0, 1, new int[] {1, 0, 0, 1}));
        e = assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(shuffled));
        assertTrue(e.getMessage().contains("images expected the same 4 labels"), e.getMessage());
    }

    @Test
    void rejectsUnknownReferenceAndMismatchedSeverities() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RobustnessTable.corruptionErrors(grid(), "Z"));
        assertTrue(e.getMessage().contains("expected one of [A, B], got \"Z\""), e.getMessage());

        List<FeatureSet> sets = grid();
        sets.add(set("B", "fog", 3, 1));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RobustnessTable.corruptionErrors(sets, "A"));
        assertTrue(
                e.getMessage().contains("expected those of the reference A [1, 2], got [1, 2, 3]"),
                e.getMessage());

        List<FeatureSet> missing = grid();
        missing.remove(9);
        missing.remove(8);
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RobustnessTable.corruptionErrors(missing, "A"));
        assertTrue(e.getMessage().contains("missing [fog]"), e.getMessage());
    }

    @Test
    void rejectsEmptyInputAndNonFiniteLogits() {
        assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(List.of()));
        List<FeatureSet> sets = grid();
        sets.get(1).logits()[2][0] = Float.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> RobustnessTable.accuracy(sets));
        assertTrue(e.getMessage().contains("expected a finite number, got NaN"), e.getMessage());
    }
}
