package org.clipsynergy.metrics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Classification accuracy from logits: top-1, top-5 and mean per-class recall (balanced accuracy,
 * as reported by the CLIP benchmark harness), with seeded bootstrap percentile intervals.
 *
 * <p>Ranks break ties by class index, like a stable descending sort: the true class y of an image
 * ranks r = #{j : s_j > s_y} + #{j < y : s_j = s_y}, and the image counts as right at top-k when r
 * < k. Top-1 is thus right exactly when the first arg-max is the true class.
 */
public final class Accuracy {
    /** The k of top-5 accuracy. */
    public static final int TOP5 = 5;

    private static final Logger LOG = LoggerFactory.getLogger(Accuracy.class);

    private Accuracy() {}

    /**
     * Whether each image's true class is among its k highest logits.
     *
     * @param logits n x c logits, one row per image, all finite
     * @param labels n true labels in [0, c)
     * @param k how many top classes count, 1 <= k <= c
     * @return n flags, true where right
     */
    public static boolean[] correctAtK(float[][] logits, int[] labels, int k) {
        int c = Checks.logitsAndLabels(logits, labels, "accuracy");
        if (k < 1 || k > c) {
            throw new IllegalArgumentException(
                    "accuracy: k expected in [1, " + c + "] (the classes), got " + k);
        }
        boolean[] right = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            right[i] = rank(logits[i], labels[i]) < k;
        }
        return right;
    }

    /**
     * Top-1, top-5 and mean per-class recall on all images.
     *
     * @param logits n x c logits, one row per image, all finite
     * @param labels n true labels in [0, c)
     * @return the scores; top-5 is empty when c < 5
     */
    public static AccuracyScores scores(float[][] logits, int[] labels) {
        int c = Checks.logitsAndLabels(logits, labels, "accuracy");
        int[] ranks = ranks(logits, labels);
        int n = labels.length;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return statistics(ranks, labels, c, all);
    }

    /**
     * Point estimates with bootstrap percentile intervals, resampling images with replacement.
     *
     * @param logits n x c logits, one row per image, all finite
     * @param labels n true labels in [0, c)
     * @param bootstrap resamples, seed and level
     * @return the estimates; the top-5 interval is empty when c < 5
     */
    public static AccuracyEstimate estimate(float[][] logits, int[] labels, Bootstrap bootstrap) {
        int c = Checks.logitsAndLabels(logits, labels, "accuracy");
        int n = labels.length;
        int[] ranks = ranks(logits, labels);
        AccuracyScores point = scores(logits, labels);

        int b = bootstrap.resamples();
        double[] top1 = new double[b];
        double[] top5 = new double[b];
        double[] recall = new double[b];
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        int[] sample = new int[n];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            AccuracyScores s = statistics(ranks, labels, c, sample);
            top1[r] = s.top1();
            top5[r] = s.top5().orElse(Double.NaN);
            recall[r] = s.meanPerClassRecall();
        }
        Optional<Interval> top5Interval =
                point.top5().isPresent() ? Optional.of(bootstrap.interval(top5)) : Optional.empty();
        return new AccuracyEstimate(
                point,
                bootstrap.interval(top1),
                top5Interval,
                bootstrap.interval(recall),
                bootstrap);
    }

    /**
     * One row per (backbone, dataset, split, perturbation, severity, seed): the point estimates and
     * bootstrap intervals of each feature set's logits, for each bootstrap setting.
     *
     * <p>Columns: backbone, dataset, split, perturbation (strings), severity, seed, images,
     * classes, resamples, then top1, top1_low, top1_high, top5, top5_low, top5_high,
     * mean_per_class_recall, mean_per_class_recall_low, mean_per_class_recall_high (shares in [0,
     * 1]; top-5 cells are missing below five classes) and level.
     *
     * @param sets the feature sets, each scored on its own
     * @param bootstraps one setting per seed wanted
     * @return the table named "accuracy"
     */
    public static Table table(List<FeatureSet> sets, List<Bootstrap> bootstraps) {
        if (bootstraps.isEmpty()) {
            throw new IllegalArgumentException("accuracy: bootstraps expected >= 1, got 0");
        }
        long start = System.nanoTime();
        AccuracyTable table = new AccuracyTable();
        for (FeatureSet set : sets) {
            String source = "accuracy of " + set.backbone() + " on " + set.dataset();
            Checks.logitsAndLabels(set.logits(), set.labels(), source);
            for (Bootstrap bootstrap : bootstraps) {
                table.add(set, estimate(set.logits(), set.labels(), bootstrap));
            }
        }
        LOG.info(
                "scored {} feature sets x {} seeds in {} ms",
                sets.size(),
                bootstraps.size(),
                (System.nanoTime() - start) / 1_000_000);
        return table.table;
    }

    /**
     * {@link #table(List, List)} for one bootstrap setting.
     *
     * @param sets the feature sets
     * @param bootstrap resamples, seed and level
     * @return the table named "accuracy"
     */
    public static Table table(List<FeatureSet> sets, Bootstrap bootstrap) {
        return table(sets, List.of(bootstrap));
    }

    /** The metrics of {@link #longTable}, each with its value column in {@link #table}. */
    private static final List<String> METRICS = List.of("top1", "top5", "mean_per_class_recall");

    /**
     * The same results in long form, one row per (backbone, dataset, split, perturbation, severity,
     * seed, metric): columns backbone, dataset, split, perturbation, severity, seed, images, metric
     * (top1, top5, mean_per_class_recall), value, low, high. Top-5 rows whose value is missing
     * (fewer than five classes) are left out.
     *
     * @param wide a table made by {@link #table(List, List)}
     * @return the table named "accuracy (long)"
     */
    public static Table longTable(Table wide) {
        StringColumn backbone = StringColumn.create("backbone");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn split = StringColumn.create("split");
        StringColumn perturbation = StringColumn.create("perturbation");
        IntColumn severity = IntColumn.create("severity");
        LongColumn seed = LongColumn.create("seed");
        IntColumn images = IntColumn.create("images");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        for (int row = 0; row < wide.rowCount(); row++) {
            for (String name : METRICS) {
                if (wide.doubleColumn(name).isMissing(row)) {
                    continue;
                }
                backbone.append(wide.stringColumn("backbone").get(row));
                dataset.append(wide.stringColumn("dataset").get(row));
                split.append(wide.stringColumn("split").get(row));
                perturbation.append(wide.stringColumn("perturbation").get(row));
                severity.append(wide.intColumn("severity").get(row));
                seed.append(wide.longColumn("seed").get(row));
                images.append(wide.intColumn("images").get(row));
                metric.append(name);
                value.append(wide.doubleColumn(name).get(row));
                low.append(wide.doubleColumn(name + "_low").get(row));
                high.append(wide.doubleColumn(name + "_high").get(row));
            }
        }
        return Table.create(
                "accuracy (long)",
                backbone,
                dataset,
                split,
                perturbation,
                severity,
                seed,
                images,
                metric,
                value,
                low,
                high);
    }

    /** The 0-based rank of the true class, ties broken by class index. */
    static int rank(float[] scores, int label) {
        float truth = scores[label];
        int rank = 0;
        for (int j = 0; j < scores.length; j++) {
            if (scores[j] > truth || (scores[j] == truth && j < label)) {
                rank++;
            }
        }
        return rank;
    }

    private static int[] ranks(float[][] logits, int[] labels) {
        int[] ranks = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ranks[i] = rank(logits[i], labels[i]);
        }
        return ranks;
    }

    /** Scores of the images listed in sample (repeats allowed). */
    private static AccuracyScores statistics(int[] ranks, int[] labels, int c, int[] sample) {
        int top1 = 0;
        int top5 = 0;
        int[] perClass = new int[c];
        int[] perClassRight = new int[c];
        for (int i : sample) {
            boolean right = ranks[i] == 0;
            top1 += right ? 1 : 0;
            top5 += ranks[i] < TOP5 ? 1 : 0;
            perClass[labels[i]]++;
            perClassRight[labels[i]] += right ? 1 : 0;
        }
        double recallSum = 0;
        int present = 0;
        for (int k = 0; k < c; k++) {
            if (perClass[k] > 0) {
                recallSum += (double) perClassRight[k] / perClass[k];
                present++;
            }
        }
        int n = sample.length;
        OptionalDouble top5Share =
                c >= TOP5 ? OptionalDouble.of((double) top5 / n) : OptionalDouble.empty();
        return new AccuracyScores((double) top1 / n, top5Share, recallSum / present, n, c);
    }

    /** The columns of {@link #table(List, List)}. */
    private static final class AccuracyTable {
        final StringColumn backbone = StringColumn.create("backbone");
        final StringColumn dataset = StringColumn.create("dataset");
        final StringColumn split = StringColumn.create("split");
        final StringColumn perturbation = StringColumn.create("perturbation");
        final IntColumn severity = IntColumn.create("severity");
        final LongColumn seed = LongColumn.create("seed");
        final IntColumn images = IntColumn.create("images");
        final IntColumn classes = IntColumn.create("classes");
        final IntColumn resamples = IntColumn.create("resamples");
        final DoubleColumn top1 = DoubleColumn.create("top1");
        final DoubleColumn top1Low = DoubleColumn.create("top1_low");
        final DoubleColumn top1High = DoubleColumn.create("top1_high");
        final DoubleColumn top5 = DoubleColumn.create("top5");
        final DoubleColumn top5Low = DoubleColumn.create("top5_low");
        final DoubleColumn top5High = DoubleColumn.create("top5_high");
        final DoubleColumn recall = DoubleColumn.create("mean_per_class_recall");
        final DoubleColumn recallLow = DoubleColumn.create("mean_per_class_recall_low");
        final DoubleColumn recallHigh = DoubleColumn.create("mean_per_class_recall_high");
        final DoubleColumn level = DoubleColumn.create("level");
        final Table table =
                Table.create(
                        "accuracy",
                        backbone,
                        dataset,
                        split,
                        perturbation,
                        severity,
                        seed,
                        images,
                        classes,
                        resamples,
                        top1,
                        top1Low,
                        top1High,
                        top5,
                        top5Low,
                        top5High,
                        recall,
                        recallLow,
                        recallHigh,
                        level);

        void add(FeatureSet set, AccuracyEstimate e) {
            backbone.append(set.backbone());
            dataset.append(set.dataset());
            split.append(set.split());
            perturbation.append(set.perturbation());
            severity.append(set.severity());
            seed.append(e.bootstrap().seed());
            images.append(e.scores().images());
            classes.append(e.scores().classes());
            resamples.append(e.bootstrap().resamples());
            top1.append(e.scores().top1());
            top1Low.append(e.top1().lower());
            top1High.append(e.top1().upper());
            if (e.scores().top5().isPresent()) {
                top5.append(e.scores().top5().getAsDouble());
                top5Low.append(e.top5().orElseThrow().lower());
                top5High.append(e.top5().orElseThrow().upper());
            } else {
                top5.appendMissing();
                top5Low.appendMissing();
                top5High.appendMissing();
            }
            recall.append(e.scores().meanPerClassRecall());
            recallLow.append(e.meanPerClassRecall().lower());
            recallHigh.append(e.meanPerClassRecall().upper());
            level.append(e.bootstrap().level());
        }
    }
}
