package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A CLIP-style dual encoder (Radford et al. 2021): an image tower, a text tower and a learned
 * temperature.
 *
 * <p>Inputs: b x 3 x s x s images, b x l token indices (int64), b x l end-of-text one-hot rows.
 * Outputs: b x e image embeddings, b x e text embeddings (both raw), and the logit scale (a
 * 1-element array, exp of the learned log-scale, clamped at {@link #MAX_LOGIT_SCALE}).
 */
final class DualEncoder extends AbstractBlock {

    /** CLIP's initial temperature 0.07, stored as the log of its inverse. */
    static final float INITIAL_LOG_SCALE = (float) Math.log(1 / 0.07);

    /** CLIP clamps the logit scale at 100 to keep training stable. */
    static final float MAX_LOGIT_SCALE = 100f;

    private final Block imageTower;
    private final TextTower textTower;
    private final Parameter logScale;

    DualEncoder(MiniArchitecture a, int vocabularyRows) {
        this.imageTower = addChildBlock("image", ImageTowers.build(a));
        this.textTower = addChildBlock("text", new TextTower(a, vocabularyRows));
        this.logScale =
                addParameter(
                        Parameter.builder()
                                .setName("log_logit_scale")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(1))
                                .optInitializer(new ConstantInitializer(INITIAL_LOG_SCALE))
                                .build());
    }

    /** The image tower alone, for counting its parameters. */
    Block imageTower() {
        return imageTower;
    }

    /** b x 3 x s x s images to b x e raw embeddings. */
    NDArray encodeImages(ParameterStore store, NDArray images, boolean training) {
        return imageTower.forward(store, new NDList(images), training).singletonOrThrow();
    }

    /** b x l token indices and end-of-text one-hot rows to b x e raw embeddings. */
    NDArray encodeTexts(ParameterStore store, NDArray ids, NDArray endOneHot, boolean training) {
        return textTower.forward(store, new NDList(ids, endOneHot), training).singletonOrThrow();
    }

    /** The current logit scale, clamped, as a 1-element array in the given manager. */
    NDArray logitScale(ParameterStore store, NDManager manager, boolean training) {
        NDArray raw = store.getValue(logScale, manager.getDevice(), training);
        // Starting from the caller's zeros keeps the result out of the parameters' manager.
        return manager.zeros(new Shape(1))
                .add(raw)
                .clip(Float.NEGATIVE_INFINITY, (float) Math.log(MAX_LOGIT_SCALE))
                .exp();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray images = encodeImages(store, inputs.get(0), training);
        NDArray texts = encodeTexts(store, inputs.get(1), inputs.get(2), training);
        return new NDList(images, texts, logitScale(store, images.getManager(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape image = imageTower.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape text = textTower.getOutputShapes(new Shape[] {inputShapes[1], inputShapes[2]})[0];
        return new Shape[] {image, text, new Shape(1)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        imageTower.initialize(manager, dataType, inputShapes[0]);
        textTower.initialize(manager, dataType, inputShapes[1], inputShapes[2]);
    }
}
