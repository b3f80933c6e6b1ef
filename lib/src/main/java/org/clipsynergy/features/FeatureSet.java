package org.clipsynergy.features;

import java.util.List;
import java.util.Objects;

/**
 * What one backbone produced for one dataset split (under one perturbation): the unit every
 * analysis reads from the cache.
 *
 * @param backbone the backbone's name
 * @param dataset the dataset's catalog name
 * @param split the split
 * @param perturbation the corruption's name, or {@code none}
 * @param severity the corruption's severity 1-5, or 0 for none
 * @param classNames the class names, in label order
 * @param imageFeatures n x d L2-normalised image embeddings, one row per image
 * @param logits n x c zero-shot logits, one row per image
 * @param labels n true labels
 * @param indices n indices of the images in their split
 */
public record FeatureSet(
        String backbone,
        String dataset,
        String split,
        String perturbation,
        int severity,
        List<String> classNames,
        float[][] imageFeatures,
        float[][] logits,
        int[] labels,
        long[] indices) {

    /** The perturbation name of clean images. */
    public static final String CLEAN = "none";

    /** Checks that the arrays agree in length and with the class count. */
    public FeatureSet {
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(dataset, "dataset");
        classNames = List.copyOf(classNames);
        int n = labels.length;
        check(
                imageFeatures.length == n,
                backbone,
                dataset,
                "image_features rows",
                n,
                imageFeatures.length);
        check(logits.length == n, backbone, dataset, "logits rows", n, logits.length);
        check(indices.length == n, backbone, dataset, "indices", n, indices.length);
        if (n > 0) {
            check(
                    logits[0].length == classNames.size(),
                    backbone,
                    dataset,
                    "logits columns",
                    classNames.size(),
                    logits[0].length);
        }
    }

    /**
     * The first {@code n} images of this set (rows in cache order), without copying when {@code n}
     * is the whole set.
     *
     * @param n how many images, 0 to {@link #size()}
     * @return the set cut to n rows
     */
    public FeatureSet first(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException(
                    backbone + " on " + dataset + ": cannot take " + n + " images of " + size());
        }
        if (n == size()) {
            return this;
        }
        return new FeatureSet(
                backbone,
                dataset,
                split,
                perturbation,
                severity,
                classNames,
                java.util.Arrays.copyOf(imageFeatures, n),
                java.util.Arrays.copyOf(logits, n),
                java.util.Arrays.copyOf(labels, n),
                java.util.Arrays.copyOf(indices, n));
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    private static void check(
            boolean ok, String backbone, String dataset, String field, int expected, int actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "features of "
                            + backbone
                            + " on "
                            + dataset
                            + ": "
                            + field
                            + " expected "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
