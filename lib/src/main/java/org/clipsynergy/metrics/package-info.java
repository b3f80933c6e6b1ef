/**
 * Accuracy, oracle bounds and pairwise diversity of backbones, computed from cached logits.
 *
 * <p>{@link org.clipsynergy.metrics.Accuracy} scores top-1, top-5 (missing below five classes) and
 * mean per-class recall with seeded bootstrap percentile intervals (Efron & Tibshirani 1993), one
 * table row per (backbone, dataset, split, perturbation, severity, seed). {@link
 * org.clipsynergy.metrics.CorrectnessMatrix} records which member is right on which image; {@link
 * org.clipsynergy.metrics.OracleBound} gives the per-image oracle of any subset (right if any
 * member is right), all subsets with their best single member, and the greedy order of oracle
 * gains; {@link org.clipsynergy.metrics.DiversityMatrix} gives the pairwise measures of Kuncheva &
 * Whitaker 2003 (disagreement, Yule's Q, correlation, double fault) and Cohen's kappa (Cohen 1960)
 * on the members' correct/wrong outputs.
 *
 * <p>References: B. Efron and R. Tibshirani, An Introduction to the Bootstrap, 1993. L. I. Kuncheva
 * and C. J. Whitaker, Measures of diversity in classifier ensembles and their relationship with the
 * ensemble accuracy, Machine Learning 51:181-207, 2003. J. Cohen, A coefficient of agreement for
 * nominal scales, Educational and Psychological Measurement 20:37-46, 1960.
 *
 * <p>Every input is checked: logits and labels of different lengths, non-finite logits, labels out
 * of range, an empty subset, or feature sets of different datasets, splits, perturbations,
 * severities or image orders passed as members of one ensemble fail with a message naming the
 * field, the expected and the actual value.
 */
package org.clipsynergy.metrics;
