package org.clipsynergy.backbone.mini;

import java.util.List;
import java.util.Random;

/**
 * Small seeded image sets for the zoo's tests: each class is a bright band (horizontal in one set,
 * vertical in the other) on a dark, noisy background, already normalised.
 */
final class SyntheticData {

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5");
    static final List<String> DIGIT_TEMPLATES = List.of("a photo of the number: \"{}\".");
    static final List<String> CLOTHES = List.of("shirt", "bag", "coat");
    static final List<String> CLOTHES_TEMPLATES =
            List.of("a photo of a {}.", "a black and white photo of a {}.");

    private SyntheticData() {}

    /** One slice of n images whose labels cycle through the classes. */
    static LabelledPixels slice(
            String name,
            List<String> classes,
            List<String> templates,
            int n,
            boolean vertical,
            long seed) {
        int s = MiniArchitecture.INPUT_SIZE;
        int stride = 3 * s * s;
        Random random = new Random(seed);
        float[] pixels = new float[n * stride];
        int[] labels = new int[n];
        int band = s / classes.size();
        for (int i = 0; i < n; i++) {
            int c = i % classes.size();
            labels[i] = c;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        int along = vertical ? x : y;
                        boolean on = along >= c * band && along < (c + 1) * band;
                        float v = (on ? 1.5f : -1f) + 0.3f * (float) random.nextGaussian();
                        pixels[i * stride + ch * s * s + y * s + x] = v;
                    }
                }
            }
        }
        return new LabelledPixels(name, "train", 0, pixels, labels, classes, templates);
    }

    /** Training slices of both sets. */
    static List<LabelledPixels> training(int perSet) {
        return List.of(
                slice("bands", DIGITS, DIGIT_TEMPLATES, perSet, false, 1),
                slice("stripes", CLOTHES, CLOTHES_TEMPLATES, perSet, true, 2));
    }

    /** Held-out slices of both sets, drawn with other seeds. */
    static List<LabelledPixels> heldOut(int perSet) {
        return List.of(
                slice("bands", DIGITS, DIGIT_TEMPLATES, perSet, false, 3),
                slice("stripes", CLOTHES, CLOTHES_TEMPLATES, perSet, true, 4));
    }

    /** A small architecture of a family, fast enough for unit tests. */
    static MiniArchitecture tiny(String family) {
        return switch (family) {
            case "ConvNet" -> new MiniArchitecture("t-conv", "ConvNet", 4, 0, 0, 8, 16, 1, 2, 16);
            case "ViT" -> new MiniArchitecture("t-vit", "ViT", 16, 1, 7, 8, 16, 1, 2, 16);
            case "Mixer" -> new MiniArchitecture("t-mixer", "Mixer", 16, 1, 7, 8, 16, 1, 2, 16);
            case "ConvMixer" ->
                    new MiniArchitecture("t-convmixer", "ConvMixer", 8, 1, 7, 8, 16, 1, 2, 16);
            case "LSTM" -> new MiniArchitecture("t-lstm", "LSTM", 2, 1, 0, 8, 16, 1, 2, 16);
            default -> new MiniArchitecture("t-mlp", "MLP", 32, 1, 0, 8, 16, 1, 2, 16);
        };
    }

    /** Settings for a few steps: batch 24, warm-up 2 steps. */
    static TrainingSettings settings(int epochs, long seed) {
        return new TrainingSettings(epochs, 24, 3e-3, 2, 3e-4, seed, 0, 1, 1.0);
    }
}
