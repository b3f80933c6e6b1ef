package org.clipsynergy.metrics;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Who is right on which image: an m x n table of top-1 correctness of m ensemble members
 * (backbones) on the same n images, the "oracle outputs" of Kuncheva & Whitaker 2003 on which
 * oracle bounds and diversity measures are computed. Stored as one bitset per member.
 */
public final class CorrectnessMatrix {
    /** The most members a pattern table can distinguish (one bit of a long each). */
    public static final int MAX_PATTERN_MEMBERS = 20;

    private final List<String> members;
    private final int images;
    private final long[][] bits;

    private CorrectnessMatrix(List<String> members, int images, long[][] bits) {
        this.members = List.copyOf(members);
        this.images = images;
        this.bits = bits;
    }

    /**
     * The top-1 correctness of each feature set's logits; all sets must describe the same images
     * (dataset, split, perturbation, severity, labels and index order) under distinct backbones.
     *
     * @param sets one feature set per member, at least one
     * @return the matrix, members named by backbone
     */
    public static CorrectnessMatrix fromFeatureSets(List<FeatureSet> sets) {
        Checks.sameImages(sets);
        List<String> names = new ArrayList<>();
        List<boolean[]> right = new ArrayList<>();
        for (FeatureSet set : sets) {
            names.add(set.backbone());
            right.add(Accuracy.correctAtK(set.logits(), set.labels(), 1));
        }
        return of(names, right);
    }

    /**
     * The top-1 correctness of each member's logits against shared labels.
     *
     * @param names the members' names, distinct
     * @param logits one n x c matrix per member, one row per image
     * @param labels n true labels
     * @return the matrix
     */
    public static CorrectnessMatrix fromLogits(
            List<String> names, List<float[][]> logits, int[] labels) {
        Checks.memberNames(names, logits.size(), "logits matrices");
        List<boolean[]> right = new ArrayList<>();
        for (float[][] memberLogits : logits) {
            right.add(Accuracy.correctAtK(memberLogits, labels, 1));
        }
        return of(names, right);
    }

    /**
     * A matrix from per-image flags.
     *
     * @param names the members' names, distinct
     * @param right one array of n flags per member, true where the member is right
     * @return the matrix
     */
    public static CorrectnessMatrix of(List<String> names, List<boolean[]> right) {
        Checks.memberNames(names, right.size(), "correctness arrays");
        int n = right.get(0).length;
        if (n == 0) {
            throw new IllegalArgumentException("members: images expected > 0, got 0");
        }
        long[][] bits = new long[names.size()][];
        for (int m = 0; m < names.size(); m++) {
            boolean[] flags = right.get(m);
            if (flags.length != n) {
                throw new IllegalArgumentException(
                        "member '"
                                + names.get(m)
                                + "': images expected "
                                + n
                                + " (as member '"
                                + names.get(0)
                                + "'), got "
                                + flags.length);
            }
            bits[m] = new long[(n + Long.SIZE - 1) / Long.SIZE];
            for (int i = 0; i < n; i++) {
                if (flags[i]) {
                    bits[m][i >>> 6] |= 1L << i;
                }
            }
        }
        return new CorrectnessMatrix(names, n, bits);
    }

    /** The members' names, in order. */
    public List<String> members() {
        return members;
    }

    /** The number of images, n. */
    public int images() {
        return images;
    }

    /**
     * The position of a member.
     *
     * @param name the member's name
     * @return its index in {@link #members()}
     */
    public int indexOf(String name) {
        int index = members.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "members: name expected one of " + members + ", got '" + name + "'");
        }
        return index;
    }

    /**
     * Whether a member is right on each image.
     *
     * @param member the member's index
     * @return n flags
     */
    public boolean[] correct(int member) {
        boolean[] flags = new boolean[images];
        for (int i = 0; i < images; i++) {
            flags[i] = (bits[member][i >>> 6] & (1L << i)) != 0;
        }
        return flags;
    }

    /**
     * A member's top-1 accuracy.
     *
     * @param member the member's index
     * @return the share of images it gets right
     */
    public double accuracy(int member) {
        return (double) count(bits[member]) / images;
    }

    /** The bitset of a member (shared, not copied). */
    long[] bits(int member) {
        return bits[member];
    }

    /** The number of set bits. */
    static int count(long[] words) {
        int total = 0;
        for (long w : words) {
            total += Long.bitCount(w);
        }
        return total;
    }

    /**
     * Counts for an UpSet or Venn view: how many images each pattern of who is right has. One row
     * per pattern that occurs, most frequent first (ties in pattern order); columns: one boolean
     * column per member (true where right), right_members (how many are right), images, share. The
     * all-wrong pattern is included when it occurs.
     *
     * @return the table named "correctness patterns"
     */
    public Table patterns() {
        int m = members.size();
        if (m > MAX_PATTERN_MEMBERS) {
            throw new IllegalArgumentException(
                    "patterns: members expected <= " + MAX_PATTERN_MEMBERS + ", got " + m);
        }
        int[] counts = new int[1 << m];
        for (int i = 0; i < images; i++) {
            int pattern = 0;
            for (int k = 0; k < m; k++) {
                if ((bits[k][i >>> 6] & (1L << i)) != 0) {
                    pattern |= 1 << k;
                }
            }
            counts[pattern]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] > 0) {
                order.add(p);
            }
        }
        order.sort((a, b) -> counts[a] != counts[b] ? counts[b] - counts[a] : a - b);

        Table table = Table.create("correctness patterns");
        for (int k = 0; k < m; k++) {
            BooleanColumn column = BooleanColumn.create(members.get(k));
            for (int p : order) {
                column.append((p & (1 << k)) != 0);
            }
            table.addColumns(column);
        }
        IntColumn right = IntColumn.create("right_members");
        IntColumn count = IntColumn.create("images");
        DoubleColumn share = DoubleColumn.create("share");
        for (int p : order) {
            right.append(Integer.bitCount(p));
            count.append(counts[p]);
            share.append((double) counts[p] / images);
        }
        return table.addColumns(right, count, share);
    }
}
