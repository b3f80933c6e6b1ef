package org.clipsynergy.ensemble;

import java.util.Objects;
import org.clipsynergy.features.FeatureSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tip-Adapter (Zhang et al. 2022, "Tip-Adapter: Training-free Adaption of CLIP for Few-shot
 * Classification"), training-free, for one backbone: a cache whose keys are the L2-normalised
 * features of the few-shot images and whose values are their one-hot labels.
 *
 * <p>For an image with normalised feature f, {@code logits = zeroShot + alpha * exp(-beta (1 - f
 * K^T)) V}, where the zero-shot logits already carry the backbone's logit scale (100 for the OpenAI
 * models), as in the paper. Alpha and beta are searched on the grids of the paper's code ({@code v
 * * (max - 0.1) / steps + 0.1}, v = 0 .. steps - 1) by top-1 accuracy on the cache itself with each
 * image left out of its own cache (a training-free search that needs no extra labelled images).
 *
 * <p>Limitation: with one shot per class the left-out search sees no same-class neighbour, so it
 * cannot reward the cache and picks the smallest alpha; affinities are computed in plain Java, O(n
 * N d) for n queries and N cached images.
 */
public final class TipAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TipAdapter.class);

    /**
     * The search grids.
     *
     * @param alphaMax the largest alpha searched (the paper's ImageNet value is 3)
     * @param alphaSteps alpha grid size (the paper's is 20)
     * @param betaMax the largest beta searched (the paper's ImageNet value is 7)
     * @param betaSteps beta grid size (the paper's is 200)
     */
    public record Settings(double alphaMax, int alphaSteps, double betaMax, int betaSteps) {

        /** Validates the grids. */
        public Settings {
            if (!(alphaMax > 0.1) || !(betaMax > 0.1) || alphaSteps < 1 || betaSteps < 1) {
                throw new IllegalArgumentException(
                        "tip-adapter settings: alphaMax, betaMax > 0.1 and steps >= 1 expected, got "
                                + alphaMax
                                + ", "
                                + betaMax
                                + ", "
                                + alphaSteps
                                + ", "
                                + betaSteps);
            }
        }

        /** The paper's ImageNet search scales (alpha up to 3, beta up to 7), 20 x 50 steps. */
        public static Settings defaults() {
            return new Settings(3, 20, 7, 50);
        }

        double alpha(int i) {
            return i * (alphaMax - 0.1) / alphaSteps + 0.1;
        }

        double beta(int i) {
            return i * (betaMax - 0.1) / betaSteps + 0.1;
        }
    }

    private final String backbone;
    private final float[][] keys;
    private final int[] values;
    private final int numClasses;
    private final double alpha;
    private final double beta;

    private TipAdapter(
            String backbone,
            float[][] keys,
            int[] values,
            int numClasses,
            double alpha,
            double beta) {
        this.backbone = backbone;
        this.keys = keys;
        this.values = values;
        this.numClasses = numClasses;
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * Builds the cache from few-shot images and searches alpha and beta on it, leaving each image
     * out of its own cache.
     *
     * @param cache the few-shot images of one backbone (features, zero-shot logits, labels)
     * @param settings the search grids
     * @return the adapter
     */
    public static TipAdapter fit(FeatureSet cache, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        Members.checkAligned(java.util.List.of(cache), "tip-adapter cache");
        float[][] keys = normalised(cache.imageFeatures());
        int n = cache.size();
        int c = cache.numClasses();
        double[][] affinity = new double[n][];
        for (int i = 0; i < n; i++) {
            affinity[i] = cosines(keys[i], keys);
        }
        double bestAccuracy = -1;
        double bestAlpha = settings.alpha(0);
        double bestBeta = settings.beta(0);
        for (int b = 0; b < settings.betaSteps(); b++) {
            double beta = settings.beta(b);
            double[][] cacheLogits = new double[n][];
            for (int i = 0; i < n; i++) {
                cacheLogits[i] = cacheLogits(affinity[i], cache.labels(), c, beta, i);
            }
            for (int a = 0; a < settings.alphaSteps(); a++) {
                double alpha = settings.alpha(a);
                int right = 0;
                for (int i = 0; i < n; i++) {
                    if (argmax(cache.logits()[i], cacheLogits[i], alpha) == cache.labels()[i]) {
                        right++;
                    }
                }
                double accuracy = right / (double) n;
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestAlpha = alpha;
                    bestBeta = beta;
                }
            }
        }
        LOG.info(
                "tip-adapter {}: {} cached images, alpha {} beta {} (left-out accuracy {})",
                cache.backbone(),
                n,
                String.format("%.3f", bestAlpha),
                String.format("%.3f", bestBeta),
                String.format("%.4f", bestAccuracy));
        return new TipAdapter(
                cache.backbone(), keys, cache.labels().clone(), c, bestAlpha, bestBeta);
    }

    /** The chosen residual weight alpha. */
    public double alpha() {
        return alpha;
    }

    /** The chosen sharpness beta. */
    public double beta() {
        return beta;
    }

    /**
     * Tip-Adapter logits for new images of the same backbone.
     *
     * @param set images of the backbone the cache was built from
     * @return n x c adapted logits
     */
    public float[][] adapt(FeatureSet set) {
        return adapt(set, false);
    }

    /**
     * Tip-Adapter logits for the cached images themselves, each left out of its own cache (what an
     * unseen image of the same class would get).
     *
     * @param cache the set the adapter was fitted on
     * @return n x c adapted logits
     */
    public float[][] adaptLeavingOut(FeatureSet cache) {
        if (cache.size() != keys.length) {
            throw new IllegalArgumentException(
                    "tip-adapter "
                            + backbone
                            + ": cache images expected "
                            + keys.length
                            + ", got "
                            + cache.size());
        }
        return adapt(cache, true);
    }

    private float[][] adapt(FeatureSet set, boolean leaveOut) {
        if (!set.backbone().equals(backbone) || set.numClasses() != numClasses) {
            throw new IllegalArgumentException(
                    "tip-adapter: backbone/classes expected "
                            + backbone
                            + "/"
                            + numClasses
                            + ", got "
                            + set.backbone()
                            + "/"
                            + set.numClasses());
        }
        float[][] features = normalised(set.imageFeatures());
        float[][] out = new float[set.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] cacheLogits =
                    cacheLogits(
                            cosines(features[i], keys),
                            values,
                            numClasses,
                            beta,
                            leaveOut ? i : -1);
            float[] row = set.logits()[i].clone();
            for (int j = 0; j < row.length; j++) {
                row[j] += (float) (alpha * cacheLogits[j]);
            }
            out[i] = row;
        }
        return out;
    }

    /** exp(-beta (1 - cos)) summed per class of the cached images, skipping row {@code skip}. */
    private static double[] cacheLogits(
            double[] cosines, int[] labels, int c, double beta, int skip) {
        double[] out = new double[c];
        for (int j = 0; j < cosines.length; j++) {
            if (j != skip) {
                out[labels[j]] += Math.exp(-beta * (1 - cosines[j]));
            }
        }
        return out;
    }

    private static int argmax(float[] logits, double[] cache, double alpha) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            double v = logits[j] + alpha * cache[j];
            if (v > top) {
                top = v;
                best = j;
            }
        }
        return best;
    }

    private static double[] cosines(float[] f, float[][] keys) {
        double[] out = new double[keys.length];
        for (int j = 0; j < keys.length; j++) {
            double s = 0;
            float[] k = keys[j];
            for (int t = 0; t < f.length; t++) {
                s += f[t] * k[t];
            }
            out[j] = s;
        }
        return out;
    }

    private static float[][] normalised(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            double norm = 0;
            for (float v : a[i]) {
                norm += v * (double) v;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            out[i] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = (float) (a[i][j] * scale);
            }
        }
        return out;
    }
}
