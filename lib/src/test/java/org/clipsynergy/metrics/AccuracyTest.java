package org.clipsynergy.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Hand-worked accuracy cases. */
class AccuracyTest {
    private static final double EXACT = 1e-12;

    // Three classes, four images:
    //   image 0 [2, 1, 0] label 0: rank 0 (right)
    //   image 1 [0, 1, 2] label 1: class 2 scores higher, rank 1 (wrong)
    //   image 2 [1, 1, 0] label 1: tie with class 0, which comes first, rank 1 (wrong)
    //   image 3 [0, 0, 5] label 2: rank 0 (right)
    // top-1 = 2/4; per class: class 0 1/1, class 1 0/2, class 2 1/1 -> mean recall 2/3.
    private static final float[][] THREE_CLASS = {{2, 1, 0}, {0, 1, 2}, {1, 1, 0}, {0, 0, 5}};
    private static final int[] THREE_LABELS = {0, 1, 1, 2};

    // Six classes, three images, ranks of the true class 0, 4 and 5:
    //   image 0 label 0, highest: rank 0 -> right at top-1 and top-5
    //   image 1 [5, 1, 4, 3, 2, 0] label 1, four classes above it: rank 4 -> top-5 only
    //   image 2 [5, 4, 0, 3, 2, 1] label 2, five classes above it: rank 5 -> wrong at both
    // top-1 = 1/3, top-5 = 2/3, mean recall over classes 0, 1, 2 = (1 + 0 + 0) / 3.
    private static final float[][] SIX_CLASS = {
        {9, 1, 1, 1, 1, 1}, {5, 1, 4, 3, 2, 0}, {5, 4, 0, 3, 2, 1}
    };
    private static final int[] SIX_LABELS = {0, 1, 2};

    @Test
    void threeClassesHaveNoTop5() {
        AccuracyScores scores = Accuracy.scores(THREE_CLASS, THREE_LABELS);
        assertEquals(0.5, scores.top1(), EXACT);
        assertTrue(scores.top5().isEmpty());
        assertEquals(2.0 / 3.0, scores.meanPerClassRecall(), EXACT);
        assertEquals(4, scores.images());
        assertEquals(3, scores.classes());
    }

    @Test
    void sixClassesHaveTop5() {
        AccuracyScores scores = Accuracy.scores(SIX_CLASS, SIX_LABELS);
        assertEquals(1.0 / 3.0, scores.top1(), EXACT);
        assertEquals(2.0 / 3.0, scores.top5().getAsDouble(), EXACT);
        assertEquals(1.0 / 3.0, scores.meanPerClassRecall(), EXACT);
    }

    @Test
    void tiesGoToTheEarlierClass() {
        // Image 2 of THREE_CLASS ties classes 0 and 1: wrong at k = 1, right at k = 2.
        assertArrayEquals(
                new boolean[] {true, false, false, true},
                Accuracy.correctAtK(THREE_CLASS, THREE_LABELS, 1));
        assertArrayEquals(
                new boolean[] {true, true, true, true},
                Accuracy.correctAtK(THREE_CLASS, THREE_LABELS, 2));
        // The same tie with the label on the earlier class is right.
        assertTrue(Accuracy.correctAtK(new float[][] {{1, 1, 0}}, new int[] {0}, 1)[0]);
    }

    @Test
    void percentileIntervalInterpolatesLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) = [1.1, 4.9]:
        // positions 0.025 * 4 = 0.1 and 0.975 * 4 = 3.9 between order statistics.
        Interval interval = Bootstrap.percentile95(10, 1).interval(new double[] {5, 3, 1, 4, 2});
        assertEquals(1.1, interval.lower(), EXACT);
        assertEquals(4.9, interval.upper(), EXACT);
    }

    @Test
    void allRightGivesADegenerateInterval() {
        float[][] logits = Fixtures.logitsPredicting(new int[] {0, 1, 2, 0}, 3);
        AccuracyEstimate e = Accuracy.estimate(logits, new int[] {0, 1, 2, 0}, bootstrap(7));
        assertEquals(1.0, e.top1().lower(), EXACT);
        assertEquals(1.0, e.top1().upper(), EXACT);
        assertEquals(1.0, e.meanPerClassRecall().lower(), EXACT);
        assertTrue(e.top5().isEmpty());
    }

    @Test
    void bootstrapIsSeededAndHasTheBinomialWidth() {
        // 2,000 images, 1,400 right: the 95 % interval of a proportion of 0.7 has a width near
        // 2 * 1.96 * sqrt(0.7 * 0.3 / 2000) = 0.0402.
        int n = 2000;
        int[] labels = new int[n];
        int[] predictions = new int[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(6);
            predictions[i] = i < 1400 ? labels[i] : (labels[i] + 1) % 6;
        }
        float[][] logits = Fixtures.logitsPredicting(predictions, 6);
        AccuracyEstimate a = Accuracy.estimate(logits, labels, bootstrap(11));
        AccuracyEstimate b = Accuracy.estimate(logits, labels, bootstrap(11));
        AccuracyEstimate c = Accuracy.estimate(logits, labels, bootstrap(12));

        assertEquals(a, b);
        assertNotEquals(a.top1(), c.top1());
        assertEquals(0.7, a.scores().top1(), EXACT);
        double width = a.top1().upper() - a.top1().lower();
        assertEquals(0.0402, width, 0.006);
        assertTrue(a.top1().lower() < 0.7 && 0.7 < a.top1().upper());
        assertTrue(a.top5().orElseThrow().lower() <= a.scores().top5().getAsDouble());
    }

    @Test
    void tableHasOneRowPerSetAndSeedWithMissingTop5() {
        Table table =
                Accuracy.table(
                        List.of(
                                Fixtures.set("a", "tiny", "test", THREE_CLASS, THREE_LABELS),
                                Fixtures.set("b", "six", "test", SIX_CLASS, SIX_LABELS)),
                        List.of(bootstrap(1), bootstrap(2)));
        assertEquals(4, table.rowCount());
        assertEquals("a", table.stringColumn("backbone").get(0));
        assertEquals(2L, table.longColumn("seed").get(1));
        assertEquals("six", table.stringColumn("dataset").get(2));
        assertEquals("none", table.stringColumn("perturbation").get(2));
        assertEquals(0, table.intColumn("severity").get(2));
        assertEquals(0.5, table.doubleColumn("top1").get(0), EXACT);
        assertTrue(table.doubleColumn("top5").isMissing(0));
        assertTrue(table.doubleColumn("top5_low").isMissing(1));
        assertFalse(table.doubleColumn("top5").isMissing(2));
        assertEquals(2.0 / 3.0, table.doubleColumn("top5").get(3), EXACT);
        assertEquals(2.0 / 3.0, table.doubleColumn("mean_per_class_recall").get(0), EXACT);
        assertEquals(200, table.intColumn("resamples").get(0));

        // Long form: 3 metrics per row, less the two missing top-5 rows of the 3-class set.
        Table longForm = Accuracy.longTable(table);
        assertEquals(4 * 3 - 2, longForm.rowCount());
        assertEquals("mean_per_class_recall", longForm.stringColumn("metric").get(1));
        assertEquals(2.0 / 3.0, longForm.doubleColumn("value").get(1), EXACT);
        assertEquals("top5", longForm.stringColumn("metric").get(5));
        assertEquals(2.0 / 3.0, longForm.doubleColumn("value").get(5), EXACT);
        assertEquals(table.doubleColumn("top5_low").get(2), longForm.doubleColumn("low").get(5), 0);
    }

    private static Bootstrap bootstrap(long seed) {
        return Bootstrap.percentile95(200, seed);
    }
}
