package org.clipsynergy.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.clipsynergy.features.FeatureSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Robustness to image corruptions from the feature cache: top-1 accuracy per backbone, corruption
 * and severity with its drop from clean images, and the corruption errors of Hendrycks and
 * Dietterich ("Benchmarking Neural Network Robustness to Common Corruptions and Perturbations",
 * ICLR 2019) relative to a reference backbone.
 *
 * <p>With E(f, c, s) the top-1 error of backbone f under corruption c at severity s and E(f) its
 * clean error, the corruption error is CE(f, c) = sum_s E(f, c, s) / sum_s E(ref, c, s), the
 * relative corruption error is sum_s (E(f, c, s) - E(f)) / sum_s (E(ref, c, s) - E(ref)), and mCE
 * and relative mCE are their means over corruptions (the paper reports them as percentages; these
 * tables keep fractions, so the reference backbone scores 1). A ratio whose denominator is zero (a
 * reference that makes no error, or loses nothing, under a corruption) is NaN, which a tablesaw
 * column shows as missing; a mean over corruptions with one of them missing is missing too.
 *
 * <p>Input: one {@link FeatureSet} per (backbone, perturbation, severity) of one dataset split, the
 * clean one ({@link FeatureSet#CLEAN}, severity 0) included for every backbone, all over the same
 * images in the same order.
 */
public final class RobustnessTable {

    private RobustnessTable() {}

    /**
     * Accuracy per backbone, corruption and severity with the drop from clean.
     *
     * @param sets feature sets of one dataset split: clean and corrupted, for each backbone
     * @return one row per set, clean rows first for each backbone: backbone, dataset, split,
     *     corruption, severity, images, accuracy, error, clean_accuracy, drop (clean_accuracy -
     *     accuracy)
     * @throws IllegalArgumentException if the sets mix datasets, splits or images, repeat a
     *     (backbone, corruption, severity), lack a backbone's clean set, or hold bad logits
     */
    public static Table accuracy(Collection<FeatureSet> sets) {
        Grid grid = Grid.of(sets);
        Table t =
                Table.create(
                        "robustness accuracy",
                        StringColumn.create("backbone"),
                        StringColumn.create("dataset"),
                        StringColumn.create("split"),
                        StringColumn.create("corruption"),
                        IntColumn.create("severity"),
                        IntColumn.create("images"),
                        DoubleColumn.create("accuracy"),
                        DoubleColumn.create("error"),
                        DoubleColumn.create("clean_accuracy"),
                        DoubleColumn.create("drop"));
        for (String backbone : grid.backbones()) {
            double clean = grid.accuracy(backbone, FeatureSet.CLEAN, 0);
            for (Key key : grid.keys(backbone)) {
                double acc = grid.accuracy(backbone, key.corruption, key.severity);
                t.stringColumn("backbone").append(backbone);
                t.stringColumn("dataset").append(grid.dataset);
                t.stringColumn("split").append(grid.split);
                t.stringColumn("corruption").append(key.corruption);
                t.intColumn("severity").append(key.severity);
                t.intColumn("images").append(grid.images);
                t.doubleColumn("accuracy").append(acc);
                t.doubleColumn("error").append(1 - acc);
                t.doubleColumn("clean_accuracy").append(clean);
                t.doubleColumn("drop").append(clean - acc);
            }
        }
        return t;
    }

    /**
     * Corruption error and relative corruption error of each backbone on each corruption,
     * normalised by a reference backbone (Hendrycks and Dietterich 2019).
     *
     * @param sets as for {@link #accuracy(Collection)}
     * @param reference the backbone whose errors normalise the others (it scores 1)
     * @return one row per backbone and corruption: backbone, corruption, severities, error_sum, ce,
     *     relative_ce
     * @throws IllegalArgumentException as {@link #accuracy(Collection)}, and when the reference is
     *     missing or a backbone's severities for a corruption differ from the reference's
     */
    public static Table corruptionErrors(Collection<FeatureSet> sets, String reference) {
        Grid grid = Grid.of(sets);
        grid.checkAgainst(reference);
        Table t =
                Table.create(
                        "corruption errors against " + reference,
                        StringColumn.create("backbone"),
                        StringColumn.create("corruption"),
                        IntColumn.create("severities"),
                        DoubleColumn.create("error_sum"),
                        DoubleColumn.create("ce"),
                        DoubleColumn.create("relative_ce"));
        for (String backbone : grid.backbones()) {
            for (Map.Entry<String, List<Integer>> e : grid.corruptions(backbone).entrySet()) {
                String corruption = e.getKey();
                double[] own = grid.errorSums(backbone, corruption, e.getValue());
                double[] ref = grid.errorSums(reference, corruption, e.getValue());
                t.stringColumn("backbone").append(backbone);
                t.stringColumn("corruption").append(corruption);
                t.intColumn("severities").append(e.getValue().size());
                t.doubleColumn("error_sum").append(own[0]);
                t.doubleColumn("ce").append(ratio(own[0], ref[0]));
                t.doubleColumn("relative_ce").append(ratio(own[1], ref[1]));
            }
        }
        return t;
    }

    /**
     * Mean corruption error (mCE) and relative mCE of each backbone over all its corruptions,
     * normalised by a reference backbone (Hendrycks and Dietterich 2019).
     *
     * @param sets as for {@link #accuracy(Collection)}
     * @param reference the backbone whose errors normalise the others (its mCE is 1)
     * @return one row per backbone: backbone, reference, corruptions, clean_error, mce,
     *     relative_mce
     * @throws IllegalArgumentException as {@link #corruptionErrors(Collection, String)}
     */
    public static Table meanCorruptionErrors(Collection<FeatureSet> sets, String reference) {
        Table ce = corruptionErrors(sets, reference);
        Grid grid = Grid.of(sets);
        Table t =
                Table.create(
                        "mean corruption errors against " + reference,
                        StringColumn.create("backbone"),
                        StringColumn.create("reference"),
                        IntColumn.create("corruptions"),
                        DoubleColumn.create("clean_error"),
                        DoubleColumn.create("mce"),
                        DoubleColumn.create("relative_mce"));
        for (String backbone : grid.backbones()) {
            Table rows = ce.where(ce.stringColumn("backbone").isEqualTo(backbone));
            t.stringColumn("backbone").append(backbone);
            t.stringColumn("reference").append(reference);
            t.intColumn("corruptions").append(rows.rowCount());
            t.doubleColumn("clean_error").append(1 - grid.accuracy(backbone, FeatureSet.CLEAN, 0));
            t.doubleColumn("mce").append(mean(rows.doubleColumn("ce").asDoubleArray()));
            t.doubleColumn("relative_mce")
                    .append(mean(rows.doubleColumn("relative_ce").asDoubleArray()));
        }
        return t;
    }

    private static double ratio(double num, double den) {
        return den == 0 ? Double.NaN : num / den;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    private record Key(String corruption, int severity) {}

    /** Top-1 accuracies indexed by backbone, then (corruption, severity), after the checks. */
    private static final class Grid {
        final String dataset;
        final String split;
        final int images;
        final Map<String, Map<Key, Double>> acc = new LinkedHashMap<>();

        private Grid(String dataset, String split, int images) {
            this.dataset = dataset;
            this.split = split;
            this.images = images;
        }

        static Grid of(Collection<FeatureSet> sets) {
            Objects.requireNonNull(sets, "sets");
            if (sets.isEmpty()) {
                throw new IllegalArgumentException(
                        "robustness: feature sets expected at least one per backbone, got none");
            }
            FeatureSet first = sets.iterator().next();
            Grid g = new Grid(first.dataset(), first.split(), first.size());
            for (FeatureSet s : sets) {
                g.check(s, first);
                Key key = new Key(s.perturbation(), s.severity());
                Map<Key, Double> row =
                        g.acc.computeIfAbsent(
                                s.backbone(),
                                b ->
                                        new TreeMap<>(
                                                Comparator.comparing(
                                                                (Key k) ->
                                                                        !k.corruption.equals(
                                                                                FeatureSet.CLEAN))
                                                        .thenComparing(k -> k.corruption)
                                                        .thenComparingInt(k -> k.severity)));
                if (row.containsKey(key)) {
                    throw new IllegalArgumentException(
                            "robustness: "
                                    + s.backbone()
                                    + " has two feature sets for "
                                    + key.corruption
                                    + " at severity "
                                    + key.severity
                                    + "; expected one");
                }
                row.put(key, top1(s));
            }
            for (String backbone : g.acc.keySet()) {
                if (!g.acc.get(backbone).containsKey(new Key(FeatureSet.CLEAN, 0))) {
                    throw new IllegalArgumentException(
                            "robustness: "
                                    + backbone
                                    + " expected a clean feature set (perturbation \""
                                    + FeatureSet.CLEAN
                                    + "\", severity 0), got only "
                                    + g.acc.get(backbone).keySet());
                }
            }
            return g;
        }

        private void check(FeatureSet s, FeatureSet first) {
            String what =
                    "robustness: feature set of "
                            + s.backbone()
                            + " under "
                            + s.perturbation()
                            + " severity "
                            + s.severity()
                            + ": ";
            if (!s.dataset().equals(dataset) || !s.split().equals(split)) {
                throw new IllegalArgumentException(
                        what
                                + "dataset/split expected "
                                + dataset
                                + "/"
                                + split
                                + " (as "
                                + first.backbone()
                                + "), got "
                                + s.dataset()
                                + "/"
                                + s.split());
            }
            if (!Arrays.equals(s.labels(), first.labels())
                    || !Arrays.equals(s.indices(), first.indices())) {
                throw new IllegalArgumentException(
                        what
                                + "images expected the same "
                                + first.size()
                                + " labels and indices as the set of "
                                + first.backbone()
                                + " under "
                                + first.perturbation()
                                + ", got "
                                + s.size()
                                + " images that differ");
            }
            boolean clean = s.perturbation().equals(FeatureSet.CLEAN);
            if (clean != (s.severity() == 0)) {
                throw new IllegalArgumentException(
                        what
                                + "severity expected "
                                + (clean ? "0 for clean images" : "1 or more")
                                + ", got "
                                + s.severity());
            }
        }

        private static double top1(FeatureSet s) {
            boolean[] right = Accuracy.correctAtK(s.logits(), s.labels(), 1);
            int count = 0;
            for (boolean r : right) {
                count += r ? 1 : 0;
            }
            return (double) count / right.length;
        }

        Set<String> backbones() {
            return acc.keySet();
        }

        Set<Key> keys(String backbone) {
            return acc.get(backbone).keySet();
        }

        double accuracy(String backbone, String corruption, int severity) {
            return acc.get(backbone).get(new Key(corruption, severity));
        }

        /** Severities per corruption (clean excluded), corruptions in name order. */
        Map<String, List<Integer>> corruptions(String backbone) {
            Map<String, List<Integer>> out = new TreeMap<>();
            for (Key k : keys(backbone)) {
                if (!k.corruption.equals(FeatureSet.CLEAN)) {
                    out.computeIfAbsent(k.corruption, c -> new ArrayList<>()).add(k.severity);
                }
            }
            return out;
        }

        /** {sum of errors, sum of (error - clean error)} over the given severities. */
        double[] errorSums(String backbone, String corruption, List<Integer> severities) {
            double cleanError = 1 - accuracy(backbone, FeatureSet.CLEAN, 0);
            double sum = 0;
            double relative = 0;
            for (int s : severities) {
                double e = 1 - accuracy(backbone, corruption, s);
                sum += e;
                relative += e - cleanError;
            }
            return new double[] {sum, relative};
        }

        void checkAgainst(String reference) {
            if (!acc.containsKey(reference)) {
                throw new IllegalArgumentException(
                        "robustness: reference backbone expected one of "
                                + acc.keySet()
                                + ", got \""
                                + reference
                                + "\"");
            }
            Map<String, List<Integer>> ref = corruptions(reference);
            for (String backbone : backbones()) {
                for (Map.Entry<String, List<Integer>> e : corruptions(backbone).entrySet()) {
                    List<Integer> want = ref.get(e.getKey());
                    if (!e.getValue().equals(want)) {
                        throw new IllegalArgumentException(
                                "robustness: severities of "
                                        + e.getKey()
                                        + " for "
                                        + backbone
                                        + " expected those of the reference "
                                        + reference
                                        + " "
                                        + (want == null ? "(none)" : want)
                                        + ", got "
                                        + e.getValue());
                    }
                }
            }
            Set<String> missing = new LinkedHashSet<>(ref.keySet());
            for (String backbone : backbones()) {
                missing.removeAll(corruptions(backbone).keySet());
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException(
                            "robustness: corruptions of "
                                    + backbone
                                    + " expected "
                                    + ref.keySet()
                                    + " (as the reference "
                                    + reference
                                    + "), missing "
                                    + missing);
                }
                missing.addAll(ref.keySet());
            }
        }
    }
}
