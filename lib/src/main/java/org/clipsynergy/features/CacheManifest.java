package org.clipsynergy.features;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.clipsynergy.backbone.Precision;

/**
 * The provenance of one feature-cache entry, stored as {@code manifest.json} beside its arrays. Two
 * entries are interchangeable only when their card hash, dataset fingerprint, head hash and limit
 * agree ({@link #sameSource}).
 *
 * @param key the entry's key
 * @param cardHash SHA-256 (hex) of the backbone's {@code card.json} content
 * @param datasetFingerprint the split's {@link org.clipsynergy.data.ImageDataset#fingerprint()}
 * @param headHash SHA-256 (hex) of the zero-shot head's class names and templates
 * @param classNames the class names, in label order (the logits' columns)
 * @param preprocessing how images were prepared (input size, mean, std, interpolation, resize)
 * @param seed the seed of the perturbation (0 for clean images); equals the key's seed
 * @param limit the most images extracted, or -1 for the whole split
 * @param count the number of images in the entry (0 while it is being written)
 * @param precision the precision the backbone computed in; absent in manifests written before it
 *     was recorded, which read as their key's (fp32, the folder they are in): the loader then ran a
 *     model only in the precision it was exported in, and the card hash, which must match for an
 *     entry to be reused, pins the exported weights file, so such an entry is only ever served for
 *     the same export
 * @param libraryVersion the clip-synergy version that wrote the entry
 * @param createdAt when the entry was completed, ISO-8601 UTC
 */
public record CacheManifest(
        CacheKey key,
        String cardHash,
        String datasetFingerprint,
        String headHash,
        List<String> classNames,
        Map<String, Object> preprocessing,
        long seed,
        int limit,
        int count,
        Precision precision,
        String libraryVersion,
        String createdAt) {

    /**
     * Checks that the identifying fields are present and that the seed agrees with the key's. A
     * manifest written before the seed was part of the key (its key has seed 0, its own field
     * another seed) gets the seed put into its key, so that it never passes for an entry of seed 0.
     */
    public CacheManifest {
        Objects.requireNonNull(key, "manifest field 'key' is missing");
        if (key.seed() == 0 && seed != 0 && !FeatureSet.CLEAN.equals(key.perturbation())) {
            key = key.withSeed(seed);
        }
        if (key.seed() != seed) {
            throw new IllegalArgumentException(
                    "manifest of "
                            + key
                            + ": field 'seed' expected the key's seed "
                            + key.seed()
                            + ", got "
                            + seed);
        }
        Objects.requireNonNull(cardHash, "manifest field 'cardHash' is missing");
        Objects.requireNonNull(
                datasetFingerprint, "manifest field 'datasetFingerprint' is missing");
        Objects.requireNonNull(headHash, "manifest field 'headHash' is missing");
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        preprocessing = preprocessing == null ? Map.of() : Map.copyOf(preprocessing);
        precision = precision == null ? key.precision() : precision;
        if (precision != key.precision()) {
            throw new IllegalArgumentException(
                    "manifest of "
                            + key
                            + ": field 'precision' expected the key's "
                            + key.precision()
                            + ", got "
                            + precision);
        }
        if (limit < -1 || limit == 0) {
            throw new IllegalArgumentException(
                    "manifest field 'limit' must be -1 (all) or > 0, got " + limit);
        }
        if (count < 0) {
            throw new IllegalArgumentException(
                    "manifest field 'count' must be >= 0 (images in the entry), got " + count);
        }
    }

    /**
     * Whether an entry with this manifest was made from the same inputs as {@code other}: same key,
     * card hash, dataset fingerprint, head hash, seed, recorded precision and limit.
     *
     * @param other the manifest a new extraction would write
     * @return true if the cached arrays can be reused for it
     */
    public boolean sameSource(CacheManifest other) {
        return key.equals(other.key)
                && cardHash.equals(other.cardHash)
                && datasetFingerprint.equals(other.datasetFingerprint)
                && headHash.equals(other.headHash)
                && seed == other.seed
                && precision == other.precision
                && limit == other.limit;
    }

    /**
     * Whether this completed entry can serve the first {@code images} images that {@code wanted}
     * asks for: made from the same inputs (key, card, dataset, prompts, seed) and holding at least
     * that many images, whatever limit it was made with.
     *
     * @param wanted the manifest a new extraction would write
     * @param images how many images from the start of the split are wanted
     * @return true if the cached arrays, cut to {@code images} rows, can be reused
     */
    public boolean covers(CacheManifest wanted, int images) {
        return difference(wanted).isEmpty() || (onlyLimitDiffers(wanted) && count >= images);
    }

    /**
     * The first input in which this entry differs from {@code other}, for log messages.
     *
     * @param other the manifest a new extraction would write
     * @return the manifest field's name, or empty when both were made from the same inputs
     */
    public java.util.Optional<String> difference(CacheManifest other) {
        String field =
                !key.equals(other.key)
                        ? "key"
                        : !cardHash.equals(other.cardHash)
                                ? "cardHash"
                                : !datasetFingerprint.equals(other.datasetFingerprint)
                                        ? "datasetFingerprint"
                                        : !headHash.equals(other.headHash)
                                                ? "headHash"
                                                : seed != other.seed
                                                        ? "seed"
                                                        : precision != other.precision
                                                                ? "precision"
                                                                : limit != other.limit
                                                                        ? "limit"
                                                                        : null;
        return java.util.Optional.ofNullable(field);
    }

    private boolean onlyLimitDiffers(CacheManifest other) {
        return difference(other).filter("limit"::equals).isPresent();
    }

    /** This manifest completed with a final count and time stamp. */
    public CacheManifest completed(int finalCount, String time) {
        return new CacheManifest(
                key,
                cardHash,
                datasetFingerprint,
                headHash,
                classNames,
                preprocessing,
                seed,
                limit,
                finalCount,
                precision,
                libraryVersion,
                time);
    }
}
