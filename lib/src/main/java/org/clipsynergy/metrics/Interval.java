package org.clipsynergy.metrics;

/**
 * A confidence interval [lower, upper].
 *
 * @param lower the lower bound
 * @param upper the upper bound, at least {@code lower}
 */
public record Interval(double lower, double upper) {
    /** Checks that the bounds are ordered. */
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException(
                    "interval: upper expected >= lower " + lower + ", got " + upper);
        }
    }
}
