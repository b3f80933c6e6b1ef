package org.clipsynergy.metrics;

import java.util.Optional;

/**
 * Accuracy point estimates with bootstrap percentile intervals.
 *
 * @param scores the point estimates on all images
 * @param top1 the interval of top-1 accuracy
 * @param top5 the interval of top-5 accuracy; empty below five classes
 * @param meanPerClassRecall the interval of mean per-class recall
 * @param bootstrap the settings that drew the intervals (seed included)
 */
public record AccuracyEstimate(
        AccuracyScores scores,
        Interval top1,
        Optional<Interval> top5,
        Interval meanPerClassRecall,
        Bootstrap bootstrap) {}
