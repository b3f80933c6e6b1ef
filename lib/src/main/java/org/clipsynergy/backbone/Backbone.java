package org.clipsynergy.backbone;

import java.util.List;

/**
 * A CLIP-style dual encoder: an image tower and a text tower that map into one embedding space.
 * Implementations own native resources and must be closed.
 */
public interface Backbone extends AutoCloseable {

    /** What this backbone is and how its inputs must be prepared. */
    BackboneCard card();

    /**
     * Encodes a batch of preprocessed images.
     *
     * @param pixels n x 3 x s x s normalised pixels, flattened in that order, s the card's input
     *     size
     * @param n the number of images
     * @return n x d raw (not normalised) image embeddings, d the card's embedding size
     */
    float[][] encodeImages(float[] pixels, int n);

    /**
     * Tokenizes and encodes texts.
     *
     * @param texts the texts, e.g. filled prompt templates
     * @return one raw (not normalised) embedding of the card's size per text
     */
    float[][] encodeTexts(List<String> texts);

    /**
     * The precision the backbone computes in: part of a feature-cache entry's identity.
     *
     * @return fp32 unless the implementation says otherwise
     */
    default Precision precision() {
        return Precision.FP32;
    }

    /** Releases native memory. */
    @Override
    void close();
}
