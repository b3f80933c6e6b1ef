package org.clipsynergy.ensemble;

import java.util.List;
import org.clipsynergy.features.FeatureSet;

/** An ensemble fitted on a holdout: predicts logits for new images of the same members. */
public interface FittedEnsemble {

    /** The method's short name. */
    String name();

    /**
     * Predicts the ensemble's logits for new images.
     *
     * @param members one feature set per member, in the order used to fit, aligned by image
     * @return n x c logits, one row per image (the argmax of a row is the predicted class)
     * @throws IllegalArgumentException if the members differ from those fitted on (names, class
     *     count, feature sizes) or are not aligned
     */
    float[][] predict(List<FeatureSet> members);
}
