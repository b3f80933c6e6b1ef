package org.clipsynergy.ensemble;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neural Logit Controller (Rodriguez-Opazo et al. 2025, "Synergy and Diversity in CLIP"): an
 * MLP over the concatenated L2-normalised image features of all members predicts one positive
 * temperature per member and image; the ensemble's logits are {@code sum_m logits_m / T_m}.
 *
 * <p>Architecture: {@code x (n x D) -> Linear(D, h) -> ReLU -> Linear(h, m) -> softplus + floor}, D
 * the sum of the members' feature sizes. Trained with cross-entropy by Adam (decoupled weight decay
 * by default, see {@link ControllerSettings}) with DJL autograd on the PyTorch engine; early
 * stopping keeps the weights of the epoch with the lowest validation loss. Weights start from
 * PyTorch's default uniform initialisation drawn from a seeded generator, and the output bias
 * starts where every temperature is 1, so the untrained controller sums the members' logits.
 */
public final class NeuralLogitController implements Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(NeuralLogitController.class);

    /** DJL allows one gradient collector per JVM at a time: training is serialised. */
    private static final Object TRAINING_LOCK = new Object();

    /** Adam's moment decay rates and epsilon (Kingma and Ba 2015, also PyTorch's defaults). */
    private static final float BETA1 = 0.9f;

    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPSILON = 1e-8f;

    /** Rows per forward pass when predicting or computing the validation loss. */
    private static final int EVAL_CHUNK = 2048;

    private final ControllerSettings settings;

    /**
     * A controller with the given settings.
     *
     * @param settings training settings
     */
    public NeuralLogitController(ControllerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A controller with {@link ControllerSettings#defaults(long)}. */
    public static NeuralLogitController withDefaults(long seed) {
        return new NeuralLogitController(ControllerSettings.defaults(seed));
    }

    /** The settings. */
    public ControllerSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "controller";
    }

    @Override
    public Ensemble withSeed(long seed) {
        return new NeuralLogitController(settings.withSeed(seed));
    }

    @Override
    public Fitted fit(List<FeatureSet> holdout) {
        Members.checkHoldout(holdout);
        MemberSignature signature = MemberSignature.of(holdout);
        synchronized (TRAINING_LOCK) {
            return new Trainer(signature, holdout).train();
        }
    }

    /**
     * The weights of the controller's MLP, flattened row-major.
     *
     * @param inputs D, the concatenated feature size
     * @param hidden h
     * @param outputs m, the member count
     * @param w1 D x h
     * @param b1 h
     * @param w2 h x m
     * @param b2 m
     */
    record Weights(
            int inputs, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2) {

        /** PyTorch's Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), seeded. */
        static Weights initial(int inputs, int hidden, int outputs, long seed, double floor) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] w1 = uniform(random, inputs * hidden, 1 / Math.sqrt(inputs));
            float[] b1 = uniform(random, hidden, 1 / Math.sqrt(inputs));
            float[] w2 = uniform(random, hidden * outputs, 1 / Math.sqrt(hidden));
            float[] b2 = new float[outputs];
            // softplus(b) + floor = 1 at b = log(e^(1 - floor) - 1).
            java.util.Arrays.fill(b2, (float) Math.log(Math.expm1(1 - floor)));
            return new Weights(inputs, hidden, outputs, w1, b1, w2, b2);
        }

        private static float[] uniform(SplittableRandom random, int size, double bound) {
            float[] a = new float[size];
            for (int i = 0; i < size; i++) {
                a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            return a;
        }

        NDArray[] toArrays(NDManager manager) {
            return new NDArray[] {
                manager.create(w1, new Shape(inputs, hidden)),
                manager.create(b1, new Shape(hidden)),
                manager.create(w2, new Shape(hidden, outputs)),
                manager.create(b2, new Shape(outputs))
            };
        }

        static Weights of(NDArray[] params) {
            Shape s = params[0].getShape();
            return new Weights(
                    (int) s.get(0),
                    (int) s.get(1),
                    (int) params[2].getShape().get(1),
                    params[0].toFloatArray(),
                    params[1].toFloatArray(),
                    params[2].toFloatArray(),
                    params[3].toFloatArray());
        }
    }

    /**
     * What one training run did.
     *
     * @param epochs epochs run
     * @param bestEpoch the epoch whose weights were kept (1-based; the last one without validation)
     * @param steps optimiser steps run
     * @param bestValidationLoss the lowest validation loss, NaN without a validation slice
     * @param finalTrainingLoss mean training loss of the last epoch
     * @param seconds wall time of the training
     */
    public record TrainingReport(
            int epochs,
            int bestEpoch,
            long steps,
            double bestValidationLoss,
            double finalTrainingLoss,
            double seconds) {}

    /** A fitted controller: plain Java weights, native memory only while predicting. */
    public static final class Fitted implements FittedEnsemble {

        private final MemberSignature signature;
        private final Weights weights;
        private final double floor;
        private final TrainingReport report;

        Fitted(MemberSignature signature, Weights weights, double floor, TrainingReport report) {
            this.signature = signature;
            this.weights = weights;
            this.floor = floor;
            this.report = report;
        }

        @Override
        public String name() {
            return "controller";
        }

        /** What training did (epochs, steps, losses, time). */
        public TrainingReport report() {
            return report;
        }

        @Override
        public float[][] predict(List<FeatureSet> members) {
            return run(members, false);
        }

        /**
         * The temperatures the controller gives each member for each image.
         *
         * @param members aligned members in the fitted order
         * @return n x m temperatures, one row per image
         */
        public float[][] temperatures(List<FeatureSet> members) {
            return run(members, true);
        }

        private float[][] run(List<FeatureSet> members, boolean temperatures) {
            signature.check(members, name());
            int n = members.get(0).size();
            int c = signature.numClasses();
            int m = members.size();
            float[][] out = new float[n][];
            try (NDManager manager = NDManager.newBaseManager()) {
                org.clipsynergy.TorchThreads.noGradients();
                NDArray[] params = weights.toArrays(manager);
                for (int from = 0; from < n; from += EVAL_CHUNK) {
                    int to = Math.min(n, from + EVAL_CHUNK);
                    try (NDManager step = manager.newSubManager()) {
                        step.tempAttachAll(params);
                        NDArray x =
                                step.create(
                                        features(members, from, to),
                                        new Shape(to - from, weights.inputs()));
                        NDArray t = temperature(x, params, floor);
                        NDArray result = t;
                        int width = m;
                        if (!temperatures) {
                            NDArray l =
                                    step.create(
                                            logits(members, from, to), new Shape(to - from, m, c));
                            result = combine(l, t);
                            width = c;
                        }
                        float[] flat = result.toFloatArray();
                        for (int i = from; i < to; i++) {
                            out[i] =
                                    java.util.Arrays.copyOfRange(
                                            flat, (i - from) * width, (i - from + 1) * width);
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Temperatures for a batch: softplus(MLP(x)) + floor, B x m. */
    static NDArray temperature(NDArray x, NDArray[] params, double floor) {
        NDArray h = x.matMul(params[0]).add(params[1]);
        h = h.maximum(0f);
        NDArray z = h.matMul(params[2]).add(params[3]);
        // Stable softplus: max(z, 0) + log(1 + exp(-|z|)).
        NDArray softplus = z.maximum(0f).add(z.abs().neg().exp().add(1f).log());
        return softplus.add((float) floor);
    }

    /** Ensemble logits sum_m l[:, m, :] / t[:, m], B x c. */
    static NDArray combine(NDArray logits, NDArray temperatures) {
        return logits.div(temperatures.expandDims(2)).sum(new int[] {1});
    }

    /** Concatenated, per-member L2-normalised features of rows [from, to), flattened. */
    static float[] features(List<FeatureSet> members, int from, int to) {
        int total = 0;
        for (FeatureSet m : members) {
            total += m.imageFeatures()[0].length;
        }
        float[] out = new float[(to - from) * total];
        int pos = 0;
        for (int i = from; i < to; i++) {
            for (FeatureSet m : members) {
                float[] row = m.imageFeatures()[i];
                double norm = 0;
                for (float v : row) {
                    norm += v * (double) v;
                }
                double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
                for (float v : row) {
                    out[pos++] = (float) (v * scale);
                }
            }
        }
        return out;
    }

    /** Logits of rows [from, to) as a flattened (to - from) x m x c block. */
    static float[] logits(List<FeatureSet> members, int from, int to) {
        int m = members.size();
        int c = members.get(0).numClasses();
        float[] out = new float[(to - from) * m * c];
        int pos = 0;
        for (int i = from; i < to; i++) {
            for (FeatureSet set : members) {
                System.arraycopy(set.logits()[i], 0, out, pos, c);
                pos += c;
            }
        }
        return out;
    }

    /** One training run over a holdout. */
    private final class Trainer {
        private final MemberSignature signature;
        private final List<FeatureSet> holdout;

        Trainer(MemberSignature signature, List<FeatureSet> holdout) {
            this.signature = signature;
            this.holdout = holdout;
        }

        Fitted train() {
            long start = System.nanoTime();
            int n = holdout.get(0).size();
            int[] order = permutation(n, new SplittableRandom(settings.seed() ^ 0x5EEDL));
            int validation = n < 2 ? 0 : (int) Math.round(n * settings.validationFraction());
            if (settings.validationFraction() > 0 && n >= 2) {
                validation = Math.max(1, Math.min(n - 1, validation));
            }
            int[] valRows = java.util.Arrays.copyOfRange(order, 0, validation);
            int[] trainRows = java.util.Arrays.copyOfRange(order, validation, n);
            Weights initial =
                    Weights.initial(
                            signature.totalFeatureSize(),
                            settings.hiddenWidth(),
                            holdout.size(),
                            settings.seed(),
                            settings.minTemperature());
            SplittableRandom batches = new SplittableRandom(settings.seed() + 1);

            try (NDManager root = NDManager.newBaseManager()) {
                org.clipsynergy.TorchThreads.noGradients();
                NDArray x =
                        root.create(
                                features(holdout, 0, n),
                                new Shape(n, signature.totalFeatureSize()));
                NDArray l =
                        root.create(
                                logits(holdout, 0, n),
                                new Shape(n, holdout.size(), signature.numClasses()));
                long[] labelsLong = new long[n];
                for (int i = 0; i < n; i++) {
                    labelsLong[i] = holdout.get(0).labels()[i];
                }
                NDArray y = root.create(labelsLong);
                NDArray[] params = initial.toArrays(root);
                NDArray[] first = new NDArray[params.length];
                NDArray[] second = new NDArray[params.length];
                for (int p = 0; p < params.length; p++) {
                    params[p].setRequiresGradient(true);
                    first[p] = root.zeros(params[p].getShape());
                    second[p] = root.zeros(params[p].getShape());
                }

                Weights best = initial;
                double bestLoss = Double.POSITIVE_INFINITY;
                int bestEpoch = 0;
                int sinceBest = 0;
                long steps = 0;
                double trainLoss = Double.NaN;
                int epoch = 0;
                while (epoch < settings.maxEpochs() && steps < settings.maxSteps()) {
                    epoch++;
                    shuffle(trainRows, batches);
                    double sum = 0;
                    int seen = 0;
                    for (int from = 0;
                            from < trainRows.length && steps < settings.maxSteps();
                            from += settings.batchSize()) {
                        int to = Math.min(trainRows.length, from + settings.batchSize());
                        steps++;
                        double batchLoss =
                                step(
                                        root, x, l, y, params, first, second, trainRows, from, to,
                                        steps);
                        sum += batchLoss * (to - from);
                        seen += to - from;
                    }
                    trainLoss = sum / seen;
                    if (validation == 0) {
                        continue;
                    }
                    double valLoss = loss(root, x, l, y, params, valRows);
                    if (valLoss < bestLoss) {
                        bestLoss = valLoss;
                        bestEpoch = epoch;
                        best = Weights.of(params);
                        sinceBest = 0;
                    } else if (++sinceBest >= settings.patience()) {
                        break;
                    }
                }
                if (validation == 0) {
                    best = Weights.of(params);
                    bestEpoch = epoch;
                    bestLoss = Double.NaN;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                TrainingReport report =
                        new TrainingReport(epoch, bestEpoch, steps, bestLoss, trainLoss, seconds);
                LOG.info(
                        "controller: {} members, {} train + {} validation images, {} epochs"
                                + " ({} steps, best epoch {}, validation loss {}) in {} s",
                        holdout.size(),
                        trainRows.length,
                        validation,
                        epoch,
                        steps,
                        bestEpoch,
                        String.format("%.4f", bestLoss),
                        String.format("%.1f", seconds));
                return new Fitted(signature, best, settings.minTemperature(), report);
            }
        }

        /** One optimiser step on rows[from, to); returns the batch's mean loss. */
        private double step(
                NDManager root,
                NDArray x,
                NDArray l,
                NDArray y,
                NDArray[] params,
                NDArray[] first,
                NDArray[] second,
                int[] rows,
                int from,
                int to,
                long t) {
            try (NDManager step = root.newSubManager()) {
                step.tempAttachAll(x, l, y);
                step.tempAttachAll(params);
                step.tempAttachAll(first);
                step.tempAttachAll(second);
                NDArray index = step.create(longs(rows, from, to));
                NDArray xb = x.get(new NDIndex("{}", index));
                NDArray lb = l.get(new NDIndex("{}", index));
                NDArray yb = y.get(new NDIndex("{}", index));
                double value;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss =
                            crossEntropy(
                                    combine(lb, temperature(xb, params, settings.minTemperature())),
                                    yb);
                    value = loss.getFloat();
                    collector.backward(loss);
                }
                adamUpdate(params, first, second, t);
                return value;
            }
        }

        /** Adam with decoupled (AdamW) or L2 weight decay, bias-corrected; zeroes gradients. */
        private void adamUpdate(NDArray[] params, NDArray[] first, NDArray[] second, long t) {
            float lr = (float) settings.learningRate();
            float decay = (float) settings.weightDecay();
            double correction1 = 1 - Math.pow(BETA1, t);
            double correction2 = 1 - Math.pow(BETA2, t);
            for (int p = 0; p < params.length; p++) {
                NDArray w = params[p];
                NDArray g = w.getGradient();
                if (settings.decoupledWeightDecay()) {
                    w.muli(1 - lr * decay);
                } else if (decay > 0) {
                    g = g.add(w.mul(decay));
                }
                first[p].muli(BETA1).addi(g.mul(1 - BETA1));
                second[p].muli(BETA2).addi(g.square().mul(1 - BETA2));
                NDArray denominator = second[p].div((float) correction2).sqrt().add(ADAM_EPSILON);
                w.subi(first[p].div(denominator).mul((float) (lr / correction1)));
                w.getGradient().muli(0f);
            }
        }

        /** Mean validation loss over rows, in chunks, without gradients. */
        private double loss(
                NDManager root, NDArray x, NDArray l, NDArray y, NDArray[] params, int[] rows) {
            double sum = 0;
            for (int from = 0; from < rows.length; from += EVAL_CHUNK) {
                int to = Math.min(rows.length, from + EVAL_CHUNK);
                try (NDManager step = root.newSubManager()) {
                    step.tempAttachAll(x, l, y);
                    step.tempAttachAll(params);
                    NDArray index = step.create(longs(rows, from, to));
                    NDArray xb = x.get(new NDIndex("{}", index));
                    NDArray lb = l.get(new NDIndex("{}", index));
                    NDArray yb = y.get(new NDIndex("{}", index));
                    NDArray value =
                            crossEntropy(
                                    combine(lb, temperature(xb, params, settings.minTemperature())),
                                    yb);
                    sum += value.getFloat() * (to - from);
                }
            }
            return sum / rows.length;
        }
    }

    /** Mean cross-entropy of logits (B x c) against labels (B, int64). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.gather(labels.expandDims(1), 1).mean().neg();
    }

    private static long[] longs(int[] rows, int from, int to) {
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = rows[i];
        }
        return out;
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, random);
        return a;
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
