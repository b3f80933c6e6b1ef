package org.clipsynergy.similarity;

import org.clipsynergy.features.FeatureSet;

/** Input checks for CKA: each failure names the field, the expected and the actual value. */
final class FeatureChecks {
    private FeatureChecks() {}

    /**
     * Checks a pair of n x d representations of the same n images: rectangular, finite, at least
     * minRows rows, the same row count.
     */
    static void pair(float[][] x, float[][] y, int minRows) {
        matrix(x, "x", minRows);
        matrix(y, "y", minRows);
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "cka: rows of y expected "
                            + x.length
                            + " (the rows of x, one per image), got "
                            + y.length);
        }
    }

    /** Checks one n x d matrix: at least minRows rows, all rows of one length d > 0, finite. */
    static void matrix(float[][] x, String name, int minRows) {
        if (x == null || x.length < minRows) {
            throw new IllegalArgumentException(
                    "cka: rows of "
                            + name
                            + " expected >= "
                            + minRows
                            + ", got "
                            + (x == null ? "null" : x.length));
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("cka: columns of " + name + " expected > 0, got 0");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException(
                        "cka: "
                                + name
                                + " row "
                                + i
                                + " length expected "
                                + d
                                + ", got "
                                + x[i].length);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(
                            "cka: "
                                    + name
                                    + "["
                                    + i
                                    + "]["
                                    + j
                                    + "] expected a finite number, got "
                                    + x[i][j]);
                }
            }
        }
    }

    /** Checks that two feature sets hold the same images: dataset, split and index order. */
    static void sameImages(FeatureSet a, FeatureSet b) {
        same(a, b, "dataset", a.dataset(), b.dataset());
        same(a, b, "split", a.split(), b.split());
        same(a, b, "size", a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            same(a, b, "indices[" + i + "]", a.indices()[i], b.indices()[i]);
        }
    }

    private static void same(
            FeatureSet a, FeatureSet b, String field, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(
                    "cka of '"
                            + a.backbone()
                            + "' and '"
                            + b.backbone()
                            + "': "
                            + field
                            + " expected "
                            + expected
                            + " (as the first), got "
                            + actual);
        }
    }

    /** Checks that a denominator is positive (a representation that is not constant). */
    static void nonDegenerate(double selfSimilarity, String name) {
        if (!(selfSimilarity > 0)) {
            throw new IllegalArgumentException(
                    "cka: HSIC of "
                            + name
                            + " with itself expected > 0 (features that vary across images), got "
                            + selfSimilarity);
        }
    }
}
