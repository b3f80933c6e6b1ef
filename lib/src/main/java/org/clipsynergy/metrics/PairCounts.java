package org.clipsynergy.metrics;

/**
 * The 2 x 2 table of two members' correctness on the same images, in the notation of Kuncheva &
 * Whitaker 2003 ("Measures of diversity in classifier ensembles and their relationship with the
 * ensemble accuracy", Machine Learning 51:181-207, Table 2), with the pairwise diversity measures
 * defined there. Member A is "i", member B is "k".
 *
 * @param n11 images both get right
 * @param n10 images A gets right and B wrong
 * @param n01 images A gets wrong and B right
 * @param n00 images both get wrong
 */
public record PairCounts(long n11, long n10, long n01, long n00) {
    /** Checks that the counts are non-negative and not all zero. */
    public PairCounts {
        if (n11 < 0 || n10 < 0 || n01 < 0 || n00 < 0 || n11 + n10 + n01 + n00 == 0) {
            throw new IllegalArgumentException(
                    "pair counts: expected non-negative counts with a positive total, got n11="
                            + n11
                            + " n10="
                            + n10
                            + " n01="
                            + n01
                            + " n00="
                            + n00);
        }
    }

    /** The number of images, N = N11 + N10 + N01 + N00. */
    public long total() {
        return n11 + n10 + n01 + n00;
    }

    /** The share of images A gets right and B wrong, N10 / N (not symmetric). */
    public double rightWrongShare() {
        return (double) n10 / total();
    }

    /** The disagreement measure, (N01 + N10) / N: the share of images exactly one gets right. */
    public double disagreement() {
        return (double) (n01 + n10) / total();
    }

    /** The double-fault measure, N00 / N: the share of images both get wrong. */
    public double doubleFault() {
        return (double) n00 / total();
    }

    /**
     * Yule's Q statistic, (N11 N00 - N01 N10) / (N11 N00 + N01 N10), in [-1, 1]; NaN when the
     * denominator is zero.
     */
    public double yuleQ() {
        double agree = (double) n11 * n00;
        double differ = (double) n01 * n10;
        double denominator = agree + differ;
        return denominator == 0 ? Double.NaN : (agree - differ) / denominator;
    }

    /**
     * The correlation coefficient of the two correctness variables, (N11 N00 - N01 N10) / sqrt((N11
     * + N10)(N01 + N00)(N11 + N01)(N10 + N00)); NaN when a member is always or never right.
     */
    public double correlation() {
        double numerator = (double) n11 * n00 - (double) n01 * n10;
        double denominator =
                Math.sqrt((double) (n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00));
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /**
     * Cohen's kappa (Cohen 1960) between the two members' correct/wrong outputs, (p_o - p_e) / (1 -
     * p_e) with observed agreement p_o = (N11 + N00) / N and chance agreement p_e from the margins;
     * equal to 2 (N11 N00 - N01 N10) / ((N11 + N10)(N10 + N00) + (N11 + N01)(N01 + N00)). NaN when
     * chance agreement is 1 (both members constant and equal).
     */
    public double kappa() {
        double n = total();
        double observed = (n11 + n00) / n;
        double chance = ((n11 + n10) * (double) (n11 + n01) + (n01 + n00) * (double) (n10 + n00));
        chance /= n * n;
        return chance == 1 ? Double.NaN : (observed - chance) / (1 - chance);
    }
}
