package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Adds learned positional embeddings to b x l x d tokens and, for a vision transformer, prepends a
 * learned class token first (giving b x (l+1) x d).
 */
final class TokenPositions extends AbstractBlock {

    /** Standard deviation of the initial class and position embeddings (as in CLIP's ViT). */
    static final float INIT_STD = 0.02f;

    private final boolean classToken;
    private final Parameter positions;
    private final Parameter cls;

    TokenPositions(int tokens, int width, boolean classToken) {
        this.classToken = classToken;
        int length = classToken ? tokens + 1 : tokens;
        this.positions =
                addParameter(
                        Parameter.builder()
                                .setName("positions")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(length, width))
                                .optInitializer(new NormalInitializer(INIT_STD))
                                .build());
        this.cls =
                classToken
                        ? addParameter(
                                Parameter.builder()
                                        .setName("class_token")
                                        .setType(Parameter.Type.OTHER)
                                        .optShape(new Shape(1, 1, width))
                                        .optInitializer(new NormalInitializer(INIT_STD))
                                        .build())
                        : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pos = store.getValue(positions, x.getDevice(), training);
        if (classToken) {
            Shape s = x.getShape();
            // Starting from the batch's own zeros keeps the result in the batch's manager.
            NDArray c =
                    x.getManager()
                            .zeros(new Shape(s.get(0), 1, s.get(2)))
                            .add(store.getValue(cls, x.getDevice(), training));
            x = NDArrays.concat(new NDList(c, x), 1);
        }
        return new NDList(x.add(pos));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {classToken ? new Shape(s.get(0), s.get(1) + 1, s.get(2)) : s};
    }
}
