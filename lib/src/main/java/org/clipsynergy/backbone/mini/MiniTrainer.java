package org.clipsynergy.backbone.mini;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one zoo member with CLIP's contrastive loss and a learned temperature (Radford et al.
 * 2021), Adam with linear warm-up and cosine decay, on image-caption pairs.
 *
 * <p>The data order and the caption of every image are drawn from the settings' seed alone, so
 * every member sees the same pairs in the same order; the same seed initialises the weights.
 */
public final class MiniTrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniTrainer.class);

    private final MiniArchitecture architecture;
    private final TrainingSettings settings;
    private final ZooData data;
    private final TokenVocabulary vocabulary;
    private final Model model;
    private final Trainer trainer;
    private final DualEncoder encoder;
    private final int stepsPerEpoch;
    private final long[] captionRows;
    private final float[] captionEnds;
    private final DirectInput imageInput = new DirectInput();
    private final DirectInput idInput = new DirectInput();
    private final DirectInput endInput = new DirectInput();
    private final DirectInput selectInput = new DirectInput();
    private final List<EpochRecord> epochs = new ArrayList<>();
    private double trainingSeconds;

    /** Told of training progress. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * Called after each optimiser step.
         *
         * @param done steps done so far
         * @param total steps of the whole run
         */
        void stepped(int done, int total);
    }

    /**
     * A per-epoch line of the training log.
     *
     * @param epoch the epoch, from 1
     * @param meanLoss the mean contrastive loss over the epoch's steps
     * @param logitScale the learned logit scale at the epoch's end
     * @param heldOutAccuracy zero-shot top-1 on each dataset's held-out tail of the training split
     * @param seconds wall time of the epoch's steps, evaluation excluded
     */
    public record EpochRecord(
            int epoch,
            double meanLoss,
            double logitScale,
            Map<String, Double> heldOutAccuracy,
            double seconds) {}

    /**
     * Prepares a member for training: weights initialised from the settings' seed.
     *
     * @param architecture the member's architecture
     * @param settings the training settings shared by all members
     * @param data the training and held-out data with the caption table
     */
    public MiniTrainer(MiniArchitecture architecture, TrainingSettings settings, ZooData data) {
        this.architecture = architecture;
        this.settings = settings;
        this.data = data;
        if (data.captions().contextLength() != architecture.contextLength()) {
            throw new IllegalArgumentException(
                    architecture.name()
                            + ": contextLength "
                            + architecture.contextLength()
                            + " differs from the caption table's "
                            + data.captions().contextLength());
        }
        this.vocabulary = data.vocabulary();
        long[][] tokens = data.captions().tokens();
        int l = architecture.contextLength();
        this.captionRows = new long[tokens.length * l];
        this.captionEnds = new float[tokens.length * l];
        vocabulary.map(tokens, captionRows, captionEnds);
        this.stepsPerEpoch = data.trainingSize() / settings.batchSize();
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException(
                    "zoo training: batchSize "
                            + settings.batchSize()
                            + " exceeds the "
                            + data.trainingSize()
                            + " training images");
        }

        Engine.getInstance().setRandomSeed((int) settings.seed());
        this.encoder = new DualEncoder(architecture, vocabulary.rows());
        this.model = Model.newInstance(architecture.name());
        model.setBlock(encoder);
        int total = stepsPerEpoch * settings.epochs();
        int warmup = Math.min(settings.warmupSteps(), Math.max(total - 1, 0));
        CosineTracker decay =
                CosineTracker.builder()
                        .setBaseValue((float) settings.learningRate())
                        .optFinalValue((float) settings.finalLearningRate())
                        .setMaxUpdates(Math.max(total - warmup, 1))
                        .build();
        WarmUpTracker schedule =
                WarmUpTracker.builder()
                        .setMainTracker(decay)
                        .optWarmUpSteps(warmup)
                        .optWarmUpBeginValue(0f)
                        .build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(new ClipLoss())
                        .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build());
        this.trainer = model.newTrainer(config);
        int s = MiniArchitecture.INPUT_SIZE;
        trainer.initialize(new Shape(1, 3, s, s), new Shape(1, l), new Shape(1, l));
    }

    /** The steps of one epoch (the last partial batch is dropped). */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The steps of the whole run. */
    public int totalSteps() {
        return stepsPerEpoch * settings.epochs();
    }

    /**
     * Trains all epochs, logging the loss and held-out zero-shot accuracy after each.
     *
     * @param tokenizer the CLIP tokenizer, for the held-out zero-shot prompts
     * @param onStep told after every optimiser step
     * @return one record per epoch
     */
    public List<EpochRecord> fit(ClipTokenizer tokenizer, StepListener onStep) {
        int done = 0;
        for (int e = 1; e <= settings.epochs(); e++) {
            long start = System.nanoTime();
            int[][] order = epochOrder(e);
            double lossSum = 0;
            for (int b = 0; b < stepsPerEpoch; b++) {
                lossSum += step(order, b * settings.batchSize());
                onStep.stepped(++done, totalSteps());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            trainingSeconds += seconds;
            Map<String, Double> heldOut = heldOutAccuracy(tokenizer);
            EpochRecord record =
                    new EpochRecord(e, lossSum / stepsPerEpoch, logitScale(), heldOut, seconds);
            epochs.add(record);
            LOG.info(
                    "{} epoch {}/{}: loss {} , logit scale {}, held-out zero-shot top-1 {} ({}"
                            + " s, {} images/s)",
                    architecture.name(),
                    e,
                    settings.epochs(),
                    String.format("%.4f", record.meanLoss()),
                    String.format("%.1f", record.logitScale()),
                    heldOut,
                    String.format("%.1f", seconds),
                    String.format("%.0f", stepsPerEpoch * settings.batchSize() / seconds));
        }
        return List.copyOf(epochs);
    }

    /**
     * One optimiser step on the batch starting at {@code from} in an epoch's order.
     *
     * @param order the epoch's image indices (row 0) and caption indices (row 1)
     * @param from the batch's first position in the order
     * @return the batch's loss before the step
     */
    float step(int[][] order, int from) {
        org.clipsynergy.TorchThreads.noGradients();
        // A sub-manager per step frees every intermediate of the step when it closes.
        try (NDManager step = trainer.getManager().newSubManager()) {
            float loss = forwardBackward(order, from, step);
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException(
                        architecture.name() + ": training loss became " + loss);
            }
            if (settings.gradientClipNorm() > 0) {
                clipGradients(step, settings.gradientClipNorm());
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * The loss of the batch starting at {@code from} and its gradients, left on the parameters.
     *
     * @param order the epoch's image indices (row 0) and caption indices (row 1)
     * @param from the batch's first position in the order
     * @param step the manager the step's arrays belong to
     * @return the batch's loss
     */
    float forwardBackward(int[][] order, int from, NDManager step) {
        int n = settings.batchSize();
        int l = architecture.contextLength();
        int stride = data.pixelsPerImage();
        float[] pixels = new float[n * stride];
        for (int i = 0; i < n; i++) {
            data.copyPixels(order[0][from + i], pixels, i * stride);
        }

        // Many images of a batch share a caption: encode each distinct caption once and give
        // every image its caption's row through a b x u selection matrix (same values, less work).
        int[] distinct =
                IntStream.range(from, from + n).map(i -> order[1][i]).distinct().sorted().toArray();
        int u = distinct.length;
        long[] ids = new long[u * l];
        float[] ends = new float[u * l];
        for (int k = 0; k < u; k++) {
            System.arraycopy(captionRows, distinct[k] * l, ids, k * l, l);
            System.arraycopy(captionEnds, distinct[k] * l, ends, k * l, l);
        }
        float[] select = new float[n * u];
        for (int i = 0; i < n; i++) {
            select[i * u + Arrays.binarySearch(distinct, order[1][from + i])] = 1f;
        }

        int s = MiniArchitecture.INPUT_SIZE;
        NDList inputs =
                new NDList(
                        imageInput.floats(step, pixels, 0, pixels.length, new Shape(n, 3, s, s)),
                        idInput.longs(step, ids, ids.length, new Shape(u, l)),
                        endInput.floats(step, ends, 0, ends.length, new Shape(u, l)));
        NDArray selection = selectInput.floats(step, select, 0, select.length, new Shape(n, u));
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList out = trainer.forward(inputs);
            NDArray texts = selection.matMul(out.get(1));
            NDArray value = ClipLoss.loss(out.get(0), texts, out.get(2));
            collector.backward(value);
            return value.getFloat();
        }
    }

    /**
     * Scales every gradient by one factor so that their global L2 norm is at most {@code maxNorm}
     * (Pascanu et al. 2013), as {@code torch.nn.utils.clip_grad_norm_} does.
     *
     * @param step the step's manager; the gradient handles are attached to it and freed with it
     * @param maxNorm the largest norm allowed
     * @return the global norm before clipping
     */
    double clipGradients(NDManager step, double maxNorm) {
        List<NDArray> gradients = new ArrayList<>();
        double squares = 0;
        for (Parameter p : model.getBlock().getParameters().values()) {
            NDArray value = p.getArray();
            if (!value.hasGradient()) {
                continue;
            }
            NDArray gradient = value.getGradient();
            // The handle would otherwise join the model's manager and stay there every step.
            gradient.attach(step);
            gradients.add(gradient);
            squares +=
                    gradient.square()
                            .sum()
                            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                            .getDouble();
        }
        double norm = Math.sqrt(squares);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
        return norm;
    }

    /** Copies of the gradients now on the parameters, in parameter order (tests). */
    List<float[]> gradients() {
        List<float[]> copies = new ArrayList<>();
        for (Parameter p : model.getBlock().getParameters().values()) {
            if (p.getArray().hasGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    copies.add(g.toFloatArray());
                }
            }
        }
        return copies;
    }

    /**
     * The epoch's order: a seeded shuffle of the training images (row 0) and, for each, a caption
     * drawn from its class with a seeded template (row 1). Depends on the seed, the epoch and the
     * data alone, never on the architecture.
     */
    int[][] epochOrder(int epoch) {
        Random random = new Random(settings.seed() * 1_000_003L + epoch);
        int n = data.trainingSize();
        int[] images = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = images[i];
            images[i] = images[j];
            images[j] = t;
        }
        int[] captions = new int[n];
        for (int i = 0; i < n; i++) {
            int d = data.datasetOf(images[i]);
            int template = random.nextInt(data.captions().templates(d));
            captions[i] = data.captions().index(d, data.labelOf(images[i]), template);
        }
        return new int[][] {images, captions};
    }

    private double logitScale() {
        try (NDManager m = trainer.getManager().newSubManager()) {
            return encoder.logitScale(new ParameterStore(m, false), m, false).getFloat();
        }
    }

    private Map<String, Double> heldOutAccuracy(ClipTokenizer tokenizer) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        try (MiniBackbone view = view(tokenizer)) {
            for (LabelledPixels part : data.heldOut()) {
                int[] predicted =
                        ZeroShotAccuracy.predict(
                                view,
                                part.pixels(),
                                part.size(),
                                part.classNames(),
                                part.templates());
                double top1 = ZeroShotAccuracy.accuracy(predicted, part.labels());
                accuracy.put(part.dataset(), Math.round(top1 * 10000) / 10000.0);
            }
        }
        return accuracy;
    }

    /**
     * The model in training as a {@link org.clipsynergy.backbone.Backbone} (evaluation mode), for
     * evaluation between epochs; closing it releases nothing.
     *
     * @param tokenizer the CLIP tokenizer its text encoder uses
     * @return the view
     */
    MiniBackbone view(ClipTokenizer tokenizer) {
        return MiniBackbone.view(
                ZooCards.card(architecture, logitScale(), imageParameters(), "", "in training"),
                architecture,
                vocabulary,
                encoder,
                trainer.getManager(),
                tokenizer);
    }

    /** The image tower's learnable parameters (batch-norm running statistics excluded). */
    public long imageParameters() {
        long count = 0;
        for (Parameter p : encoder.imageTower().getParameters().values()) {
            Parameter.Type t = p.getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                count += p.getArray().size();
            }
        }
        return count;
    }

    /**
     * Writes the member's folder: weights, architecture, vocabulary and card.
     *
     * @param folder the member's folder, created if missing
     * @param source the card's provenance line
     * @return the card written
     * @throws IOException if a file cannot be written
     */
    public BackboneCard save(Path folder, String source) throws IOException {
        Files.createDirectories(folder);
        Path weights = folder.resolve(MiniBackbone.WEIGHTS_FILE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(weights));
                DataOutputStream data = new DataOutputStream(out)) {
            encoder.saveParameters(data);
        }
        MiniBackbone.JSON.writeValue(
                folder.resolve(MiniBackbone.ARCHITECTURE_FILE).toFile(), architecture);
        MiniBackbone.JSON.writeValue(
                folder.resolve(MiniBackbone.VOCABULARY_FILE).toFile(), vocabulary.ids());
        BackboneCard card =
                ZooCards.card(
                        architecture,
                        logitScale(),
                        imageParameters(),
                        ZooCards.sha256(weights),
                        source);
        MiniBackbone.JSON.writeValue(folder.resolve(MiniBackbone.CARD_FILE).toFile(), card);
        return card;
    }

    /** Seconds spent in optimiser steps so far (evaluation excluded). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
