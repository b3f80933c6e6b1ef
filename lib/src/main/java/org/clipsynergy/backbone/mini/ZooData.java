package org.clipsynergy.backbone.mini;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.data.DatasetCatalog;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zoo's training data: the head of each dataset's training split for training, its tail held
 * out for per-epoch zero-shot accuracy, and the table of every caption with its token ids.
 */
public final class ZooData {

    private static final Logger LOG = LoggerFactory.getLogger(ZooData.class);

    private final List<LabelledPixels> training;
    private final List<LabelledPixels> heldOut;
    private final CaptionTable captions;
    private final TokenVocabulary vocabulary;
    private final int[] partOf;
    private final int[] localOf;
    private final int pixelsPerImage;

    /**
     * Training data from slices already read.
     *
     * @param training one slice per dataset, images to train on
     * @param heldOut one slice per dataset, in the same order, images to evaluate on
     * @param tokenizer the CLIP tokenizer
     * @param contextLength tokens per caption
     */
    ZooData(
            List<LabelledPixels> training,
            List<LabelledPixels> heldOut,
            ClipTokenizer tokenizer,
            int contextLength) {
        this.training = List.copyOf(training);
        this.heldOut = List.copyOf(heldOut);
        this.captions = new CaptionTable(training, tokenizer, contextLength);
        this.vocabulary = TokenVocabulary.of(captions.tokens());
        int n = training.stream().mapToInt(LabelledPixels::size).sum();
        this.partOf = new int[n];
        this.localOf = new int[n];
        int k = 0;
        for (int d = 0; d < training.size(); d++) {
            for (int i = 0; i < training.get(d).size(); i++, k++) {
                partOf[k] = d;
                localOf[k] = i;
            }
        }
        int s = MiniArchitecture.INPUT_SIZE;
        this.pixelsPerImage = 3 * s * s;
    }

    /**
     * Reads the training splits of the given datasets through a member's preprocessing.
     *
     * @param catalog the dataset catalog
     * @param datasets dataset names, e.g. mnist and fashion-mnist
     * @param settings how many images to train on and hold out per dataset
     * @param preprocessor the preprocessing inference uses
     * @param tokenizer the CLIP tokenizer
     * @param contextLength tokens per caption
     * @return the data
     * @throws IOException if a split cannot be read
     */
    public static ZooData load(
            DatasetCatalog catalog,
            List<String> datasets,
            TrainingSettings settings,
            ClipPreprocessor preprocessor,
            ClipTokenizer tokenizer,
            int contextLength)
            throws IOException {
        long start = System.nanoTime();
        List<LabelledPixels> training = new ArrayList<>();
        List<LabelledPixels> heldOut = new ArrayList<>();
        for (String name : datasets) {
            ImageDataset split = catalog.open(name, "train");
            int tail = split.size() - settings.heldOutPerDataset();
            if (tail <= 0) {
                throw new IllegalArgumentException(
                        name
                                + "/train has "
                                + split.size()
                                + " images, too few to hold out "
                                + settings.heldOutPerDataset());
            }
            int count =
                    settings.trainPerDataset() == 0
                            ? tail
                            : Math.min(settings.trainPerDataset(), tail);
            training.add(
                    LabelledPixels.read(
                            split, 0, count, preprocessor, MiniArchitecture.INPUT_SIZE));
            heldOut.add(
                    LabelledPixels.read(
                            split, tail, split.size(), preprocessor, MiniArchitecture.INPUT_SIZE));
        }
        ZooData data = new ZooData(training, heldOut, tokenizer, contextLength);
        LOG.info(
                "read {} training and {} held-out images of {} in {} s; {} captions, {} token ids",
                data.trainingSize(),
                heldOut.stream().mapToInt(LabelledPixels::size).sum(),
                datasets,
                String.format("%.1f", (System.nanoTime() - start) / 1e9),
                data.captions.captions().size(),
                data.vocabulary.ids().size());
        return data;
    }

    /** The number of training images over all datasets. */
    public int trainingSize() {
        return partOf.length;
    }

    /** Floats per preprocessed image (3 x s x s). */
    int pixelsPerImage() {
        return pixelsPerImage;
    }

    /** The dataset (position in the list) of training image {@code i}. */
    int datasetOf(int i) {
        return partOf[i];
    }

    /** The label of training image {@code i}. */
    int labelOf(int i) {
        return training.get(partOf[i]).labels()[localOf[i]];
    }

    /** Copies training image {@code i}'s pixels into {@code dst} at {@code offset}. */
    void copyPixels(int i, float[] dst, int offset) {
        System.arraycopy(
                training.get(partOf[i]).pixels(),
                localOf[i] * pixelsPerImage,
                dst,
                offset,
                pixelsPerImage);
    }

    /** The training slices, one per dataset. */
    List<LabelledPixels> training() {
        return training;
    }

    /** The held-out slices, one per dataset. */
    List<LabelledPixels> heldOut() {
        return heldOut;
    }

    /** Every caption training can draw, tokenized. */
    CaptionTable captions() {
        return captions;
    }

    /** The token ids the captions use. */
    TokenVocabulary vocabulary() {
        return vocabulary;
    }
}
