package org.clipsynergy.features;

/**
 * How a {@link FeatureExtractor} runs.
 *
 * @param batchSize images per forward pass, at least 1
 * @param threads worker threads for decoding, perturbing and preprocessing, at least 1
 * @param chunkSize images per cache chunk: a killed run resumes from the last complete one
 * @param limit the most images to extract from the start of the split, or -1 for all
 * @param seed the perturbation seed recorded in the manifest
 * @param progress whether to show a progress bar with an ETA on the console
 */
public record ExtractionSettings(
        int batchSize, int threads, int chunkSize, int limit, long seed, boolean progress) {

    /** Default images per forward pass (open_clip's evaluation default is 64). */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** Default images per cache chunk. */
    public static final int DEFAULT_CHUNK_SIZE = 2048;

    /** Checks every field. */
    public ExtractionSettings {
        check(batchSize >= 1, "batchSize", ">= 1", batchSize);
        check(threads >= 1, "threads", ">= 1", threads);
        check(chunkSize >= 1, "chunkSize", ">= 1", chunkSize);
        check(limit == -1 || limit >= 1, "limit", "-1 (all) or >= 1", limit);
        check(
                seed >= 0,
                "seed",
                ">= 0 (it names the cache folder, e.g. gaussian_noise-3-seed7)",
                seed);
    }

    /** Defaults: batch 64, one thread per core less one (at least 1), chunks of 2,048, all. */
    public static ExtractionSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ExtractionSettings(
                DEFAULT_BATCH_SIZE, Math.max(1, cores - 1), DEFAULT_CHUNK_SIZE, -1, 0, true);
    }

    /** These settings with another batch size. */
    public ExtractionSettings withBatchSize(int b) {
        return new ExtractionSettings(b, threads, chunkSize, limit, seed, progress);
    }

    /** These settings with another thread count. */
    public ExtractionSettings withThreads(int t) {
        return new ExtractionSettings(batchSize, t, chunkSize, limit, seed, progress);
    }

    /** These settings with another chunk size. */
    public ExtractionSettings withChunkSize(int c) {
        return new ExtractionSettings(batchSize, threads, c, limit, seed, progress);
    }

    /** These settings with another limit (-1 for all). */
    public ExtractionSettings withLimit(int l) {
        return new ExtractionSettings(batchSize, threads, chunkSize, l, seed, progress);
    }

    /** These settings with another seed. */
    public ExtractionSettings withSeed(long s) {
        return new ExtractionSettings(batchSize, threads, chunkSize, limit, s, progress);
    }

    /** These settings with the progress bar on or off. */
    public ExtractionSettings withProgress(boolean p) {
        return new ExtractionSettings(batchSize, threads, chunkSize, limit, seed, p);
    }

    private static void check(boolean ok, String field, String expected, long actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "extraction setting '" + field + "' must be " + expected + ", got " + actual);
        }
    }
}
