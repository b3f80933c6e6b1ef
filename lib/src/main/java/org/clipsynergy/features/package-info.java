/**
 * Feature extraction and the feature cache.
 *
 * <p>{@link org.clipsynergy.features.FeatureStore} keeps, per {@link
 * org.clipsynergy.features.CacheKey} (backbone, dataset, split, perturbation, severity, seed,
 * precision), the L2-normalised image embeddings, zero-shot logits, labels and split indices as
 * NumPy {@code .npy} files with a {@code manifest.json} of provenance ({@link
 * org.clipsynergy.features.CacheManifest}). Entries are published atomically; an extraction writes
 * chunks through a {@link org.clipsynergy.features.PendingEntry} and resumes from the last
 * completed one after a crash. An entry made from another card, dataset fingerprint, template set,
 * seed, precision or limit is recomputed, never mixed; so is one whose array files are missing, cut
 * short or of the wrong shape ({@link org.clipsynergy.features.DamagedEntryException}, logged at
 * WARN with the file).
 *
 * <p>Reading the cache from Python: {@code numpy.load("cache/features/RN50/mnist/test/none-0/
 * logits.npy")}.
 */
package org.clipsynergy.features;
