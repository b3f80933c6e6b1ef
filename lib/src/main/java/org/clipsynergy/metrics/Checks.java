package org.clipsynergy.metrics;

import java.util.Arrays;
import java.util.List;
import org.clipsynergy.features.FeatureSet;

/** Input checks shared by the metrics: each failure names the source, field, expected, actual. */
final class Checks {
    private Checks() {}

    /**
     * Checks that logits (n x c) and labels (n) agree, that every logit is finite and every label
     * lies in [0, c).
     *
     * @return c, the number of classes
     */
    static int logitsAndLabels(float[][] logits, int[] labels, String source) {
        if (logits == null || labels == null) {
            throw new IllegalArgumentException(source + ": logits and labels must not be null");
        }
        if (logits.length != labels.length) {
            throw new IllegalArgumentException(
                    source
                            + ": labels length expected "
                            + logits.length
                            + " (the logits' rows), got "
                            + labels.length);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException(source + ": logits rows expected > 0, got 0");
        }
        int c = logits[0].length;
        if (c == 0) {
            throw new IllegalArgumentException(source + ": logits columns expected > 0, got 0");
        }
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != c) {
                throw new IllegalArgumentException(
                        source
                                + ": logits row "
                                + i
                                + " length expected "
                                + c
                                + ", got "
                                + logits[i].length);
            }
            for (int j = 0; j < c; j++) {
                if (!Float.isFinite(logits[i][j])) {
                    throw new IllegalArgumentException(
                            source
                                    + ": logits["
                                    + i
                                    + "]["
                                    + j
                                    + "] expected a finite number, got "
                                    + logits[i][j]);
                }
            }
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(
                        source
                                + ": labels["
                                + i
                                + "] expected in [0, "
                                + c
                                + "), got "
                                + labels[i]);
            }
        }
        return c;
    }

    /**
     * Checks that feature sets describe the same images: same dataset, split, perturbation,
     * severity, labels and index order, and distinct backbones.
     */
    static void sameImages(List<FeatureSet> sets) {
        if (sets == null || sets.isEmpty()) {
            throw new IllegalArgumentException("members: expected at least 1 feature set, got 0");
        }
        FeatureSet first = sets.get(0);
        for (int m = 1; m < sets.size(); m++) {
            FeatureSet other = sets.get(m);
            field(other, first, "dataset", first.dataset(), other.dataset());
            field(other, first, "split", first.split(), other.split());
            field(other, first, "perturbation", first.perturbation(), other.perturbation());
            field(other, first, "severity", first.severity(), other.severity());
            field(other, first, "size", first.size(), other.size());
            for (int i = 0; i < first.size(); i++) {
                if (first.indices()[i] != other.indices()[i]) {
                    field(
                            other,
                            first,
                            "indices[" + i + "]",
                            first.indices()[i],
                            other.indices()[i]);
                }
                if (first.labels()[i] != other.labels()[i]) {
                    field(other, first, "labels[" + i + "]", first.labels()[i], other.labels()[i]);
                }
            }
            for (int k = 0; k < m; k++) {
                if (sets.get(k).backbone().equals(other.backbone())) {
                    throw new IllegalArgumentException(
                            "members: backbone expected distinct names, got '"
                                    + other.backbone()
                                    + "' at positions "
                                    + k
                                    + " and "
                                    + m);
                }
            }
        }
    }

    private static void field(
            FeatureSet other, FeatureSet first, String field, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(
                    "member '"
                            + other.backbone()
                            + "': "
                            + field
                            + " expected "
                            + quote(expected)
                            + " (as member '"
                            + first.backbone()
                            + "'), got "
                            + quote(actual));
        }
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    /** Checks that distinct, non-empty member names come with one item each. */
    static void memberNames(List<String> names, int items, String what) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("members: expected at least 1 name, got 0");
        }
        if (names.size() != items) {
            throw new IllegalArgumentException(
                    "members: "
                            + what
                            + " expected "
                            + names.size()
                            + " (one per name), got "
                            + items);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(
                    "members: names expected distinct, got " + Arrays.toString(names.toArray()));
        }
    }
}
