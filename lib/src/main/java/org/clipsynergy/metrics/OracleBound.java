package org.clipsynergy.metrics;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The oracle upper bound of choosing the best member per image: an image counts as right when any
 * member of a subset is right on it (the "oracle" of Kuncheva 2002, "A theoretical study on six
 * classifier fusion strategies"; the per-image best-backbone bound of CLIP ensembles). The gap
 * between a subset's oracle and its best single member is the headroom an adaptive ensemble could
 * recover. Computed on bitsets: one OR and one population count per subset and 64 images.
 */
public final class OracleBound {
    /** The most subsets one table may list (2^20 - 1, all subsets of 20 members). */
    public static final int MAX_SUBSETS = (1 << 20) - 1;

    private final CorrectnessMatrix matrix;

    /**
     * The oracle over the members of a correctness matrix.
     *
     * @param matrix who is right on which image
     */
    public OracleBound(CorrectnessMatrix matrix) {
        this.matrix = matrix;
    }

    /** The correctness matrix this bound reads. */
    public CorrectnessMatrix matrix() {
        return matrix;
    }

    /**
     * Whether any member of a subset is right, per image.
     *
     * @param subset member names, at least one
     * @return n flags
     */
    public boolean[] perImage(List<String> subset) {
        long[] union = union(indices(subset));
        boolean[] flags = new boolean[matrix.images()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = (union[i >>> 6] & (1L << i)) != 0;
        }
        return flags;
    }

    /**
     * The oracle accuracy of a subset: the share of images some member gets right.
     *
     * @param subset member names, at least one
     * @return the share in [0, 1]
     */
    public double accuracy(List<String> subset) {
        return (double) CorrectnessMatrix.count(union(indices(subset))) / matrix.images();
    }

    /**
     * The oracle accuracy of all members.
     *
     * @return the share in [0, 1]
     */
    public double accuracy() {
        return accuracy(matrix.members());
    }

    /**
     * Every non-empty subset of at most maxSize members (all 511 of nine members with maxSize 9),
     * with its oracle accuracy and its best single member. Rows in lexicographic order of member
     * positions; columns: subset (names joined by "+"), size, oracle_accuracy, best_member,
     * best_member_accuracy, oracle_gain (oracle minus best member). Ties for best member go to the
     * earlier member.
     *
     * @param maxSize the largest subset size, at least 1
     * @return the table named "oracle subsets"
     */
    public Table subsets(int maxSize) {
        int m = matrix.members().size();
        if (maxSize < 1) {
            throw new IllegalArgumentException(
                    "oracle subsets: maxSize expected >= 1, got " + maxSize);
        }
        long rows = subsetCount(m, Math.min(maxSize, m));
        if (rows > MAX_SUBSETS) {
            throw new IllegalArgumentException(
                    "oracle subsets: subsets expected <= " + MAX_SUBSETS + ", got " + rows);
        }
        SubsetTable table = new SubsetTable();
        int words = matrix.bits(0).length;
        long[][] unions = new long[Math.min(maxSize, m) + 1][words];
        int[] chosen = new int[Math.min(maxSize, m)];
        enumerate(0, 0, Math.min(maxSize, m), chosen, unions, table);
        return table.table;
    }

    /** All subsets of every size. */
    public Table subsets() {
        return subsets(matrix.members().size());
    }

    /**
     * Greedy forward selection by oracle: start from the most accurate member, then repeatedly add
     * the member that raises the oracle most (ties to the earlier member) until all are in.
     * Columns: step (1-based), added, oracle_accuracy (after adding), gain (over the previous step;
     * the first step's gain is its accuracy), members (names so far, joined by "+").
     *
     * @return the table named "oracle greedy order"
     */
    public Table greedyOrder() {
        int m = matrix.members().size();
        int words = matrix.bits(0).length;
        long[] union = new long[words];
        boolean[] used = new boolean[m];
        int current = 0;
        IntColumn step = IntColumn.create("step");
        StringColumn added = StringColumn.create("added");
        DoubleColumn oracle = DoubleColumn.create("oracle_accuracy");
        DoubleColumn gain = DoubleColumn.create("gain");
        StringColumn so = StringColumn.create("members");
        List<String> names = new ArrayList<>();
        for (int s = 1; s <= m; s++) {
            int best = -1;
            int bestCount = -1;
            for (int k = 0; k < m; k++) {
                if (!used[k]) {
                    int count = orCount(union, matrix.bits(k));
                    if (count > bestCount) {
                        best = k;
                        bestCount = count;
                    }
                }
            }
            used[best] = true;
            long[] bits = matrix.bits(best);
            for (int w = 0; w < words; w++) {
                union[w] |= bits[w];
            }
            names.add(matrix.members().get(best));
            step.append(s);
            added.append(matrix.members().get(best));
            oracle.append((double) bestCount / matrix.images());
            gain.append((double) (bestCount - current) / matrix.images());
            so.append(String.join("+", names));
            current = bestCount;
        }
        return Table.create("oracle greedy order", step, added, oracle, gain, so);
    }

    private void enumerate(
            int depth, int from, int maxSize, int[] chosen, long[][] unions, SubsetTable table) {
        int m = matrix.members().size();
        for (int k = from; k < m; k++) {
            long[] previous = unions[depth];
            long[] next = unions[depth + 1];
            long[] bits = matrix.bits(k);
            for (int w = 0; w < next.length; w++) {
                next[w] = previous[w] | bits[w];
            }
            chosen[depth] = k;
            table.add(chosen, depth + 1, CorrectnessMatrix.count(next));
            if (depth + 1 < maxSize) {
                enumerate(depth + 1, k + 1, maxSize, chosen, unions, table);
            }
        }
    }

    private static int orCount(long[] a, long[] b) {
        int total = 0;
        for (int w = 0; w < a.length; w++) {
            total += Long.bitCount(a[w] | b[w]);
        }
        return total;
    }

    private static long subsetCount(int m, int maxSize) {
        long total = 0;
        long binomial = 1;
        for (int k = 1; k <= maxSize; k++) {
            binomial = binomial * (m - k + 1) / k;
            total += binomial;
        }
        return total;
    }

    private long[] union(int[] members) {
        long[] union = new long[matrix.bits(0).length];
        for (int k : members) {
            long[] bits = matrix.bits(k);
            for (int w = 0; w < union.length; w++) {
                union[w] |= bits[w];
            }
        }
        return union;
    }

    private int[] indices(List<String> subset) {
        if (subset == null || subset.isEmpty()) {
            throw new IllegalArgumentException(
                    "oracle: subset expected at least 1 member of "
                            + matrix.members()
                            + ", got an empty subset");
        }
        int[] indices = new int[subset.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = matrix.indexOf(subset.get(i));
        }
        return indices;
    }

    /** The columns of {@link #subsets(int)}. */
    private final class SubsetTable {
        final StringColumn subset = StringColumn.create("subset");
        final IntColumn size = IntColumn.create("size");
        final DoubleColumn oracle = DoubleColumn.create("oracle_accuracy");
        final StringColumn best = StringColumn.create("best_member");
        final DoubleColumn bestAccuracy = DoubleColumn.create("best_member_accuracy");
        final DoubleColumn gain = DoubleColumn.create("oracle_gain");
        final Table table =
                Table.create("oracle subsets", subset, size, oracle, best, bestAccuracy, gain);
        final int[] memberCounts;

        SubsetTable() {
            int m = matrix.members().size();
            memberCounts = new int[m];
            for (int k = 0; k < m; k++) {
                memberCounts[k] = CorrectnessMatrix.count(matrix.bits(k));
            }
        }

        void add(int[] chosen, int length, int oracleCount) {
            StringBuilder name = new StringBuilder();
            int bestMember = chosen[0];
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    name.append('+');
                }
                name.append(matrix.members().get(chosen[i]));
                if (memberCounts[chosen[i]] > memberCounts[bestMember]) {
                    bestMember = chosen[i];
                }
            }
            double n = matrix.images();
            subset.append(name.toString());
            size.append(length);
            oracle.append(oracleCount / n);
            best.append(matrix.members().get(bestMember));
            bestAccuracy.append(memberCounts[bestMember] / n);
            gain.append((oracleCount - memberCounts[bestMember]) / n);
        }
    }
}
