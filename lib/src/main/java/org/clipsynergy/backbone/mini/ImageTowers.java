package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;

/**
 * The zoo's image towers, one per family; each maps b x 3 x 28 x 28 normalised pixels to b x e raw
 * embeddings, and {@link #multiplyAdds} counts what one image costs.
 */
final class ImageTowers {

    /** Hidden width of a Mixer's token-mixing MLP, in multiples of the token count. */
    static final int MIXER_TOKEN_HIDDEN_PER_TOKEN = 1;

    /** Hidden width of a Mixer's channel-mixing and a ViT's MLP, in multiples of the width. */
    static final int MLP_RATIO = 4;

    /** The side of a ConvMixer's depthwise kernel (Trockman and Kolter 2022 use 7 or 9). */
    static final int CONV_MIXER_KERNEL = 5;

    private ImageTowers() {}

    /** Builds the image tower an architecture describes. */
    static Block build(MiniArchitecture a) {
        return switch (a.family()) {
            case "ConvNet" -> convNet(a.imageWidth(), a.embeddingSize());
            case "ViT" -> vit(a);
            case "Mixer" -> mixer(a);
            case "MLP" -> mlp(a);
            case "ConvMixer" -> convMixer(a);
            case "LSTM" -> rowLstm(a);
            default -> throw new IllegalArgumentException("unknown family " + a.family());
        };
    }

    /**
     * Multiply-adds of one image's forward pass through the tower: convolutions, linear layers and
     * attention products are counted (one multiply-add each); normalisations, activations, pooling
     * and additions are not, as fvcore, whose counts open_clip reports as GFLOPs, does not either.
     *
     * @param a the architecture
     * @return multiply-adds per image
     */
    static long multiplyAdds(MiniArchitecture a) {
        long e = a.embeddingSize();
        long w = a.imageWidth();
        long pixels = 3L * MiniArchitecture.INPUT_SIZE * MiniArchitecture.INPUT_SIZE;
        switch (a.family()) {
            case "ConvNet":
                {
                    long half = MiniArchitecture.INPUT_SIZE / 2;
                    long quarter = (half + 1) / 2;
                    long conv1 = half * half * w * 3 * 9;
                    long conv2 = half * half * w * w * 9;
                    long conv3 = quarter * quarter * 2 * w * w * 9;
                    long conv4 = quarter * quarter * 2 * w * 2 * w * 9;
                    return conv1 + conv2 + conv3 + conv4 + 2 * w * e;
                }
            case "ViT":
                {
                    long n = tokens(a);
                    long l = n + 1;
                    long patch = n * w * 3L * a.patchSize() * a.patchSize();
                    long attention = l * 3 * w * w + 2 * l * l * w + l * w * w;
                    long mlp = 2 * l * w * MLP_RATIO * w;
                    return patch + a.imageDepth() * (attention + mlp) + w * e;
                }
            case "Mixer":
                {
                    long n = tokens(a);
                    long th = n * MIXER_TOKEN_HIDDEN_PER_TOKEN;
                    long patch = n * w * 3L * a.patchSize() * a.patchSize();
                    long layer = w * 2 * n * th + n * 2 * w * MLP_RATIO * w;
                    return patch + a.imageDepth() * layer + w * e;
                }
            case "MLP":
                return pixels * w + (a.imageDepth() - 1L) * w * w + w * e;
            case "ConvMixer":
                {
                    long n = tokens(a);
                    long patch = n * w * 3L * a.patchSize() * a.patchSize();
                    long layer = n * w * CONV_MIXER_KERNEL * CONV_MIXER_KERNEL + n * w * w;
                    return patch + a.imageDepth() * layer + w * e;
                }
            case "LSTM":
                {
                    // Four gates, each an affine map of the step's input and the previous state.
                    long steps = MiniArchitecture.INPUT_SIZE;
                    long rowInput = 3L * MiniArchitecture.INPUT_SIZE;
                    long first = 4 * w * (rowInput + w);
                    long deeper = 4 * w * (w + w);
                    return steps * (first + (a.imageDepth() - 1L) * deeper) + w * e;
                }
            default:
                throw new IllegalArgumentException("unknown family " + a.family());
        }
    }

    /** The number of patches a patch-based tower cuts an image into. */
    static int tokens(MiniArchitecture a) {
        int side = MiniArchitecture.INPUT_SIZE / a.patchSize();
        return side * side;
    }

    /**
     * A small ResNet-like stack without shortcuts: two stride-2 convolutions downsample early (28
     * -> 14 -> 7), each followed by a same-size convolution, with batch norm and ReLU; global
     * average pooling and a linear projection. Two sizes differ only in width, as RN50 and RN50x4
     * do.
     */
    private static Block convNet(int w, int e) {
        return new SequentialBlock()
                .addAll(conv(w, 2), conv(w, 1), conv(2 * w, 2), conv(2 * w, 1))
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(e).build());
    }

    private static Block conv(int filters, int stride) {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optStride(new Shape(stride, stride))
                                .optPadding(new Shape(1, 1))
                                .setFilters(filters)
                                .optBias(false)
                                .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu);
    }

    /** Cuts the image into p x p patches embedded by one strided convolution: b x n x w tokens. */
    private static Block patchify(int p, int w) {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(p, p))
                                .optStride(new Shape(p, p))
                                .setFilters(w)
                                .build())
                .addSingleton(
                        x -> {
                            Shape s = x.getShape();
                            return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3))
                                    .transpose(0, 2, 1);
                        });
    }

    /**
     * A vision transformer (Dosovitskiy et al. 2021) as in CLIP: patch embedding, class token and
     * positions, a pre-norm, pre-norm transformer layers, the class token's output normed and
     * projected.
     */
    private static Block vit(MiniArchitecture a) {
        int w = a.imageWidth();
        SequentialBlock tower =
                new SequentialBlock()
                        .add(patchify(a.patchSize(), w))
                        .add(new TokenPositions(tokens(a), w, true))
                        .add(Layers.tokenNorm());
        for (int i = 0; i < a.imageDepth(); i++) {
            tower.add(Layers.transformerLayer(w, a.heads(), false));
        }
        return tower.addSingleton(x -> x.get(":, 0, :"))
                .add(LayerNorm.builder().axis(1).build())
                .add(Linear.builder().setUnits(a.embeddingSize()).optBias(false).build());
    }

    /**
     * An MLP-mixer (Tolstikhin et al. 2021): mixer layers, a norm, mean over tokens, projection.
     */
    private static Block mixer(MiniArchitecture a) {
        int w = a.imageWidth();
        int n = tokens(a);
        SequentialBlock tower = new SequentialBlock().add(patchify(a.patchSize(), w));
        for (int i = 0; i < a.imageDepth(); i++) {
            tower.add(Layers.mixerLayer(n, w, n * MIXER_TOKEN_HIDDEN_PER_TOKEN, MLP_RATIO * w));
        }
        return tower.add(Layers.tokenNorm())
                .addSingleton(x -> x.mean(new int[] {1}))
                .add(Linear.builder().setUnits(a.embeddingSize()).build());
    }

    /**
     * A ConvMixer (Trockman and Kolter 2022, "Patches Are All You Need?"): a patch embedding, then
     * layers of a depthwise convolution (in a residual branch) and a pointwise one, each followed
     * by GELU and batch norm; global average pooling and a projection.
     */
    private static Block convMixer(MiniArchitecture a) {
        int w = a.imageWidth();
        int p = a.patchSize();
        int k = CONV_MIXER_KERNEL;
        SequentialBlock tower =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(p, p))
                                        .optStride(new Shape(p, p))
                                        .setFilters(w)
                                        .build())
                        .add(Activation::gelu)
                        .add(BatchNorm.builder().build());
        for (int i = 0; i < a.imageDepth(); i++) {
            Block depthwise =
                    new SequentialBlock()
                            .add(
                                    Conv2d.builder()
                                            .setKernelShape(new Shape(k, k))
                                            .optPadding(new Shape(k / 2, k / 2))
                                            .optGroups(w)
                                            .setFilters(w)
                                            .build())
                            .add(Activation::gelu)
                            .add(BatchNorm.builder().build());
            tower.add(Layers.residual(depthwise))
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(w).build())
                    .add(Activation::gelu)
                    .add(BatchNorm.builder().build());
        }
        return tower.add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(a.embeddingSize()).build());
    }

    /**
     * A recurrent tower that reads the image as a sequence of its 28 rows, top to bottom (each row
     * the 3 x 28 values of its pixels), through a stacked LSTM (Hochreiter and Schmidhuber 1997);
     * the last row's state is normed and projected.
     */
    private static Block rowLstm(MiniArchitecture a) {
        int s = MiniArchitecture.INPUT_SIZE;
        return new SequentialBlock()
                .addSingleton(
                        // b x 3 x s x s -> b x s rows x (3 * s)
                        x -> x.transpose(0, 2, 1, 3).reshape(x.getShape().get(0), s, 3L * s))
                .add(
                        LSTM.builder()
                                .setStateSize(a.imageWidth())
                                .setNumLayers(a.imageDepth())
                                .optBatchFirst(true)
                                .optReturnState(false)
                                .build())
                .addSingleton(x -> x.get(":, -1, :"))
                .add(LayerNorm.builder().axis(1).build())
                .add(Linear.builder().setUnits(a.embeddingSize()).build());
    }

    /** A plain perceptron over the flattened pixels: depth hidden layers with ReLU. */
    private static Block mlp(MiniArchitecture a) {
        SequentialBlock tower =
                new SequentialBlock().addSingleton(x -> x.reshape(x.getShape().get(0), -1));
        for (int i = 0; i < a.imageDepth(); i++) {
            tower.add(Linear.builder().setUnits(a.imageWidth()).build()).add(Activation::relu);
        }
        return tower.add(Linear.builder().setUnits(a.embeddingSize()).build());
    }
}
