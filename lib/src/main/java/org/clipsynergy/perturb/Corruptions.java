package org.clipsynergy.perturb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The registry of ImageNet-C corruptions (Hendrycks and Dietterich 2019) by their benchmark names.
 *
 * <p>Seventeen of the nineteen: the fifteen of the benchmark but frost, and two of its four extra
 * ones (speckle noise, gaussian blur, saturate; spatter is missing). Frost overlays six frost
 * photographs that ship with the reference package (2 MB); spatter needs Canny edges, a distance
 * transform and histogram equalisation from OpenCV.
 */
public final class Corruptions {

    private Corruptions() {}

    /** Severities run from 1 to this. */
    public static final int MAX_SEVERITY = 5;

    /** A corruption's pixel work: the clean image, the severity and the image's random stream. */
    @FunctionalInterface
    interface Kernel {
        Planes apply(Planes image, int severity, SplittableRandom rng);
    }

    private static final Map<String, Kernel> KERNELS = new LinkedHashMap<>();

    static {
        KERNELS.put("gaussian_noise", ImageNetC::gaussianNoise);
        KERNELS.put("shot_noise", ImageNetC::shotNoise);
        KERNELS.put("impulse_noise", ImageNetC::impulseNoise);
        KERNELS.put("defocus_blur", ImageNetC::defocusBlur);
        KERNELS.put("glass_blur", ImageNetC::glassBlur);
        KERNELS.put("motion_blur", ImageNetC::motionBlur);
        KERNELS.put("zoom_blur", ImageNetC::zoomBlur);
        KERNELS.put("snow", ImageNetC::snow);
        KERNELS.put("fog", ImageNetC::fog);
        KERNELS.put("brightness", ImageNetC::brightness);
        KERNELS.put("contrast", ImageNetC::contrast);
        KERNELS.put("elastic_transform", ImageNetC::elastic);
        KERNELS.put("pixelate", ImageNetC::pixelate);
        KERNELS.put("jpeg_compression", ImageNetC::jpeg);
        KERNELS.put("speckle_noise", ImageNetC::speckleNoise);
        KERNELS.put("gaussian_blur", ImageNetC::gaussianBlur);
        KERNELS.put("saturate", ImageNetC::saturate);
    }

    /** The names of the corruptions available, in the benchmark's order. */
    public static List<String> names() {
        return List.copyOf(KERNELS.keySet());
    }

    /**
     * The named corruption at a severity, seeded.
     *
     * @param name a name from {@link #names()}
     * @param severity 1 (mildest) to 5
     * @param seed mixed with each image's index to seed that image's noise
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a
     *     severity outside 1-5
     */
    public static Corruption byName(String name, int severity, long seed) {
        return new Corruption(name, severity, seed);
    }

    static Kernel kernel(String name) {
        Kernel k = KERNELS.get(name);
        if (k == null) {
            throw new IllegalArgumentException(
                    "corruption name: expected one of " + names() + ", got \"" + name + "\"");
        }
        return k;
    }

    static void checkSeverity(int severity) {
        if (severity < 1 || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException(
                    "corruption severity: expected 1 to " + MAX_SEVERITY + ", got " + severity);
        }
    }
}
