package org.clipsynergy.metrics;

import java.util.Arrays;

/**
 * Settings of a nonparametric bootstrap with percentile intervals (Efron & Tibshirani 1993, "An
 * Introduction to the Bootstrap", ch. 13): images are resampled with replacement {@code resamples}
 * times from a generator seeded with {@code seed}, and the interval is read off the sorted
 * resampled statistics.
 *
 * @param resamples the number of bootstrap resamples, at least 2
 * @param seed the seed of the resampling generator (recorded with every result)
 * @param level the confidence level in (0, 1), e.g. 0.95
 */
public record Bootstrap(int resamples, long seed, double level) {

    /** The confidence level of a 95 % interval. */
    public static final double LEVEL_95 = 0.95;

    /** Checks the settings. */
    public Bootstrap {
        if (resamples < 2) {
            throw new IllegalArgumentException(
                    "bootstrap: resamples expected >= 2, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap: level expected in (0, 1), got " + level);
        }
    }

    /**
     * 95 % percentile intervals from {@code resamples} resamples drawn with {@code seed}.
     *
     * @param resamples the number of resamples, at least 2
     * @param seed the generator's seed
     * @return the settings
     */
    public static Bootstrap percentile95(int resamples, long seed) {
        return new Bootstrap(resamples, seed, LEVEL_95);
    }

    /**
     * The same settings with another seed.
     *
     * @param newSeed the seed
     * @return the settings
     */
    public Bootstrap withSeed(long newSeed) {
        return new Bootstrap(resamples, newSeed, level);
    }

    /**
     * The percentile interval of resampled statistics: the (1 - level)/2 and (1 + level)/2
     * quantiles, with linear interpolation between order statistics (numpy's default).
     *
     * @param statistics the statistic of each resample; not modified
     * @return the interval
     */
    public Interval interval(double[] statistics) {
        double[] sorted = statistics.clone();
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2));
    }

    /** The q-quantile of sorted values, interpolated linearly at position q (m - 1). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
