package org.clipsynergy.backbone;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a backbone is and how to feed it: stored as {@code card.json} beside its weights.
 *
 * @param name the backbone's name, e.g. {@code ViT-B-32} or {@code mini-convnet-s}
 * @param family the architecture family, e.g. {@code ResNet}, {@code ViT}, {@code ConvNet}, {@code
 *     Mixer}
 * @param inputSize the side of the square input in pixels
 * @param mean the per-channel (RGB) mean subtracted after scaling pixels to [0, 1]
 * @param std the per-channel (RGB) standard deviation divided by after the mean
 * @param interpolation the resize filter, {@code bicubic} or {@code bilinear}
 * @param resizeMode how the image is fitted: {@code shortest} (resize the shortest side, then
 *     centre crop), or {@code squash}
 * @param embeddingSize the size of the joint embedding
 * @param contextLength the text context length in tokens (77 for CLIP)
 * @param logitScale the multiplier of cosine similarities in zero-shot logits (exp of the learned
 *     temperature; 100 for the OpenAI models)
 * @param gflops forward cost of the image tower per image, in GFLOPs
 * @param parameters the number of parameters of the image tower
 * @param weightsSha256 SHA-256 of the weights file, hex
 * @param source where the weights came from (an open_clip model and pretrained tag, or a zoo
 *     recipe)
 */
public record BackboneCard(
        String name,
        String family,
        int inputSize,
        double[] mean,
        double[] std,
        String interpolation,
        String resizeMode,
        int embeddingSize,
        int contextLength,
        double logitScale,
        double gflops,
        long parameters,
        String weightsSha256,
        String source) {

    /** Validates the card; every message names the field and the value found. */
    public BackboneCard {
        Objects.requireNonNull(name, "card field 'name' is missing");
        require(inputSize > 0, name, "inputSize", "> 0", inputSize);
        require(mean != null && mean.length == 3, name, "mean", "3 values", len(mean));
        require(std != null && std.length == 3, name, "std", "3 values", len(std));
        for (double s : std) {
            require(s > 0, name, "std", "all > 0", Arrays.toString(std));
        }
        require(
                "bicubic".equals(interpolation) || "bilinear".equals(interpolation),
                name,
                "interpolation",
                "bicubic or bilinear",
                interpolation);
        require(
                "shortest".equals(resizeMode) || "squash".equals(resizeMode),
                name,
                "resizeMode",
                "shortest or squash",
                resizeMode);
        require(embeddingSize > 0, name, "embeddingSize", "> 0", embeddingSize);
        require(contextLength > 0, name, "contextLength", "> 0", contextLength);
        require(logitScale > 0, name, "logitScale", "> 0", logitScale);
        require(gflops >= 0, name, "gflops", ">= 0", gflops);
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    private static String len(double[] a) {
        return a == null ? "none" : a.length + " values";
    }

    private static void require(
            boolean ok, String card, String field, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "backbone card '"
                            + card
                            + "': field '"
                            + field
                            + "' must be "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
