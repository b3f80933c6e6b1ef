package org.clipsynergy.ensemble;

import java.util.List;
import org.clipsynergy.features.FeatureSet;

/**
 * A way of combining several backbones' cached features and logits into one prediction, fitted on a
 * labelled holdout.
 *
 * <p>Members are given as a list of {@link FeatureSet}s aligned by image: the same dataset, split,
 * image indices, labels and class count, one set per backbone, in a fixed order. Methods without
 * parameters (the mean of logits, say) ignore the holdout apart from checking it.
 */
public interface Ensemble {

    /** The method's short name, used as the {@code method} column of result tables. */
    String name();

    /**
     * Fits the ensemble on a labelled holdout.
     *
     * @param holdout one feature set per member, aligned by image; every class must have at least
     *     one image
     * @return the fitted ensemble, which predicts for members in the same order
     * @throws IllegalArgumentException if the members are not aligned, hold NaN or infinite values,
     *     or a class has no holdout image
     */
    FittedEnsemble fit(List<FeatureSet> holdout);

    /**
     * The same method with another random seed; methods without randomness return themselves.
     *
     * @param seed the seed of every random choice the fit makes
     * @return an ensemble that fits with {@code seed}
     */
    default Ensemble withSeed(long seed) {
        return this;
    }
}
