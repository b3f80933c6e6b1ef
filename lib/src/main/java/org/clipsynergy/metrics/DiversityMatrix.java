package org.clipsynergy.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Pairwise diversity of ensemble members from their correctness on the same images (Kuncheva &
 * Whitaker 2003, "Measures of diversity in classifier ensembles and their relationship with the
 * ensemble accuracy", Machine Learning 51:181-207): disagreement, Yule's Q, correlation, double
 * fault, Cohen's kappa, and the share of images A gets right and B wrong.
 */
public final class DiversityMatrix {
    private final List<String> members;
    private final PairCounts[][] counts;

    private DiversityMatrix(List<String> members, PairCounts[][] counts) {
        this.members = members;
        this.counts = counts;
    }

    /**
     * The 2 x 2 counts of every ordered pair of members (diagonal included).
     *
     * @param matrix who is right on which image
     * @return the diversity matrix
     */
    public static DiversityMatrix of(CorrectnessMatrix matrix) {
        int m = matrix.members().size();
        int n = matrix.images();
        PairCounts[][] counts = new PairCounts[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                long[] x = matrix.bits(a);
                long[] y = matrix.bits(b);
                long both = 0;
                for (int w = 0; w < x.length; w++) {
                    both += Long.bitCount(x[w] & y[w]);
                }
                long rightA = CorrectnessMatrix.count(x);
                long rightB = CorrectnessMatrix.count(y);
                counts[a][b] =
                        new PairCounts(
                                both, rightA - both, rightB - both, n - rightA - rightB + both);
            }
        }
        return new DiversityMatrix(matrix.members(), counts);
    }

    /** The members' names, in row and column order. */
    public List<String> members() {
        return members;
    }

    /**
     * The 2 x 2 counts of members a (rows) and b (columns).
     *
     * @param a row member index
     * @param b column member index
     * @return the counts, with A = a
     */
    public PairCounts counts(int a, int b) {
        return counts[a][b];
    }

    /** m x m shares of images the row member gets right and the column member wrong. */
    public double[][] rightWrongShare() {
        return matrix(PairCounts::rightWrongShare);
    }

    /** m x m disagreement, symmetric, zero on the diagonal. */
    public double[][] disagreement() {
        return matrix(PairCounts::disagreement);
    }

    /** m x m Yule's Q, symmetric (NaN where undefined). */
    public double[][] yuleQ() {
        return matrix(PairCounts::yuleQ);
    }

    /** m x m double fault, symmetric; the diagonal is each member's error rate. */
    public double[][] doubleFault() {
        return matrix(PairCounts::doubleFault);
    }

    /** m x m Cohen's kappa, symmetric (NaN where undefined). */
    public double[][] kappa() {
        return matrix(PairCounts::kappa);
    }

    /** m x m correlation coefficient, symmetric (NaN where undefined). */
    public double[][] correlation() {
        return matrix(PairCounts::correlation);
    }

    /**
     * A tidy table with one row per ordered pair of distinct members. Columns: member_a, member_b,
     * images, both_right, a_right_b_wrong, a_wrong_b_right, both_wrong, right_wrong_share (A right,
     * B wrong), disagreement, yule_q, correlation, double_fault, kappa. Undefined measures are
     * missing cells.
     *
     * @return the table named "pairwise diversity"
     */
    public Table table() {
        StringColumn memberA = StringColumn.create("member_a");
        StringColumn memberB = StringColumn.create("member_b");
        IntColumn images = IntColumn.create("images");
        IntColumn n11 = IntColumn.create("both_right");
        IntColumn n10 = IntColumn.create("a_right_b_wrong");
        IntColumn n01 = IntColumn.create("a_wrong_b_right");
        IntColumn n00 = IntColumn.create("both_wrong");
        DoubleColumn share = DoubleColumn.create("right_wrong_share");
        DoubleColumn dis = DoubleColumn.create("disagreement");
        DoubleColumn q = DoubleColumn.create("yule_q");
        DoubleColumn rho = DoubleColumn.create("correlation");
        DoubleColumn df = DoubleColumn.create("double_fault");
        DoubleColumn kappa = DoubleColumn.create("kappa");
        for (int a = 0; a < members.size(); a++) {
            for (int b = 0; b < members.size(); b++) {
                if (a == b) {
                    continue;
                }
                PairCounts c = counts[a][b];
                memberA.append(members.get(a));
                memberB.append(members.get(b));
                images.append((int) c.total());
                n11.append((int) c.n11());
                n10.append((int) c.n10());
                n01.append((int) c.n01());
                n00.append((int) c.n00());
                share.append(c.rightWrongShare());
                dis.append(c.disagreement());
                q.append(c.yuleQ());
                rho.append(c.correlation());
                df.append(c.doubleFault());
                kappa.append(c.kappa());
            }
        }
        return Table.create(
                "pairwise diversity",
                memberA,
                memberB,
                images,
                n11,
                n10,
                n01,
                n00,
                share,
                dis,
                q,
                rho,
                df,
                kappa);
    }

    private double[][] matrix(ToDoubleFunction<PairCounts> measure) {
        int m = members.size();
        double[][] values = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                values[a][b] = measure.applyAsDouble(counts[a][b]);
            }
        }
        return values;
    }
}
