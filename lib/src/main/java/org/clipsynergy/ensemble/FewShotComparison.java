package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.metrics.CorrectnessMatrix;
import org.clipsynergy.metrics.OracleBound;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The ensemble comparison of the study over several datasets: the few-shot protocol of {@link
 * FewShotExperiment} per dataset, summaries over seeds, the oracle of the members on the test split
 * for reference, the share of the oracle's headroom a method recovers, and what the controller's
 * temperatures say about the members.
 *
 * <p>Headroom (Rodriguez-Opazo et al. 2025, "Synergy and Diversity in CLIP"): the oracle accuracy
 * of the members (an image counts as right when any member is right, Kuncheva 2002) minus the
 * accuracy of the best single member; a method recovers {@code (method - bestSingle) / (oracle -
 * bestSingle)} of it. Both accuracies here are on the test split and the best single member is the
 * one chosen on the same few-shot holdout as the method, so the share is what a user with k
 * labelled images per class gains over picking one backbone.
 */
public final class FewShotComparison {

    /** Column naming the dataset in every table of this class. */
    public static final String DATASET = "dataset";

    private FewShotComparison() {}

    /**
     * Runs the few-shot protocol on one dataset.
     *
     * @param dataset the dataset's name (the first column of the result)
     * @param train training-split members, aligned
     * @param test test-split members, aligned, same order
     * @param methods the methods to compare
     * @param settings budgets and seeds
     * @return the {@link FewShotExperiment#run()} table with a first column {@code dataset}
     */
    public static Table run(
            String dataset,
            List<FeatureSet> train,
            List<FeatureSet> test,
            List<Ensemble> methods,
            FewShotExperiment.Settings settings) {
        Table results = new FewShotExperiment(train, test, methods, settings).run();
        return withDataset(dataset, results);
    }

    /**
     * A few-shot holdout drawn as the protocol draws it: k images of every class of the training
     * split ({@link FewShotExperiment#perClass}), the same rows for every member.
     *
     * @param train training-split members, aligned
     * @param k images per class
     * @param seed the seed of the draw
     * @return the members restricted to the drawn rows, aligned
     * @throws IllegalArgumentException if a class has fewer than k images
     */
    public static List<FeatureSet> holdout(List<FeatureSet> train, int k, long seed) {
        Members.checkAligned(train, "few-shot train");
        FeatureSet first = train.get(0);
        int[] rows = FewShotExperiment.perClass(first.labels(), first.numClasses(), k, seed, first);
        return Members.subset(train, rows);
    }

    /**
     * Mean and sample standard deviation over seeds per dataset, method and budget.
     *
     * @param results rows of {@link #run} (one or several datasets appended)
     * @return dataset, method, shots, seeds, mean_accuracy, std_accuracy in first-seen order
     */
    public static Table summarize(Table results) {
        requireColumns(results, DATASET, "method", "shots", "accuracy");
        Table out = null;
        for (String dataset : distinct(results.stringColumn(DATASET))) {
            Table part = results.where(results.stringColumn(DATASET).isEqualTo(dataset));
            Table summary = withDataset(dataset, FewShotExperiment.summarize(part));
            out = out == null ? summary : out.append(summary);
        }
        if (out == null) {
            throw new IllegalArgumentException("few-shot summary: the results table has no rows");
        }
        out.setName("few-shot summary");
        return out;
    }

    /**
     * The budgets of a results or summary table, in first-seen order.
     *
     * @param table a table with a {@code shots} column
     * @return the budget labels, e.g. {@code [1, 2, 4, 8, 16, 10%]}
     */
    public static List<String> budgets(Table table) {
        requireColumns(table, "shots");
        return distinct(table.stringColumn("shots"));
    }

    /**
     * The members' test accuracies and their oracle on one dataset, for reference.
     *
     * @param dataset the dataset's name
     * @param test test-split members, aligned
     * @return one row: dataset, best_member, best_member_accuracy (chosen on the test split, an
     *     optimistic reference), mean_member_accuracy, oracle_accuracy, headroom (oracle minus best
     *     member)
     */
    public static Table oracle(String dataset, List<FeatureSet> test) {
        OracleBound bound = new OracleBound(CorrectnessMatrix.fromFeatureSets(test));
        String best = null;
        double bestAccuracy = -1;
        double sum = 0;
        for (FeatureSet member : test) {
            double accuracy = Members.accuracy(member.logits(), member.labels());
            sum += accuracy;
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = member.backbone();
            }
        }
        double oracle = bound.accuracy();
        return Table.create(
                "oracle",
                StringColumn.create(DATASET, dataset),
                StringColumn.create("best_member", best),
                DoubleColumn.create("best_member_accuracy", bestAccuracy),
                DoubleColumn.create("mean_member_accuracy", sum / test.size()),
                DoubleColumn.create("oracle_accuracy", oracle),
                DoubleColumn.create("headroom", oracle - bestAccuracy));
    }

    /**
     * The share of the oracle's headroom each method recovers, per dataset and budget.
     *
     * @param summary a table from {@link #summarize}; it must hold {@link
     *     EnsembleMethods#BEST_SINGLE}
     * @param oracle rows of {@link #oracle}, one per dataset of the summary
     * @return dataset, method, shots, mean_accuracy, best_single (holdout-chosen, same budget),
     *     oracle_accuracy, recovered (share of oracle - best_single; NaN without headroom); the
     *     best single method itself is left out
     * @throws IllegalArgumentException if a dataset has no oracle row or no best-single row for a
     *     budget
     */
    public static Table headroom(Table summary, Table oracle) {
        requireColumns(summary, DATASET, "method", "shots", "mean_accuracy");
        requireColumns(oracle, DATASET, "oracle_accuracy");
        StringColumn dataset = StringColumn.create(DATASET);
        StringColumn method = StringColumn.create("method");
        StringColumn shots = StringColumn.create("shots");
        DoubleColumn mean = DoubleColumn.create("mean_accuracy");
        DoubleColumn single = DoubleColumn.create("best_single");
        DoubleColumn bound = DoubleColumn.create("oracle_accuracy");
        DoubleColumn recovered = DoubleColumn.create("recovered");
        for (int r = 0; r < summary.rowCount(); r++) {
            String name = summary.stringColumn("method").get(r);
            if (name.equals(EnsembleMethods.BEST_SINGLE)) {
                continue;
            }
            String d = summary.stringColumn(DATASET).get(r);
            String s = summary.stringColumn("shots").get(r);
            double reference = lookup(summary, d, EnsembleMethods.BEST_SINGLE, s);
            double top = oracleOf(oracle, d);
            double value = summary.doubleColumn("mean_accuracy").getDouble(r);
            dataset.append(d);
            method.append(name);
            shots.append(s);
            mean.append(value);
            single.append(reference);
            bound.append(top);
            recovered.append(
                    top > reference ? (value - reference) / (top - reference) : Double.NaN);
        }
        return Table.create(
                "oracle headroom recovered",
                dataset,
                method,
                shots,
                mean,
                single,
                bound,
                recovered);
    }

    /**
     * The summary of one dataset as a method x budget table of {@code "mean ± std"} cells, for
     * reading and for the paper-style table.
     *
     * @param summary a table from {@link #summarize}
     * @param dataset the dataset to show
     * @param digits decimals of the accuracies (in percent)
     * @return first column method, then one string column per budget in first-seen order; cells are
     *     accuracy in percent, e.g. {@code 91.2 ± 0.4}
     */
    public static Table wide(Table summary, String dataset, int digits) {
        requireColumns(summary, DATASET, "method", "shots", "mean_accuracy", "std_accuracy");
        Table part = summary.where(summary.stringColumn(DATASET).isEqualTo(dataset));
        if (part.rowCount() == 0) {
            throw new IllegalArgumentException(
                    "few-shot table: no rows for dataset '"
                            + dataset
                            + "'; datasets are "
                            + distinct(summary.stringColumn(DATASET)));
        }
        List<String> methods = distinct(part.stringColumn("method"));
        List<String> budgets = distinct(part.stringColumn("shots"));
        Table out = Table.create(dataset + ": accuracy (%) by labelled images per class");
        out.addColumns(StringColumn.create("method", methods));
        String format = "%." + digits + "f ± %." + digits + "f";
        for (String budget : budgets) {
            StringColumn column =
                    StringColumn.create(budget.endsWith("%") ? budget : "k=" + budget);
            for (String m : methods) {
                int row = findRow(part, m, budget);
                if (row < 0) {
                    column.append("");
                    continue;
                }
                double mu = part.doubleColumn("mean_accuracy").getDouble(row) * 100;
                double sd = part.doubleColumn("std_accuracy").getDouble(row) * 100;
                column.append(
                        Double.isNaN(sd)
                                ? String.format(Locale.ROOT, "%." + digits + "f", mu)
                                : String.format(Locale.ROOT, format, mu, sd));
            }
            out.addColumns(column);
        }
        return out;
    }

    /**
     * What a fitted controller does with each member: the temperatures it gives them on a set of
     * images. A low temperature means the member's logits count more ({@code logits_m / T_m}).
     *
     * @param dataset the dataset's name
     * @param fitted a fitted controller
     * @param members aligned members in the fitted order (e.g. the test split)
     * @return one row per member: dataset, member, mean_temperature, std_temperature, weight_share
     *     (the mean over images of {@code (1 / T_m) / sum_j (1 / T_j)}), lowest_share (the share of
     *     images on which the member has the lowest temperature)
     */
    public static Table temperatures(
            String dataset, NeuralLogitController.Fitted fitted, List<FeatureSet> members) {
        float[][] t = fitted.temperatures(members);
        int m = members.size();
        int n = t.length;
        double[] sum = new double[m];
        double[] squares = new double[m];
        double[] share = new double[m];
        double[] lowest = new double[m];
        for (float[] row : t) {
            double inverse = 0;
            int argmin = 0;
            for (int j = 0; j < m; j++) {
                inverse += 1.0 / row[j];
                if (row[j] < row[argmin]) {
                    argmin = j;
                }
            }
            for (int j = 0; j < m; j++) {
                sum[j] += row[j];
                squares[j] += row[j] * (double) row[j];
                share[j] += (1.0 / row[j]) / inverse;
            }
            lowest[argmin]++;
        }
        StringColumn datasetColumn = StringColumn.create(DATASET);
        StringColumn member = StringColumn.create("member");
        DoubleColumn mean = DoubleColumn.create("mean_temperature");
        DoubleColumn std = DoubleColumn.create("std_temperature");
        DoubleColumn weight = DoubleColumn.create("weight_share");
        DoubleColumn lowestShare = DoubleColumn.create("lowest_share");
        for (int j = 0; j < m; j++) {
            double mu = sum[j] / n;
            datasetColumn.append(dataset);
            member.append(members.get(j).backbone());
            mean.append(mu);
            std.append(n > 1 ? Math.sqrt(Math.max(0, (squares[j] - n * mu * mu) / (n - 1))) : 0);
            weight.append(share[j] / n);
            lowestShare.append(lowest[j] / n);
        }
        return Table.create(
                "controller temperatures", datasetColumn, member, mean, std, weight, lowestShare);
    }

    private static Table withDataset(String dataset, Table table) {
        return CascadeReport.withDataset(dataset, table);
    }

    private static double lookup(Table summary, String dataset, String method, String shots) {
        for (int r = 0; r < summary.rowCount(); r++) {
            if (summary.stringColumn(DATASET).get(r).equals(dataset)
                    && summary.stringColumn("method").get(r).equals(method)
                    && summary.stringColumn("shots").get(r).equals(shots)) {
                return summary.doubleColumn("mean_accuracy").getDouble(r);
            }
        }
        throw new IllegalArgumentException(
                "headroom: summary row expected for dataset '"
                        + dataset
                        + "', method '"
                        + method
                        + "', shots "
                        + shots
                        + ", got none (run "
                        + method
                        + " with the others)");
    }

    private static double oracleOf(Table oracle, String dataset) {
        for (int r = 0; r < oracle.rowCount(); r++) {
            if (oracle.stringColumn(DATASET).get(r).equals(dataset)) {
                return oracle.doubleColumn("oracle_accuracy").getDouble(r);
            }
        }
        throw new IllegalArgumentException(
                "headroom: oracle row expected for dataset '"
                        + dataset
                        + "', got datasets "
                        + distinct(oracle.stringColumn(DATASET)));
    }

    private static int findRow(Table part, String method, String shots) {
        for (int r = 0; r < part.rowCount(); r++) {
            if (part.stringColumn("method").get(r).equals(method)
                    && part.stringColumn("shots").get(r).equals(shots)) {
                return r;
            }
        }
        return -1;
    }

    private static List<String> distinct(StringColumn column) {
        Set<String> seen = new LinkedHashSet<>();
        for (int r = 0; r < column.size(); r++) {
            seen.add(column.get(r));
        }
        return new ArrayList<>(seen);
    }

    private static void requireColumns(Table table, String... names) {
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException(
                        "few-shot table '"
                                + table.name()
                                + "': column '"
                                + name
                                + "' expected, columns are "
                                + table.columnNames());
            }
        }
    }
}
