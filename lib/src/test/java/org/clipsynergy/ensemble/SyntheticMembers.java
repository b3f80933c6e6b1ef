package org.clipsynergy.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clipsynergy.features.FeatureSet;

/** Synthetic members whose best combination is known by construction. */
final class SyntheticMembers {

    private SyntheticMembers() {}

    /**
     * Two members, each right on a different half of the images and confidently wrong on the other;
     * the first feature coordinate of both members says the half.
     *
     * <p>On its good half a member puts logit 5 on the true class; on its bad half it puts a logit
     * drawn uniformly from [4, 6] on the next class, so the mean of logits is right about half the
     * time.
     */
    static List<FeatureSet> halves(int n, int classes, int dim, long seed, String split) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        boolean[] firstHalf = new boolean[n];
        float[][] features = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            firstHalf[i] = (i / classes) % 2 == 0;
            features[i] = noise(random, dim, 0.3);
            features[i][0] = firstHalf[i] ? 1f : -1f;
        }
        List<FeatureSet> members = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            float[][] logits = new float[n][];
            for (int i = 0; i < n; i++) {
                logits[i] = noise(random, classes, 0.5);
                boolean good = firstHalf[i] == (m == 0);
                if (good) {
                    logits[i][labels[i]] += 5f;
                } else {
                    logits[i][(labels[i] + 1) % classes] += (float) (4 + 2 * random.nextDouble());
                }
            }
            members.add(set("member" + m, split, features, logits, labels));
        }
        return members;
    }

    /** {@code copies} members with the same features and logits (right on about 70 %). */
    static List<FeatureSet> identical(int copies, int n, int classes, int dim, long seed) {
        FeatureSet one = noisy("base", "holdout", n, classes, dim, seed, 0.7);
        List<FeatureSet> out = new ArrayList<>();
        for (int m = 0; m < copies; m++) {
            out.add(set("copy" + m, one.split(), one.imageFeatures(), one.logits(), one.labels()));
        }
        return out;
    }

    /**
     * One member right on about {@code accuracy} of the images with a margin, with features that
     * carry a little class information.
     */
    static FeatureSet noisy(
            String name, String split, int n, int classes, int dim, long seed, double accuracy) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        float[][] features = new float[n][];
        float[][] logits = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            features[i] = noise(random, dim, 1.0);
            features[i][labels[i] % dim] += 1f;
            logits[i] = noise(random, classes, 1.0);
            int target = random.nextDouble() < accuracy ? labels[i] : (labels[i] + 1) % classes;
            logits[i][target] += 4f;
        }
        return set(name, split, features, logits, labels);
    }

    /** A member with the given labels and features whose logits are pure noise of scale 5. */
    static FeatureSet useless(String name, FeatureSet like, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] logits = new float[like.size()][];
        for (int i = 0; i < like.size(); i++) {
            logits[i] = noise(random, like.numClasses(), 5.0);
        }
        return set(name, like.split(), like.imageFeatures(), logits, like.labels());
    }

    static FeatureSet set(
            String name, String split, float[][] features, float[][] logits, int[] labels) {
        int n = labels.length;
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        int classes = logits[0].length;
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classNames.add("class" + k);
        }
        return new FeatureSet(
                name,
                "synthetic",
                split,
                FeatureSet.CLEAN,
                0,
                classNames,
                features,
                logits,
                labels,
                indices);
    }

    static float[] noise(SplittableRandom random, int size, double scale) {
        float[] a = new float[size];
        for (int j = 0; j < size; j++) {
            a[j] = (float) (gaussian(random) * scale);
        }
        return a;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
