/**
 * Ensembles of CLIP backbones over cached features and logits: the Neural Logit Controller, its
 * baselines, few-shot adapters and a cost-aware cascade.
 *
 * <p>Every method implements {@link org.clipsynergy.ensemble.Ensemble}: it is fitted on a labelled
 * holdout (one {@link org.clipsynergy.features.FeatureSet} per member, aligned by image) and the
 * fitted ensemble predicts n x c logits for new images of the same members.
 *
 * <ul>
 *   <li>{@link org.clipsynergy.ensemble.StaticEnsembles}: best single member, mean of logits, mean
 *       of probabilities, majority vote (ties by summed probability), most confident member,
 *       lowest-entropy member.
 *   <li>{@link org.clipsynergy.ensemble.CalibratedAveraging}: one temperature per member fitted by
 *       NLL on the holdout (temperature scaling, Guo et al. 2017, "On Calibration of Modern Neural
 *       Networks"), then the mean of calibrated probabilities (or log-probabilities).
 *   <li>{@link org.clipsynergy.ensemble.Stacking}: stacked generalisation (Wolpert 1992) as a super
 *       learner (van der Laan, Polley and Hubbard 2007): Smile's multinomial logistic regression
 *       over the members' probabilities, its penalty chosen by inner cross-validation.
 *   <li>{@link org.clipsynergy.ensemble.Router}: Smile's logistic regression on the concatenated
 *       image features picks one member per image.
 *   <li>{@link org.clipsynergy.ensemble.MixtureOfExperts}: a softmax gate over frozen members
 *       (Jacobs, Jordan, Nowlan and Hinton 1991), trained on the mixture's NLL.
 *   <li>{@link org.clipsynergy.ensemble.NeuralLogitController}: an MLP over the concatenated
 *       features predicts one temperature per member and image; logits are {@code sum_m logits_m /
 *       T_m} (Rodriguez-Opazo et al. 2025, "Synergy and Diversity in CLIP"). DJL autograd.
 *   <li>{@link org.clipsynergy.ensemble.TipAdapter} (Zhang et al. 2022, "Tip-Adapter: Training-free
 *       Adaption of CLIP for Few-shot Classification") per member, and {@link
 *       org.clipsynergy.ensemble.TipAdaptedEnsemble} to run any ensemble over Tip-Adapter logits.
 *   <li>{@link org.clipsynergy.ensemble.Cascade}: members run cheapest first (GFLOPs from their
 *       cards) until the running calibrated average is confident; accuracy against mean GFLOPs.
 *   <li>{@link org.clipsynergy.ensemble.FewShotExperiment}: k shots per class (or a fraction) from
 *       the training split, several seeds, accuracy on the test split, tidy tablesaw tables.
 * </ul>
 *
 * <p>Randomness: every stochastic method takes a seed in its settings and {@link
 * org.clipsynergy.ensemble.Ensemble#withSeed(long)}; the same seed gives identical predictions.
 * Smile's generator is thread-local, so Smile fits call {@code MathEx.setSeed} in the calling
 * thread first. DJL allows one gradient collector per JVM: controller fits are serialised.
 *
 * <p>Limitations: stacking's coefficient count grows as m c^2 and large-c fits are refused;
 * Tip-Adapter's search leaves each holdout image out of its own cache, which at one shot per class
 * cannot reward the cache; the mixture of experts trains for a fixed number of epochs without early
 * stopping; affinities and the gate run in plain Java (fine for thousands of images, slow for
 * ImageNet-sized test sets).
 */
package org.clipsynergy.ensemble;
