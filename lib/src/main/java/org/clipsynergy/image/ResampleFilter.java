package org.clipsynergy.image;

import java.util.Locale;

/**
 * The convolution filters of Pillow's {@code Image.resize} that CLIP preprocessing uses.
 *
 * <p>Weights and supports are those of Pillow's {@code libImaging/Resample.c}: the bicubic filter
 * is Keys' cubic convolution with a = -0.5 and support 2, the bilinear one the triangle with
 * support 1. When downscaling, the support is widened by the scale factor (antialiasing).
 */
public enum ResampleFilter {
    /** Keys' cubic convolution, a = -0.5, support 2 (Pillow's {@code BICUBIC}). */
    BICUBIC(2.0),
    /** Triangle filter, support 1 (Pillow's {@code BILINEAR}). */
    BILINEAR(1.0);

    /** The cubic's free parameter as Pillow sets it. */
    private static final double CUBIC_A = -0.5;

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /**
     * The filter's support (half-width) at scale 1, in source pixels.
     *
     * @return 2 for bicubic, 1 for bilinear
     */
    public double support() {
        return support;
    }

    /**
     * The filter's weight at a distance from the sample centre.
     *
     * @param x distance in (scaled) source pixels
     * @return the unnormalised weight
     */
    public double weight(double x) {
        double d = x < 0.0 ? -x : x;
        if (this == BILINEAR) {
            return d < 1.0 ? 1.0 - d : 0.0;
        }
        if (d < 1.0) {
            return ((CUBIC_A + 2.0) * d - (CUBIC_A + 3.0)) * d * d + 1;
        }
        if (d < 2.0) {
            return (((d - 5) * d + 8) * d - 4) * CUBIC_A;
        }
        return 0.0;
    }

    /**
     * The filter named in a backbone card.
     *
     * @param name {@code bicubic} or {@code bilinear} (any case)
     * @return the filter
     * @throws IllegalArgumentException for any other name
     */
    public static ResampleFilter named(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "bicubic":
                    return BICUBIC;
                case "bilinear":
                    return BILINEAR;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "interpolation must be bicubic or bilinear, got " + name);
    }
}
