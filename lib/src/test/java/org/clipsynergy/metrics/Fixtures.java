package org.clipsynergy.metrics;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;

/** Small feature sets for tests. */
final class Fixtures {
    private Fixtures() {}

    /** A feature set with the given logits and labels, 2-d dummy features, indices 0..n-1. */
    static FeatureSet set(
            String backbone, String dataset, String split, float[][] logits, int[] labels) {
        int n = labels.length;
        float[][] features = new float[n][];
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            features[i] = new float[] {1, 0};
            indices[i] = i;
        }
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < logits[0].length; k++) {
            classes.add("class" + k);
        }
        return new FeatureSet(
                backbone,
                dataset,
                split,
                FeatureSet.CLEAN,
                0,
                classes,
                features,
                logits,
                labels,
                indices);
    }

    /** Logits of c classes that put the highest score on each predicted class. */
    static float[][] logitsPredicting(int[] predictions, int c) {
        float[][] logits = new float[predictions.length][c];
        for (int i = 0; i < predictions.length; i++) {
            logits[i][predictions[i]] = 1;
        }
        return logits;
    }

    /** Flags from a string of 0 and 1. */
    static boolean[] flags(String bits) {
        boolean[] flags = new boolean[bits.length()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = bits.charAt(i) == '1';
        }
        return flags;
    }
}
