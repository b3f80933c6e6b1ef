package org.clipsynergy.features;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.clipsynergy.backbone.Precision;

/**
 * Identifies one feature-cache entry: what one backbone produced for one dataset split under one
 * perturbation.
 *
 * @param backbone the backbone's name (its folder name under {@code backbones/})
 * @param dataset the dataset's catalog name
 * @param split the split, e.g. {@code test}
 * @param perturbation the perturbation's name, {@code none} for clean images
 * @param severity the perturbation's severity 1-5, or 0 for clean images
 * @param seed the perturbation's seed: part of a corrupted entry's identity, so entries of
 *     different seeds live side by side; always 0 for clean images
 * @param precision the precision the backbone computed in: features of fp16 and fp32 live side by
 *     side and one is never served for the other; absent (a key written before precision was part
 *     of it) reads as fp32
 */
public record CacheKey(
        String backbone,
        String dataset,
        String split,
        String perturbation,
        int severity,
        long seed,
        Precision precision) {

    /** Names that are safe as one folder name on every file system. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

    /** Checks every part; each must be usable as a folder name. */
    public CacheKey {
        precision = precision == null ? Precision.FP32 : precision;
        checkName("backbone", backbone);
        checkName("dataset", dataset);
        checkName("split", split);
        checkName("perturbation", perturbation);
        if (FeatureSet.CLEAN.equals(perturbation) ? severity != 0 : severity < 1 || severity > 5) {
            throw new IllegalArgumentException(
                    "cache key field 'severity' must be "
                            + (FeatureSet.CLEAN.equals(perturbation) ? "0 for none" : "1-5")
                            + " for perturbation '"
                            + perturbation
                            + "', got "
                            + severity);
        }
        if (seed < 0) {
            throw new IllegalArgumentException(
                    "cache key field 'seed' must be >= 0 (its folder is named -seed<seed>), got "
                            + seed);
        }
        if (FeatureSet.CLEAN.equals(perturbation) && seed != 0) {
            throw new IllegalArgumentException(
                    "cache key field 'seed' must be 0 for perturbation 'none', got " + seed);
        }
    }

    /**
     * A key in fp32.
     *
     * @param backbone the backbone's name
     * @param dataset the dataset's catalog name
     * @param split the split
     * @param perturbation the perturbation's name
     * @param severity the severity, 0 for clean images
     * @param seed the perturbation's seed, 0 for clean images
     */
    public CacheKey(
            String backbone,
            String dataset,
            String split,
            String perturbation,
            int severity,
            long seed) {
        this(backbone, dataset, split, perturbation, severity, seed, Precision.FP32);
    }

    /**
     * A key in fp32 with seed 0: clean images, or a corruption made with seed 0.
     *
     * @param backbone the backbone's name
     * @param dataset the dataset's catalog name
     * @param split the split
     * @param perturbation the perturbation's name
     * @param severity the severity, 0 for clean images
     */
    public CacheKey(
            String backbone, String dataset, String split, String perturbation, int severity) {
        this(backbone, dataset, split, perturbation, severity, 0, Precision.FP32);
    }

    /**
     * The key of clean images.
     *
     * @param backbone the backbone's name
     * @param dataset the dataset's catalog name
     * @param split the split
     * @return the key with perturbation {@code none} and severity 0
     */
    public static CacheKey clean(String backbone, String dataset, String split) {
        return new CacheKey(backbone, dataset, split, FeatureSet.CLEAN, 0);
    }

    /**
     * The key of the same backbone, dataset, split and precision under another perturbation, seed
     * 0.
     */
    public CacheKey withPerturbation(String name, int newSeverity) {
        return new CacheKey(backbone, dataset, split, name, newSeverity, 0, precision);
    }

    /**
     * The key of the same images under the same perturbation made with another seed.
     *
     * @param newSeed the perturbation's seed; must be 0 for clean images
     * @return the key
     */
    public CacheKey withSeed(long newSeed) {
        return new CacheKey(backbone, dataset, split, perturbation, severity, newSeed, precision);
    }

    /**
     * The key of the same images computed in another precision.
     *
     * @param newPrecision the precision
     * @return the key
     */
    public CacheKey withPrecision(Precision newPrecision) {
        return new CacheKey(backbone, dataset, split, perturbation, severity, seed, newPrecision);
    }

    /**
     * Whether this key and {@code other} name the same images: same backbone, dataset, split,
     * perturbation and severity, whatever the seed.
     */
    public boolean sameImages(CacheKey other) {
        return backbone.equals(other.backbone)
                && dataset.equals(other.dataset)
                && split.equals(other.split)
                && perturbation.equals(other.perturbation)
                && severity == other.severity;
    }

    /**
     * The entry's folder relative to the cache root: {@code
     * features/<backbone>/<dataset>/<split>/<entry>}, the entry being {@code
     * <perturbation>-<severity>} for clean images and seed 0 (the layout of caches written before
     * the seed was part of the key, so those entries are still found) and {@code
     * <perturbation>-<severity>-seed<seed>} for any other seed; features computed in a precision
     * other than fp32 add {@code -<precision>}, e.g. {@code none-0-fp16}.
     */
    public Path relativePath() {
        return Path.of("features", backbone, dataset, split, entryName());
    }

    /** The last part of {@link #relativePath()}, e.g. {@code gaussian_noise-3-seed7}. */
    public String entryName() {
        return perturbation
                + "-"
                + severity
                + (seed == 0 ? "" : "-seed" + seed)
                + (precision == Precision.FP32 ? "" : "-" + precision);
    }

    @Override
    public String toString() {
        return backbone + "/" + dataset + "/" + split + "/" + entryName();
    }

    private static void checkName(String field, String value) {
        Objects.requireNonNull(value, () -> "cache key field '" + field + "' is missing");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "cache key field '"
                            + field
                            + "' must be letters, digits and ._@+- (not starting with one of"
                            + " the symbols), got '"
                            + value
                            + "'");
        }
    }
}
