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
 * @param gradientClipNorm the largest global L2 norm of all gradients of a step: larger gradients
 *     are scaled down to it before the optimiser step (as open_clip's {@code --grad-clip-norm}); 0
 *     leaves them alone
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        double learningRate,
        int warmupSteps,
        double finalLearningRate,
        long seed,
        int trainPerDataset,
        int heldOutPerDataset,
        double gradientClipNorm) {

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
        require(
                gradientClipNorm >= 0 && Double.isFinite(gradientClipNorm),
                "gradientClipNorm",
                ">= 0 and finite",
                gradientClipNorm);
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
