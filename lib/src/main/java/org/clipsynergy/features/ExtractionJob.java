package org.clipsynergy.features;

import java.util.Objects;
import org.clipsynergy.backbone.Backbone;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.perturb.Perturbation;
import org.clipsynergy.text.ZeroShotHead;

/**
 * One extraction: a backbone over one dataset split under one perturbation.
 *
 * @param backboneName the backbone's name in the cache (its folder name)
 * @param backbone the backbone
 * @param cardHash the hash of its card ({@link org.clipsynergy.backbone.Backbones#cardHash})
 * @param dataset the split
 * @param perturbation applied to each image before preprocessing ({@link Perturbation#none()})
 * @param head the zero-shot head for the dataset's classes
 * @param preprocessor the backbone's preprocessing
 */
public record ExtractionJob(
        String backboneName,
        Backbone backbone,
        String cardHash,
        ImageDataset dataset,
        Perturbation perturbation,
        ZeroShotHead head,
        Preprocessor preprocessor) {

    /** Checks that nothing is missing. */
    public ExtractionJob {
        Objects.requireNonNull(backboneName, "backboneName");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(cardHash, "cardHash");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(perturbation, "perturbation");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /**
     * The cache key of the job's result, in the backbone's precision.
     *
     * @param perturbationSeed the seed the perturbation was made with; ignored (0) for clean images
     * @return the key
     */
    public CacheKey key(long perturbationSeed) {
        return new CacheKey(
                backboneName,
                dataset.name(),
                dataset.split(),
                perturbation.name(),
                perturbation.severity(),
                FeatureSet.CLEAN.equals(perturbation.name()) ? 0 : perturbationSeed,
                backbone.precision());
    }
}
