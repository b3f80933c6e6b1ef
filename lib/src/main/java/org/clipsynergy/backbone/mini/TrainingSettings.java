package org.clipsynergy.backbone.mini;

/**
 * How every zoo member is trained; the same settings for all members, so that only the architecture
 * differs.
 *
 * @param epochs passes over the training images
 * @param batchSize image-caption pairs per optimiser step (the last partial batch of an epoch is
 *     dropped)
 * @param learningRate Adam's peak learning rate
 * @param warmupSteps steps of linear warm-up from 0 to the peak (a ViT diverged without it)
 * @param finalLearningRate the learning rate a cosine decay reaches at the last step
 * @param seed seeds the initial weights, the data order and the caption templates
 * @param trainPerDataset training images taken from the start of each training split; 0 takes all
 *     but the held-out tail
 * @param heldOutPerDataset images at the end of each training split kept out of training and used
 *     for the per-epoch zero-shot accuracy
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        double learningRate,
        int warmupSteps,
        double finalLearningRate,
        long seed,
        int trainPerDataset,
        int heldOutPerDataset) {

    /** Validates the settings; messages name the field and the value found. */
    public TrainingSettings {
        require(epochs > 0, "epochs", "> 0", epochs);
        require(batchSize >= 2, "batchSize", ">= 2", batchSize);
        require(learningRate > 0, "learningRate", "> 0", learningRate);
        require(warmupSteps >= 0, "warmupSteps", ">= 0", warmupSteps);
        require(
                finalLearningRate >= 0 && finalLearningRate <= learningRate,
                "finalLearningRate",
                "in [0, learningRate]",
                finalLearningRate);
        require(trainPerDataset >= 0, "trainPerDataset", ">= 0", trainPerDataset);
        require(heldOutPerDataset > 0, "heldOutPerDataset", "> 0", heldOutPerDataset);
    }

    private static void require(boolean ok, String field, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "zoo training settings: field '"
                            + field
                            + "' must be "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
