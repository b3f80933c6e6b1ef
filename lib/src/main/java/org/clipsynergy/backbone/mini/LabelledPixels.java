package org.clipsynergy.backbone.mini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;
import org.clipsynergy.image.ClipPreprocessor;

/**
 * A slice of one dataset split, preprocessed for a zoo member and held in memory with its labels,
 * class names and prompt templates.
 *
 * @param dataset the dataset's name
 * @param split the split
 * @param fromIndex the first index of the slice in the split
 * @param pixels n x 3 x s x s normalised pixels, flattened, one image after another
 * @param labels n labels
 * @param classNames the class names, in label order
 * @param templates prompt templates with a {@code {}} class slot
 */
record LabelledPixels(
        String dataset,
        String split,
        int fromIndex,
        float[] pixels,
        int[] labels,
        List<String> classNames,
        List<String> templates) {

    /** The number of images. */
    int size() {
        return labels.length;
    }

    /**
     * Reads images {@code [from, to)} of a split through the inference preprocessing.
     *
     * @param data the split
     * @param from the first index
     * @param to one past the last index, at most the split's size
     * @param preprocessor the member's preprocessing, the same one inference uses
     * @param side the preprocessed image's side (the card's input size)
     * @return the slice
     * @throws IOException if an image cannot be read
     */
    static LabelledPixels read(
            ImageDataset data, int from, int to, ClipPreprocessor preprocessor, int side)
            throws IOException {
        if (from < 0 || to > data.size() || from > to) {
            throw new IllegalArgumentException(
                    data.name()
                            + "/"
                            + data.split()
                            + ": slice ["
                            + from
                            + ", "
                            + to
                            + ") must lie within [0, "
                            + data.size()
                            + ")");
        }
        int n = to - from;
        int stride = 3 * side * side;
        float[] pixels = new float[n * stride];
        int[] labels = new int[n];
        int count = 0;
        try (Stream<Sample> samples = data.stream(from)) {
            Iterator<Sample> it = samples.iterator();
            while (count < n && it.hasNext()) {
                Sample s = it.next();
                preprocessor.applyInto(s.image(), pixels, count * stride);
                labels[count++] = s.label();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (count < n) {
            throw new IOException(
                    data.name()
                            + "/"
                            + data.split()
                            + ": expected "
                            + n
                            + " images from index "
                            + from
                            + ", read "
                            + count);
        }
        return new LabelledPixels(
                data.name(),
                data.split(),
                from,
                pixels,
                labels,
                data.classNames(),
                data.templates());
    }
}
