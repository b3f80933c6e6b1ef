package org.clipsynergy.features;

import java.awt.image.BufferedImage;

/**
 * Turns one image into a backbone's input pixels; implemented by CLIP's preprocessing for a card.
 * Must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface Preprocessor {

    /**
     * Writes the 3 x s x s normalised pixels of an image (channels first) into {@code dst} from
     * {@code offset}.
     *
     * @param image the image, any size and colour model
     * @param dst the destination
     * @param offset the first index written
     */
    void applyInto(BufferedImage image, float[] dst, int offset);
}
