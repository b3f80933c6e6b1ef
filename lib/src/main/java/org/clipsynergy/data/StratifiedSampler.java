package org.clipsynergy.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Seeded stratified sampling of a split's indices: k images per class (k-shot) or a fraction of
 * each class. The same labels and seed give the same indices on any machine and Java version,
 * because the algorithm and its random generator are fixed here rather than taken from the
 * platform:
 *
 * <ol>
 *   <li>Classes are visited in ascending label order; within a class its indices are in ascending
 *       order.
 *   <li>One SplitMix64 generator (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
 *       generators"; state += 0x9e3779b97f4a7c15, then the variant-13 mix) is seeded once and
 *       shared by all classes in that order.
 *   <li>From a class of n indices, k are drawn by a partial Fisher-Yates shuffle: for i = 0 .. k-1,
 *       j = i + uniform(n - i), swap positions i and j; the first k are taken.
 *   <li>uniform(b) takes r = next() >>> 1 (63 bits) and returns r mod b, drawing again while r
 *       falls in the last incomplete block (r >= 2^63 - 2^63 mod b), so it is unbiased.
 *   <li>The chosen indices of all classes are returned sorted ascending.
 * </ol>
 *
 * environment/reference/stratified_sample.py implements the same steps in Python for the tests.
 */
public final class StratifiedSampler {

    private StratifiedSampler() {}

    /**
     * Draws k indices from every class present in the labels.
     *
     * @param labels n labels, one per image (class indices from 0)
     * @param k how many per class, at least 1
     * @param seed the random seed
     * @return the chosen indices, sorted ascending; k times the number of distinct labels
     * @throws IllegalArgumentException if k < 1, a label is negative, or a class has fewer than k
     *     images (the message names the class, k and its size)
     */
    public static int[] perClass(int[] labels, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int[][] classes = indicesByClass(labels);
        int[] counts = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            int size = classes[c].length;
            if (size > 0 && size < k) {
                throw new IllegalArgumentException(
                        "class " + c + " has " + size + " images, fewer than k = " + k);
            }
            counts[c] = size == 0 ? 0 : k;
        }
        return draw(classes, counts, seed);
    }

    /**
     * Draws a fraction of every class: from a class of n images, floor(fraction * n + 0.5) of them
     * (at least 1 for a class that has images).
     *
     * @param labels n labels, one per image (class indices from 0)
     * @param fraction the share to keep per class, in (0, 1]
     * @param seed the random seed
     * @return the chosen indices, sorted ascending
     * @throws IllegalArgumentException if the fraction is outside (0, 1] or a label is negative
     */
    public static int[] fraction(int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        int[][] classes = indicesByClass(labels);
        int[] counts = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            int n = classes[c].length;
            counts[c] = n == 0 ? 0 : Math.max(1, (int) Math.floor(fraction * n + 0.5));
        }
        return draw(classes, counts, seed);
    }

    private static int[] draw(int[][] classes, int[] counts, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        int[] chosen = new int[Arrays.stream(counts).sum()];
        int filled = 0;
        for (int c = 0; c < classes.length; c++) {
            int[] pool = classes[c];
            int n = pool.length;
            for (int i = 0; i < counts[c]; i++) {
                int j = i + random.uniform(n - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
                chosen[filled++] = pool[i];
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Each class's indices in ascending order; class c at position c (empty when absent). */
    private static int[][] indicesByClass(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(
                        "label of index " + i + " must be >= 0, got " + labels[i]);
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int[] sizes = new int[classes];
        for (int label : labels) {
            sizes[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[sizes[c]];
        }
        int[] filled = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /** SplitMix64: a 64-bit state advanced by the golden-ratio increment and mixed. */
    static final class SplitMix64 {
        private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long next() {
            state += GOLDEN_GAMMA;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        /** A uniform integer in [0, bound), by rejection from 63 random bits. */
        int uniform(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be > 0, got " + bound);
            }
            long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound + 1) % bound;
            long r;
            do {
                r = next() >>> 1;
            } while (r > limit);
            return (int) (r % bound);
        }
    }
}
