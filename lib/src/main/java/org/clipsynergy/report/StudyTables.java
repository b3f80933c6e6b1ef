package org.clipsynergy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.metrics.CorrectnessMatrix;
import org.clipsynergy.metrics.OracleBound;
import org.clipsynergy.similarity.CenteredKernelAlignment;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The notebooks' summaries that combine several analyses over a {@link Study}'s aligned feature
 * sets: CKA matrices, oracle gain per dataset, who-is-right patterns as labelled bars.
 */
public final class StudyTables {

    /** The CKA variants {@link #cka} computes. */
    public enum CkaKind {
        /** Linear CKA (Kornblith et al. 2019), feature form. */
        LINEAR,
        /** Debiased linear CKA: the unbiased HSIC estimator (Song et al. 2012). */
        DEBIASED,
        /** RBF CKA with the bandwidth a fraction of the median distance (Kornblith et al. 2019). */
        RBF
    }

    private StudyTables() {}

    /**
     * CKA between every pair of backbones on the first {@code n} images.
     *
     * @param sets aligned feature sets, one per backbone ({@link Study#align})
     * @param n the images used, from the start; at most the sets' size
     * @param kind the variant
     * @param threshold the RBF bandwidth as a fraction of the median distance (used by {@link
     *     CkaKind#RBF} only), e.g. 0.5
     * @param cka the calculator (device and precision)
     * @return the symmetric matrix, backbones x backbones, in the sets' order
     * @throws IllegalArgumentException if fewer than two backbones are given
     */
    public static double[][] cka(
            List<FeatureSet> sets,
            int n,
            CkaKind kind,
            double threshold,
            CenteredKernelAlignment cka) {
        if (sets.size() < 2) {
            throw new IllegalArgumentException(
                    "CKA compares backbones: give at least two, got "
                            + sets.size()
                            + (sets.isEmpty()
                                    ? ""
                                    : " (" + String.join(", ", backbones(sets)) + ")"));
        }
        Study.align(sets);
        int m = sets.size();
        float[][][] x = new float[m][][];
        for (int i = 0; i < m; i++) {
            x[i] = Study.head(sets.get(i), Math.min(n, sets.get(i).size())).imageFeatures();
        }
        if (kind == CkaKind.RBF) {
            return cka.rbfMatrix(List.of(x), threshold);
        }
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double v =
                        switch (kind) {
                            case LINEAR -> cka.linear(x[i], x[j]);
                            case DEBIASED -> cka.linearDebiased(x[i], x[j]);
                            case RBF -> cka.rbf(x[i], x[j], threshold);
                        };
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return out;
    }

    /**
     * The backbone names of aligned feature sets.
     *
     * @param sets the feature sets
     * @return their backbones, in order
     */
    public static List<String> backbones(List<FeatureSet> sets) {
        return sets.stream().map(FeatureSet::backbone).toList();
    }

    /**
     * Per dataset: the best single backbone, the per-image oracle of all backbones (right when any
     * is right) and the oracle gain in points.
     *
     * @param perDataset dataset name to its aligned feature sets ({@link Study#clean(String, int)})
     * @return columns dataset, images, best_member, best_member_accuracy, oracle_accuracy,
     *     oracle_gain_points; accuracies as shares in [0, 1]
     */
    public static Table oracleGain(Map<String, List<FeatureSet>> perDataset) {
        StringColumn dataset = StringColumn.create(Tables.DATASET);
        IntColumn images = IntColumn.create("images");
        StringColumn best = StringColumn.create("best_member");
        DoubleColumn bestAccuracy = DoubleColumn.create("best_member_accuracy");
        DoubleColumn oracle = DoubleColumn.create("oracle_accuracy");
        DoubleColumn gain = DoubleColumn.create("oracle_gain_points");
        for (Map.Entry<String, List<FeatureSet>> e : perDataset.entrySet()) {
            CorrectnessMatrix matrix = CorrectnessMatrix.fromFeatureSets(Study.align(e.getValue()));
            int top = 0;
            for (int i = 1; i < matrix.members().size(); i++) {
                if (matrix.accuracy(i) > matrix.accuracy(top)) {
                    top = i;
                }
            }
            double o = new OracleBound(matrix).accuracy();
            dataset.append(e.getKey());
            images.append(matrix.images());
            best.append(matrix.members().get(top));
            bestAccuracy.append(matrix.accuracy(top));
            oracle.append(o);
            gain.append(100 * (o - matrix.accuracy(top)));
        }
        return Table.create("oracle gain", dataset, images, best, bestAccuracy, oracle, gain);
    }

    /**
     * Who-is-right patterns ({@link CorrectnessMatrix#patterns()}) as labelled bars. Labels stay
     * short enough for an axis: the members' common name prefix is dropped (e.g. "mini-"), a
     * pattern with at most half of the members right names them ("vit + mlp"), one with more names
     * those wrong ("all but vit"); "none" and "all" when every member is wrong or right.
     *
     * @param patterns the patterns table of a correctness matrix
     * @param members the member names, as in the matrix
     * @param top the most frequent patterns kept
     * @return columns pattern, right_members, images, share; most frequent first
     */
    public static Table patternBars(Table patterns, List<String> members, int top) {
        StringColumn label = StringColumn.create("pattern");
        IntColumn right = IntColumn.create("right_members");
        IntColumn images = IntColumn.create("images");
        DoubleColumn share = DoubleColumn.create("share");
        int rows = Math.min(top, patterns.rowCount());
        int prefix = commonPrefix(members);
        for (int r = 0; r < rows; r++) {
            Row row = patterns.row(r);
            List<String> rightNames = new ArrayList<>();
            List<String> wrongNames = new ArrayList<>();
            for (String m : members) {
                (row.getBoolean(m) ? rightNames : wrongNames).add(m.substring(prefix));
            }
            String text;
            if (rightNames.isEmpty()) {
                text = "none";
            } else if (wrongNames.isEmpty()) {
                text = "all";
            } else if (2 * rightNames.size() <= members.size()) {
                text = String.join(" + ", rightNames);
            } else {
                text = "all but " + String.join(", ", wrongNames);
            }
            label.append(text);
            right.append(rightNames.size());
            images.append(row.getInt("images"));
            share.append(row.getDouble("share"));
        }
        return Table.create("who is right", label, right, images, share);
    }

    /** The length of the members' common name prefix, up to and including its last '-'. */
    static int commonPrefix(List<String> members) {
        if (members.size() < 2) {
            return 0;
        }
        String first = members.get(0);
        int n = first.length();
        for (String m : members) {
            int i = 0;
            while (i < Math.min(n, m.length()) && m.charAt(i) == first.charAt(i)) {
                i++;
            }
            n = i;
        }
        int cut = first.lastIndexOf('-', n - 1);
        return cut < 0 ? 0 : cut + 1;
    }
}
