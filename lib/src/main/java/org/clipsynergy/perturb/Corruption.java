package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One ImageNet-C corruption at one severity with a seed: a {@link Perturbation} whose random stream
 * for an image depends only on (seed, image index), so any image's corrupted version can be
 * reproduced alone and in any order. Severities share the stream: at the same (seed, index) every
 * severity sees the same noise draws, scaled differently.
 *
 * <p>Build one with {@link Corruptions#byName(String, int, long)}.
 *
 * @param name the corruption's name, as in {@link Corruptions#names()}
 * @param severity 1 (mildest) to 5
 * @param seed the seed mixed with each image's index
 */
public record Corruption(String name, int severity, long seed) implements Perturbation {

    /** Checks the name and severity. */
    public Corruption {
        Objects.requireNonNull(name, "name");
        Corruptions.kernel(name);
        Corruptions.checkSeverity(severity);
    }

    /**
     * Corrupts one image. Works on any size and on grey images, which are corrupted as three equal
     * channels (as the reference package stacks them); the result is always an RGB image
     * (TYPE_INT_RGB) of the input's size, so that colour noise on a grey digit survives until the
     * backbone's preprocessing.
     *
     * @param image the decoded image; not modified
     * @param imageIndex the image's index in its split
     * @return a new RGB image of the same width and height
     */
    @Override
    public BufferedImage apply(BufferedImage image, long imageIndex) {
        Objects.requireNonNull(image, "image");
        SplittableRandom rng = new SplittableRandom(streamSeed(seed, imageIndex));
        return Corruptions.kernel(name).apply(Planes.of(image), severity, rng).toImage();
    }

    /** The seed of one image's random stream: the seed and the index, mixed (SplitMix64). */
    static long streamSeed(long seed, long imageIndex) {
        return mix64(mix64(seed) + 0x9E3779B97F4A7C15L * (imageIndex + 1));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
