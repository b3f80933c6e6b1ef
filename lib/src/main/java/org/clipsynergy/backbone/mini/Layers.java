package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/** Building blocks shared by the zoo's towers; every token block maps b x l x d to b x l x d. */
final class Layers {

    private Layers() {}

    /** {@code x + f(x)}; f's output comes first so results stay in the caller's manager. */
    static Block residual(Block f) {
        return new ParallelBlock(
                outs ->
                        new NDList(
                                outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(f, Blocks.identityBlock()));
    }

    /** Layer normalisation over the last axis of b x l x d tokens. */
    static Block tokenNorm() {
        return LayerNorm.builder().axis(2).build();
    }

    /** A two-layer perceptron with GELU: d -> hidden -> out along the last axis. */
    static Block mlp(int hidden, int out) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::gelu)
                .add(Linear.builder().setUnits(out).build());
    }

    /** A pre-norm transformer layer: attention and a 4x MLP, each in a residual branch. */
    static Block transformerLayer(int width, int heads, boolean causal) {
        return new SequentialBlock()
                .add(
                        residual(
                                new SequentialBlock()
                                        .add(tokenNorm())
                                        .add(new SelfAttention(width, heads, causal))))
                .add(residual(new SequentialBlock().add(tokenNorm()).add(mlp(4 * width, width))));
    }

    /**
     * An MLP-mixer layer (Tolstikhin et al. 2021): a token-mixing MLP across the l tokens, then a
     * channel-mixing MLP across the d channels, each pre-normed in a residual branch.
     */
    static Block mixerLayer(int tokens, int width, int tokenHidden, int channelHidden) {
        LambdaBlock swap = LambdaBlock.singleton(x -> x.transpose(0, 2, 1));
        LambdaBlock swapBack = LambdaBlock.singleton(x -> x.transpose(0, 2, 1));
        return new SequentialBlock()
                .add(
                        residual(
                                new SequentialBlock()
                                        .add(tokenNorm())
                                        .add(swap)
                                        .add(mlp(tokenHidden, tokens))
                                        .add(swapBack)))
                .add(
                        residual(
                                new SequentialBlock()
                                        .add(tokenNorm())
                                        .add(mlp(channelHidden, width))));
    }
}
