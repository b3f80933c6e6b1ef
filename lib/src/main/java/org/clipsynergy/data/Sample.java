package org.clipsynergy.data;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One labelled image of a dataset split.
 *
 * @param index the image's position in its split, from 0; stable across runs and machines
 * @param image the decoded image, as stored (grayscale stays grayscale)
 * @param label the class index, from 0 to the number of classes minus one
 * @param origin where the image came from (a file path, or an archive and offset), for messages
 */
public record Sample(int index, BufferedImage image, int label, String origin) {
    /** Checks the fields. */
    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(origin, "origin");
        if (index < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + index);
        }
        if (label < 0) {
            throw new IllegalArgumentException(
                    "label of " + origin + " must be >= 0, got " + label);
        }
    }
}
