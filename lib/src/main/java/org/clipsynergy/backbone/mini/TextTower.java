package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A small CLIP-style text transformer: token and position embeddings, causal pre-norm layers, a
 * final norm, the end-of-text token's features projected to the shared embedding.
 *
 * <p>Inputs: b x l token rows (int64, indices into the restricted vocabulary) and b x l float
 * one-hot rows marking each caption's end-of-text position. Output: b x e raw embeddings.
 */
final class TextTower extends AbstractBlock {

    private final Parameter tokenTable;
    private final Block body;
    private final Block finalNorm;
    private final Block projection;
    private final int width;
    private final int contextLength;

    TextTower(MiniArchitecture a, int vocabularyRows) {
        this.width = a.textWidth();
        this.contextLength = a.contextLength();
        this.tokenTable =
                addParameter(
                        Parameter.builder()
                                .setName("token_embedding")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(vocabularyRows, width))
                                .optInitializer(new NormalInitializer(TokenPositions.INIT_STD))
                                .build());
        SequentialBlock layers =
                new SequentialBlock().add(new TokenPositions(contextLength, width, false));
        for (int i = 0; i < a.textLayers(); i++) {
            layers.add(Layers.transformerLayer(width, a.heads(), true));
        }
        this.body = addChildBlock("layers", layers);
        this.finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(1).build());
        this.projection =
                addChildBlock(
                        "projection",
                        Linear.builder().setUnits(a.embeddingSize()).optBias(false).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray endOneHot = inputs.get(1);
        NDArray table = store.getValue(tokenTable, ids.getDevice(), training);
        NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        x = body.forward(store, new NDList(x), training).singletonOrThrow();

        long b = x.getShape().get(0);
        NDArray end = endOneHot.expandDims(1).batchMatMul(x).reshape(b, width);
        end = finalNorm.forward(store, new NDList(end), training).singletonOrThrow();
        return projection.forward(store, new NDList(end), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), width);
        return projection.getOutputShapes(new Shape[] {pooled});
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        Shape tokens = new Shape(b, contextLength, width);
        body.initialize(manager, dataType, tokens);
        Shape pooled = new Shape(b, width);
        finalNorm.initialize(manager, dataType, pooled);
        projection.initialize(manager, dataType, pooled);
    }
}
