package org.clipsynergy.backbone.mini;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * CLIP's contrastive loss (Radford et al. 2021): the mean of the cross-entropies of the image-to-
 * text and text-to-image similarity matrices, the i-th image's positive being the i-th caption.
 *
 * <p>Predictions: b x e image embeddings, b x e text embeddings (raw; normalised here), and the
 * 1-element logit scale. Labels are implied by position and ignored.
 */
final class ClipLoss extends Loss {

    ClipLoss() {
        super("clip_contrastive");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return loss(predictions.get(0), predictions.get(1), predictions.get(2));
    }

    /**
     * The symmetric cross-entropy over b x b scaled cosine similarities.
     *
     * @param images b x e raw image embeddings
     * @param texts b x e raw text embeddings, row i the caption of image i
     * @param logitScale 1-element multiplier of the cosine similarities
     * @return a scalar loss
     */
    static NDArray loss(NDArray images, NDArray texts, NDArray logitScale) {
        long b = images.getShape().get(0);
        NDArray logits = normalise(images).matMul(normalise(texts).transpose()).mul(logitScale);
        NDArray diagonal = images.getManager().eye((int) b);
        NDArray perImage = logits.logSoftmax(1).mul(diagonal).sum();
        NDArray perText = logits.logSoftmax(0).mul(diagonal).sum();
        return perImage.add(perText).div(-2f * b);
    }

    /** Rows divided by their L2 norms. */
    static NDArray normalise(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-12f));
    }
}
