package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import org.clipsynergy.data.StratifiedSampler;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The few-shot protocol: for each seed and each budget (k images per class, or a fraction of each
 * class) a labelled holdout is drawn from the training split, every method is fitted on it, and
 * top-1 accuracy is measured on the whole test split.
 *
 * <p>The result is tidy: one row per (method, shots, seed); {@link #summarize(Table)} gives mean
 * and sample standard deviation over seeds.
 */
public final class FewShotExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(FewShotExperiment.class);

    /** The published shot counts. */
    public static final List<Integer> PAPER_SHOTS = List.of(1, 2, 4, 8, 16);

    /**
     * What to run.
     *
     * @param shots images per class, each >= 1
     * @param fractions fractions of each class in (0, 1] (the 10 % alternative is 0.1); may be
     *     empty
     * @param seeds the seeds, one draw of the holdout and one fit per seed
     * @param progress show a progress bar on the console
     */
    public record Settings(
            List<Integer> shots, List<Double> fractions, List<Long> seeds, boolean progress) {

        /** Validates the settings. */
        public Settings {
            shots = List.copyOf(shots);
            fractions = List.copyOf(fractions);
            seeds = List.copyOf(seeds);
            if (shots.stream().anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException(
                        "few-shot settings: shots expected >= 1, got " + shots);
            }
            if (fractions.stream().anyMatch(f -> !(f > 0 && f <= 1))) {
                throw new IllegalArgumentException(
                        "few-shot settings: fractions expected in (0, 1], got " + fractions);
            }
            if (seeds.isEmpty() || shots.isEmpty() && fractions.isEmpty()) {
                throw new IllegalArgumentException(
                        "few-shot settings: expected >= 1 seed and >= 1 budget, got seeds "
                                + seeds
                                + ", shots "
                                + shots
                                + ", fractions "
                                + fractions);
            }
        }

        /** The published protocol: 1, 2, 4, 8, 16 shots and 10 %, seeds 0, 1, 2. */
        public static Settings paper() {
            return new Settings(PAPER_SHOTS, List.of(0.1), List.of(0L, 1L, 2L), true);
        }
    }

    private final List<FeatureSet> train;
    private final List<FeatureSet> test;
    private final List<Ensemble> methods;
    private final Settings settings;

    /**
     * An experiment.
     *
     * @param train training-split members, aligned (holdouts are drawn from these)
     * @param test test-split members, aligned, same order
     * @param methods the ensembles to compare
     * @param settings budgets and seeds
     */
    public FewShotExperiment(
            List<FeatureSet> train,
            List<FeatureSet> test,
            List<Ensemble> methods,
            Settings settings) {
        Members.checkAligned(train, "few-shot train");
        Members.checkAligned(test, "few-shot test");
        if (train.size() != test.size()) {
            throw new IllegalArgumentException(
                    "few-shot: test members expected " + train.size() + ", got " + test.size());
        }
        for (int m = 0; m < train.size(); m++) {
            if (!train.get(m).backbone().equals(test.get(m).backbone())) {
                throw new IllegalArgumentException(
                        "few-shot: test member "
                                + m
                                + " expected "
                                + train.get(m).backbone()
                                + ", got "
                                + test.get(m).backbone());
            }
        }
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.methods = List.copyOf(methods);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs every method on every budget and seed.
     *
     * @return tidy table: method, shots (label, e.g. {@code 4} or {@code 10%}), k (images per class
     *     asked, 0 for a fraction), fraction (0 for k shots), seed, holdout_size, accuracy,
     *     fit_seconds
     */
    public Table run() {
        StringColumn method = StringColumn.create("method");
        StringColumn shots = StringColumn.create("shots");
        IntColumn k = IntColumn.create("k");
        DoubleColumn fraction = DoubleColumn.create("fraction");
        LongColumn seed = LongColumn.create("seed");
        IntColumn holdoutSize = IntColumn.create("holdout_size");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn seconds = DoubleColumn.create("fit_seconds");
        int[] labels = train.get(0).labels();
        int c = train.get(0).numClasses();
        int[] testLabels = test.get(0).labels();
        List<Object> budgets = new ArrayList<>(settings.shots());
        budgets.addAll(settings.fractions());
        long total = (long) budgets.size() * settings.seeds().size() * methods.size();
        long start = System.nanoTime();
        try (ProgressBar bar =
                settings.progress()
                        ? org.clipsynergy.Progress.builder("few-shot", total).build()
                        : null) {
            for (long s : settings.seeds()) {
                for (Object budget : budgets) {
                    int[] rows =
                            budget instanceof Integer shotCount
                                    ? perClass(labels, c, shotCount, s, train.get(0))
                                    : fraction(labels, c, (Double) budget, s);
                    List<FeatureSet> holdout = Members.subset(train, rows);
                    for (Ensemble e : methods) {
                        long t0 = System.nanoTime();
                        FittedEnsemble fitted = e.withSeed(s).fit(holdout);
                        double fit = (System.nanoTime() - t0) / 1e9;
                        double acc = Members.accuracy(fitted.predict(test), testLabels);
                        method.append(e.name());
                        shots.append(
                                budget instanceof Integer
                                        ? budget.toString()
                                        : Math.round((Double) budget * 100) + "%");
                        k.append(budget instanceof Integer i ? i.intValue() : 0);
                        fraction.append(budget instanceof Double f ? f.doubleValue() : 0.0);
                        seed.append(s);
                        holdoutSize.append(rows.length);
                        accuracy.append(acc);
                        seconds.append(fit);
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        LOG.info(
                "few-shot: {} fits ({} methods x {} budgets x {} seeds) in {} s, {} fits/s",
                total,
                methods.size(),
                budgets.size(),
                settings.seeds().size(),
                String.format("%.1f", elapsed),
                String.format("%.2f", total / Math.max(elapsed, 1e-9)));
        return Table.create(
                "few-shot", method, shots, k, fraction, seed, holdoutSize, accuracy, seconds);
    }

    /**
     * Mean and sample standard deviation of accuracy over seeds.
     *
     * @param results a table from {@link #run()}
     * @return method, shots, seeds, mean_accuracy, std_accuracy (one row per method and budget, in
     *     order of first appearance)
     */
    public static Table summarize(Table results) {
        StringColumn method = StringColumn.create("method");
        StringColumn shots = StringColumn.create("shots");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("mean_accuracy");
        DoubleColumn std = DoubleColumn.create("std_accuracy");
        List<String> keys = new ArrayList<>();
        for (int r = 0; r < results.rowCount(); r++) {
            String key =
                    results.stringColumn("method").get(r)
                            + "\u0000"
                            + results.stringColumn("shots").get(r);
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        for (String key : keys) {
            String[] parts = key.split("\u0000");
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < results.rowCount(); r++) {
                if (results.stringColumn("method").get(r).equals(parts[0])
                        && results.stringColumn("shots").get(r).equals(parts[1])) {
                    values.add(results.doubleColumn("accuracy").get(r));
                }
            }
            double m =
                    values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
            method.append(parts[0]);
            shots.append(parts[1]);
            seeds.append(values.size());
            mean.append(m);
            std.append(values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : Double.NaN);
        }
        return Table.create("few-shot summary", method, shots, seeds, mean, std);
    }

    /**
     * k images of every class, drawn by {@link StratifiedSampler#perClass(int[], int, long)} after
     * checking that every class has at least k images.
     *
     * @param labels n labels of the split
     * @param numClasses c
     * @param k images per class
     * @param seed the seed
     * @param origin the split drawn from, named in messages
     * @return sorted row numbers, c k of them
     * @throws IllegalArgumentException if a class has fewer than k images
     */
    public static int[] perClass(
            int[] labels, int numClasses, int k, long seed, FeatureSet origin) {
        int[] counts = Members.classCounts(labels, numClasses);
        for (int y = 0; y < numClasses; y++) {
            if (counts[y] < k) {
                throw new IllegalArgumentException(
                        "few-shot sample of "
                                + origin.dataset()
                                + "/"
                                + origin.split()
                                + ": class "
                                + y
                                + " ('"
                                + origin.classNames().get(y)
                                + "') images expected >= k = "
                                + k
                                + ", got "
                                + counts[y]);
            }
        }
        return StratifiedSampler.perClass(labels, k, seed);
    }

    /**
     * A fraction of every class (rounded half up, at least one image), drawn by {@link
     * StratifiedSampler#fraction(int[], double, long)}.
     *
     * @param labels n labels
     * @param numClasses c (unused by the draw; kept for symmetry with {@link #perClass})
     * @param fraction in (0, 1]
     * @param seed the seed
     * @return sorted row numbers
     */
    public static int[] fraction(int[] labels, int numClasses, double fraction, long seed) {
        return StratifiedSampler.fraction(labels, fraction, seed);
    }
}
