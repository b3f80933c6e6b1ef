package org.clipsynergy.backbone.mini;

import java.util.List;
import java.util.Objects;

/**
 * The hyperparameters of one zoo member: an image tower of one family and a small text transformer,
 * both projecting to a shared embedding. Stored as {@code architecture.json} beside the weights.
 *
 * @param name the member's name, e.g. {@code mini-convnet-s}
 * @param family the image tower's family: {@code ConvNet}, {@code ViT}, {@code Mixer}, {@code MLP},
 *     {@code ConvMixer} or {@code LSTM}
 * @param imageWidth channels of the first stage (ConvNet), token or channel width (ViT, Mixer,
 *     ConvMixer), hidden width (MLP) or state size (LSTM)
 * @param imageDepth transformer, mixer or ConvMixer layers; hidden layers (MLP) or stacked LSTM
 *     layers; the ConvNet has a fixed four convolutions and ignores it
 * @param patchSize the side of a patch (ViT, Mixer, ConvMixer); 0 for the other families
 * @param embeddingSize the size of the shared embedding both towers project to
 * @param textWidth the text transformer's width
 * @param textLayers the text transformer's layers
 * @param heads attention heads of both transformers
 * @param contextLength text tokens per caption, start and end tokens included
 */
public record MiniArchitecture(
        String name,
        String family,
        int imageWidth,
        int imageDepth,
        int patchSize,
        int embeddingSize,
        int textWidth,
        int textLayers,
        int heads,
        int contextLength) {

    /** The families an image tower can be built from. */
    public static final List<String> FAMILIES =
            List.of("ConvNet", "ViT", "Mixer", "MLP", "ConvMixer", "LSTM");

    /** The side of the square input image in pixels (MNIST and Fashion-MNIST are 28 x 28). */
    public static final int INPUT_SIZE = 28;

    /** Validates the fields; every message names the member, the field and the value found. */
    public MiniArchitecture {
        Objects.requireNonNull(name, "architecture field 'name' is missing");
        require(FAMILIES.contains(family), name, "family", "one of " + FAMILIES, family);
        require(imageWidth > 0, name, "imageWidth", "> 0", imageWidth);
        require(imageDepth >= 0, name, "imageDepth", ">= 0", imageDepth);
        require(
                !"LSTM".equals(family) || imageDepth > 0,
                name,
                "imageDepth",
                "> 0 for an LSTM",
                imageDepth);
        boolean patched =
                "ViT".equals(family) || "Mixer".equals(family) || "ConvMixer".equals(family);
        require(
                !patched || (patchSize > 0 && INPUT_SIZE % patchSize == 0),
                name,
                "patchSize",
                "a divisor of " + INPUT_SIZE,
                patchSize);
        require(embeddingSize > 0, name, "embeddingSize", "> 0", embeddingSize);
        require(textWidth > 0, name, "textWidth", "> 0", textWidth);
        require(textLayers > 0, name, "textLayers", "> 0", textLayers);
        require(
                heads > 0
                        && textWidth % heads == 0
                        && (!"ViT".equals(family) || imageWidth % heads == 0),
                name,
                "heads",
                "a divisor of the transformer widths",
                heads);
        require(contextLength >= 3, name, "contextLength", ">= 3", contextLength);
    }

    private static void require(
            boolean ok, String member, String field, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "zoo architecture '"
                            + member
                            + "': field '"
                            + field
                            + "' must be "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
