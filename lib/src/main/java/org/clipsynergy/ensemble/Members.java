package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clipsynergy.features.FeatureSet;

/**
 * Checks and small numerics shared by the ensembles: alignment of members, class coverage of a
 * holdout, row subsets, softmax, entropy and accuracy.
 */
public final class Members {

    private Members() {}

    /**
     * Checks that members describe the same images: same dataset, split, size, image indices,
     * labels and class count, and that features and logits are finite.
     *
     * @param members one feature set per backbone
     * @param role what the members are for, used in messages (e.g. {@code holdout})
     * @throws IllegalArgumentException naming the member, the field, expected and actual value
     */
    public static void checkAligned(List<FeatureSet> members, String role) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException(role + ": members expected >= 1, got 0");
        }
        FeatureSet first = members.get(0);
        if (first.size() == 0) {
            throw new IllegalArgumentException(
                    role + " member " + first.backbone() + ": images expected >= 1, got 0");
        }
        for (FeatureSet m : members) {
            require(
                    m.dataset().equals(first.dataset()),
                    role,
                    m,
                    "dataset",
                    first.dataset(),
                    m.dataset());
            require(m.split().equals(first.split()), role, m, "split", first.split(), m.split());
            require(m.size() == first.size(), role, m, "images", first.size(), m.size());
            require(
                    m.numClasses() == first.numClasses(),
                    role,
                    m,
                    "class count",
                    first.numClasses(),
                    m.numClasses());
            int row = firstDifference(first.indices(), m.indices());
            require(
                    row < 0,
                    role,
                    m,
                    "indices[" + row + "]",
                    row < 0 ? "" : first.indices()[row],
                    row < 0 ? "" : m.indices()[row]);
            row = firstDifference(first.labels(), m.labels());
            require(
                    row < 0,
                    role,
                    m,
                    "labels[" + row + "]",
                    row < 0 ? "" : first.labels()[row],
                    row < 0 ? "" : m.labels()[row]);
            checkFinite(m.logits(), role, m, "logits");
            checkFinite(m.imageFeatures(), role, m, "image_features");
            checkLabels(m, role);
        }
    }

    /**
     * Checks that every class has at least one image in a holdout.
     *
     * @param holdout aligned members of the holdout
     * @throws IllegalArgumentException naming the first class without an image
     */
    public static void checkEveryClassPresent(List<FeatureSet> holdout) {
        FeatureSet first = holdout.get(0);
        int[] counts = classCounts(first.labels(), first.numClasses());
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                throw new IllegalArgumentException(
                        "holdout of "
                                + first.dataset()
                                + "/"
                                + first.split()
                                + ": class "
                                + k
                                + " ('"
                                + first.classNames().get(k)
                                + "') has no image; expected >= 1 image per class, got 0");
            }
        }
    }

    /** Checks a holdout as every fit needs it: aligned members and every class present. */
    static void checkHoldout(List<FeatureSet> holdout) {
        checkAligned(holdout, "holdout");
        checkEveryClassPresent(holdout);
    }

    /**
     * The number of images per class.
     *
     * @param labels n labels in [0, c)
     * @param numClasses c
     * @return c counts
     */
    public static int[] classCounts(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /**
     * The rows {@code rows} of a feature set, in that order.
     *
     * @param set the feature set
     * @param rows row numbers in [0, n)
     * @return a feature set of {@code rows.length} images sharing the row arrays
     */
    public static FeatureSet subset(FeatureSet set, int[] rows) {
        int n = rows.length;
        float[][] features = new float[n][];
        float[][] logits = new float[n][];
        int[] labels = new int[n];
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (r < 0 || r >= set.size()) {
                throw new IllegalArgumentException(
                        "subset of "
                                + set.backbone()
                                + ": row expected in [0, "
                                + set.size()
                                + "), got "
                                + r);
            }
            features[i] = set.imageFeatures()[r];
            logits[i] = set.logits()[r];
            labels[i] = set.labels()[r];
            indices[i] = set.indices()[r];
        }
        return new FeatureSet(
                set.backbone(),
                set.dataset(),
                set.split(),
                set.perturbation(),
                set.severity(),
                set.classNames(),
                features,
                logits,
                labels,
                indices);
    }

    /** The rows {@code rows} of every member (see {@link #subset(FeatureSet, int[])}). */
    public static List<FeatureSet> subset(List<FeatureSet> members, int[] rows) {
        List<FeatureSet> out = new ArrayList<>(members.size());
        for (FeatureSet m : members) {
            out.add(subset(m, rows));
        }
        return out;
    }

    /**
     * A copy of a feature set with other logits.
     *
     * @param set the feature set
     * @param logits n x c logits, one row per image
     * @return the set with {@code logits} in place of its own
     */
    public static FeatureSet withLogits(FeatureSet set, float[][] logits) {
        return new FeatureSet(
                set.backbone(),
                set.dataset(),
                set.split(),
                set.perturbation(),
                set.severity(),
                set.classNames(),
                set.imageFeatures(),
                logits,
                set.labels(),
                set.indices());
    }

    /**
     * Top-1 accuracy of logits.
     *
     * @param logits n x c, one row per image
     * @param labels n true labels
     * @return the fraction of rows whose argmax is the label
     */
    public static double accuracy(float[][] logits, int[] labels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException(
                    "accuracy: logits rows expected " + labels.length + ", got " + logits.length);
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (argmax(logits[i]) == labels[i]) {
                right++;
            }
        }
        return labels.length == 0 ? Double.NaN : right / (double) labels.length;
    }

    /** The index of the largest value (the first on ties). */
    public static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The index of the largest value (the first on ties). */
    public static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Softmax of logits divided by a temperature, computed stably in double precision.
     *
     * @param logits c logits
     * @param temperature T > 0
     * @return c probabilities summing to 1
     */
    public static double[] softmax(float[] logits, double temperature) {
        double[] p = logSoftmax(logits, temperature);
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(p[j]);
        }
        return p;
    }

    /**
     * Log-softmax of logits divided by a temperature.
     *
     * @param logits c logits
     * @param temperature T > 0
     * @return c log-probabilities
     */
    public static double[] logSoftmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            out[j] = logits[j] / temperature - max;
            sum += Math.exp(out[j]);
        }
        double log = Math.log(sum);
        for (int j = 0; j < out.length; j++) {
            out[j] -= log;
        }
        return out;
    }

    /** Shannon entropy (nats) of a probability vector. */
    public static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }

    /** Row-wise log of probabilities as float logits (0 probability gives -1e30, not -inf). */
    static float[] logOf(double[] p) {
        float[] out = new float[p.length];
        for (int j = 0; j < p.length; j++) {
            out[j] = p[j] > 0 ? (float) Math.log(p[j]) : -1e30f;
        }
        return out;
    }

    private static void checkFinite(float[][] a, String role, FeatureSet m, String field) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!Float.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(
                            role
                                    + " member "
                                    + m.backbone()
                                    + ": "
                                    + field
                                    + "["
                                    + i
                                    + "]["
                                    + j
                                    + "] expected a finite number, got "
                                    + a[i][j]);
                }
            }
        }
    }

    private static void checkLabels(FeatureSet m, String role) {
        int[] labels = m.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= m.numClasses()) {
                throw new IllegalArgumentException(
                        role
                                + " member "
                                + m.backbone()
                                + ": labels["
                                + i
                                + "] expected in [0, "
                                + m.numClasses()
                                + "), got "
                                + labels[i]);
            }
        }
    }

    private static int firstDifference(long[] a, long[] b) {
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, 0, n, b, 0, n);
        return i;
    }

    private static int firstDifference(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.mismatch(a, 0, n, b, 0, n);
    }

    private static void require(
            boolean ok, String role, FeatureSet m, String field, Object expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    role
                            + " member "
                            + m.backbone()
                            + ": "
                            + field
                            + " expected "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
