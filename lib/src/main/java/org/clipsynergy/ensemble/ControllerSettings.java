package org.clipsynergy.ensemble;

/**
 * Settings of the Neural Logit Controller's training; the defaults are the published ones
 * (Rodriguez-Opazo et al. 2025: hidden width 128, Adam, learning rate 2e-4, weight decay 0.01).
 *
 * @param hiddenWidth width of the MLP's hidden layer
 * @param learningRate Adam's step size
 * @param weightDecay weight decay coefficient
 * @param decoupledWeightDecay true: decoupled decay as in AdamW (Loshchilov and Hutter 2019, {@code
 *     torch.optim.AdamW}); false: L2 added to the gradient as in {@code torch.optim.Adam} (and as
 *     DJL 0.36's {@code Adam} does with its weight decay: it calls the engine's update with the
 *     AdamW flag off). The controller applies the update itself so that the choice is explicit.
 * @param batchSize images per optimiser step
 * @param maxEpochs the most passes over the training slice
 * @param maxSteps the most optimiser steps; training stops at whichever limit comes first
 * @param patience epochs without a lower validation loss before training stops
 * @param validationFraction the part of the holdout kept for early stopping, in [0, 1); 0 trains
 *     for {@code maxEpochs} without stopping early
 * @param minTemperature the floor added to softplus so temperatures stay positive
 * @param seed the seed of the initial weights, the validation slice and the batch order
 */
public record ControllerSettings(
        int hiddenWidth,
        double learningRate,
        double weightDecay,
        boolean decoupledWeightDecay,
        int batchSize,
        int maxEpochs,
        int maxSteps,
        int patience,
        double validationFraction,
        double minTemperature,
        long seed) {

    /** Published hidden width of the controller's MLP. */
    public static final int PAPER_HIDDEN_WIDTH = 128;

    /** Published Adam learning rate. */
    public static final double PAPER_LEARNING_RATE = 2e-4;

    /** Published weight decay. */
    public static final double PAPER_WEIGHT_DECAY = 0.01;

    /** Validates every field; messages name the field, the expected range and the value. */
    public ControllerSettings {
        require(hiddenWidth >= 1, "hiddenWidth", ">= 1", hiddenWidth);
        require(
                learningRate > 0 && Double.isFinite(learningRate),
                "learningRate",
                "> 0",
                learningRate);
        require(
                weightDecay >= 0 && Double.isFinite(weightDecay),
                "weightDecay",
                ">= 0",
                weightDecay);
        require(batchSize >= 1, "batchSize", ">= 1", batchSize);
        require(maxEpochs >= 1, "maxEpochs", ">= 1", maxEpochs);
        require(maxSteps >= 1, "maxSteps", ">= 1", maxSteps);
        require(patience >= 1, "patience", ">= 1", patience);
        require(
                validationFraction >= 0 && validationFraction < 1,
                "validationFraction",
                "in [0, 1)",
                validationFraction);
        require(minTemperature > 0, "minTemperature", "> 0", minTemperature);
    }

    /**
     * The published settings with this project's training schedule: batch 256, at most 300 epochs,
     * patience 20, a 20 % validation slice, temperature floor 1e-3.
     *
     * @param seed the seed
     * @return the settings
     */
    public static ControllerSettings defaults(long seed) {
        return new ControllerSettings(
                PAPER_HIDDEN_WIDTH,
                PAPER_LEARNING_RATE,
                PAPER_WEIGHT_DECAY,
                true,
                256,
                300,
                500,
                20,
                0.2,
                1e-3,
                seed);
    }

    /** These settings with another seed. */
    public ControllerSettings withSeed(long newSeed) {
        return new ControllerSettings(
                hiddenWidth,
                learningRate,
                weightDecay,
                decoupledWeightDecay,
                batchSize,
                maxEpochs,
                maxSteps,
                patience,
                validationFraction,
                minTemperature,
                newSeed);
    }

    /** These settings with another learning rate. */
    public ControllerSettings withLearningRate(double rate) {
        return new ControllerSettings(
                hiddenWidth,
                rate,
                weightDecay,
                decoupledWeightDecay,
                batchSize,
                maxEpochs,
                maxSteps,
                patience,
                validationFraction,
                minTemperature,
                seed);
    }

    /** These settings with another schedule (batch size, epochs, patience). */
    public ControllerSettings withSchedule(int batch, int epochs, int epochsPatience) {
        return new ControllerSettings(
                hiddenWidth,
                learningRate,
                weightDecay,
                decoupledWeightDecay,
                batch,
                epochs,
                maxSteps,
                epochsPatience,
                validationFraction,
                minTemperature,
                seed);
    }

    /** These settings with another step limit. */
    public ControllerSettings withMaxSteps(int steps) {
        return new ControllerSettings(
                hiddenWidth,
                learningRate,
                weightDecay,
                decoupledWeightDecay,
                batchSize,
                maxEpochs,
                steps,
                patience,
                validationFraction,
                minTemperature,
                seed);
    }

    private static void require(boolean ok, String field, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "controller settings: field '"
                            + field
                            + "' expected "
                            + expected
                            + ", got "
                            + actual);
        }
    }
}
