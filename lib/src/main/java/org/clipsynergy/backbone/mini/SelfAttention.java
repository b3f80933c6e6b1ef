package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017) over a batch of token
 * sequences, built from DJL operations, optionally causal as in CLIP's text transformer.
 *
 * <p>Input and output: b x l x d, one row of l tokens per sequence.
 */
final class SelfAttention extends AbstractBlock {

    private final int width;
    private final int heads;
    private final boolean causal;
    private final Linear qkv;
    private final Linear out;

    SelfAttention(int width, int heads, boolean causal) {
        this.width = width;
        this.heads = heads;
        this.causal = causal;
        this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
        this.out = addChildBlock("out", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long l = x.getShape().get(1);
        int headWidth = width / heads;

        NDArray packed = qkv.forward(store, inputs, training).singletonOrThrow();
        NDArray split = packed.reshape(b, l, 3, heads, headWidth).transpose(2, 0, 3, 1, 4);
        NDArray q = split.get(0).mul((float) (1.0 / Math.sqrt(headWidth)));
        NDArray k = split.get(1);
        NDArray v = split.get(2);

        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (causal) {
            scores = scores.add(causalMask(x.getManager(), (int) l));
        }
        NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, width);
        return out.forward(store, new NDList(mixed), training);
    }

    /** An l x l additive mask: 0 on and below the diagonal, a large negative number above it. */
    private static NDArray causalMask(NDManager manager, int l) {
        float[] mask = new float[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = i + 1; j < l; j++) {
                mask[i * l + j] = -1e9f;
            }
        }
        return manager.create(mask, new Shape(l, l));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        qkv.initialize(manager, dataType, in);
        out.initialize(manager, dataType, in);
    }
}
