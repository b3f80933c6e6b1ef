package org.clipsynergy.metrics;

import java.util.OptionalDouble;

/**
 * Point estimates of zero-shot classification accuracy on one set of images.
 *
 * @param top1 share of images whose highest logit is the true class, in [0, 1]
 * @param top5 share of images whose true class is among the five highest logits; empty when there
 *     are fewer than five classes, where top-5 is undefined
 * @param meanPerClassRecall top-1 recall averaged over the classes present in the labels (balanced
 *     accuracy)
 * @param images the number of images, n
 * @param classes the number of classes, c (the logits' columns)
 */
public record AccuracyScores(
        double top1, OptionalDouble top5, double meanPerClassRecall, int images, int classes) {}
