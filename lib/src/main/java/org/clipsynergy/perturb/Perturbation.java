package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;

/**
 * A seeded change applied to each image before a backbone's preprocessing (before the resize, as
 * the ImageNet-C benchmark does), so that one image's result can be reproduced alone.
 */
public interface Perturbation {

    /** The perturbation's name, {@code none} for clean images. */
    String name();

    /** The severity, 1 (mildest) to 5, or 0 for clean images. */
    int severity();

    /**
     * Applies the perturbation to one image.
     *
     * @param image the image as decoded; not modified
     * @param imageIndex the image's index in its split, mixed into the seed
     * @return a new image, or {@code image} itself when nothing changes
     */
    BufferedImage apply(BufferedImage image, long imageIndex);

    /** The identity: clean images. */
    static Perturbation none() {
        return new Perturbation() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public int severity() {
                return 0;
            }

            @Override
            public BufferedImage apply(BufferedImage image, long imageIndex) {
                return image;
            }
        };
    }
}
