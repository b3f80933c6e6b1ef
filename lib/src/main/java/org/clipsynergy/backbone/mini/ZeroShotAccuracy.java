package org.clipsynergy.backbone.mini;

import java.io.IOException;
import java.util.List;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.text.ZeroShotHead;

/** Zero-shot predictions of a backbone on preprocessed images, through {@link ZeroShotHead}. */
public final class ZeroShotAccuracy {

    /** Images encoded per call to the backbone. */
    static final int BATCH = 500;

    private ZeroShotAccuracy() {}

    /**
     * Predicts the class of every image of a dataset split with the backbone's zero-shot head, the
     * split's class names and templates, and the preprocessing of the backbone's card.
     *
     * @param backbone the backbone
     * @param split the split
     * @return one predicted label per image, in index order
     * @throws IOException if an image cannot be read
     */
    public static int[] predict(Backbone backbone, ImageDataset split) throws IOException {
        LabelledPixels images =
                LabelledPixels.read(
                        split,
                        0,
                        split.size(),
                        ClipPreprocessor.forCard(backbone.card()),
                        backbone.card().inputSize());
        return predict(
                backbone, images.pixels(), images.size(), split.classNames(), split.templates());
    }

    /**
     * Predicts the class of every image with the backbone's zero-shot head.
     *
     * @param backbone the backbone
     * @param pixels n x 3 x s x s preprocessed pixels, flattened
     * @param n the number of images
     * @param classNames c class names, in label order
     * @param templates prompt templates with a {@code {}} slot
     * @return n predicted labels
     */
    public static int[] predict(
            Backbone backbone,
            float[] pixels,
            int n,
            List<String> classNames,
            List<String> templates) {
        ZeroShotHead head = ZeroShotHead.build(backbone, classNames, templates);
        int stride = n == 0 ? 0 : pixels.length / n;
        int[] predicted = new int[n];
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            float[] batch = new float[count * stride];
            System.arraycopy(pixels, start * stride, batch, 0, count * stride);
            float[][] features = backbone.encodeImages(batch, count);
            for (int i = 0; i < count; i++) {
                features[i] = ZeroShotHead.normalize(features[i]);
            }
            float[][] logits = head.logits(features);
            for (int i = 0; i < count; i++) {
                predicted[start + i] = argmax(logits[i]);
            }
        }
        return predicted;
    }

    /**
     * The share of predictions equal to their labels.
     *
     * @param predicted n predictions
     * @param labels n labels
     * @return top-1 accuracy in [0, 1]
     */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(
                    "predictions and labels must have the same length, got "
                            + predicted.length
                            + " and "
                            + labels.length);
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) hits / labels.length;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
