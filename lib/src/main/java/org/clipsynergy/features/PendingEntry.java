package org.clipsynergy.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache entry being written in chunks, so that a killed extraction resumes from its last
 * completed chunk.
 *
 * <p>Chunks live in {@code <entry>.partial/chunk-NNNNNN/}, each written under a temporary name and
 * renamed when complete, beside the manifest of the source they were made from. {@link #commit()}
 * joins them into the final entry, atomically, and removes the partial folder.
 */
public final class PendingEntry {

    private static final Logger LOG = LoggerFactory.getLogger(PendingEntry.class);
    private static final Pattern CHUNK = Pattern.compile("chunk-(\\d{6})");

    private final FeatureStore store;
    private final CacheManifest manifest;
    private final Path partial;
    private final List<Path> chunks = new ArrayList<>();
    private int count;
    private long nextIndex;

    PendingEntry(FeatureStore store, CacheManifest manifest) throws IOException {
        this.store = store;
        this.manifest = manifest;
        Path entry = store.entryDir(manifest.key());
        this.partial = entry.resolveSibling(entry.getFileName() + FeatureStore.PARTIAL_SUFFIX);
        Path manifestFile = partial.resolve(FeatureStore.MANIFEST);
        if (Files.isDirectory(partial)) {
            Optional<CacheManifest> earlier = readQuietly(manifestFile);
            if (earlier.isPresent() && earlier.get().sameSource(manifest)) {
                resume();
            } else {
                LOG.info("discarding partial cache entry {}: made from another source", partial);
                FeatureStore.deleteTree(partial);
            }
        }
        if (!Files.isDirectory(partial)) {
            Files.createDirectories(partial);
            FeatureStore.writeManifest(manifestFile, manifest);
        }
    }

    /** The manifest the entry will carry. */
    public CacheManifest manifest() {
        return manifest;
    }

    /** The number of chunks completed so far (by this or an earlier, interrupted run). */
    public int completedChunks() {
        return chunks.size();
    }

    /** The number of images in the completed chunks. */
    public int count() {
        return count;
    }

    /** The split index after the last image of the last completed chunk (0 before any). */
    public long nextIndex() {
        return nextIndex;
    }

    /**
     * Writes one chunk, atomically.
     *
     * @param imageFeatures m x d L2-normalised image embeddings, one row per image
     * @param logits m x c zero-shot logits, c the manifest's class count
     * @param labels m labels
     * @param indices m split indices, increasing and beyond {@link #nextIndex()}
     * @throws IOException if writing fails (completed chunks stay)
     * @throws IllegalArgumentException if lengths disagree, a value is NaN or infinite, or an index
     *     is not increasing
     */
    public void append(float[][] imageFeatures, float[][] logits, int[] labels, long[] indices)
            throws IOException {
        CacheKey k = manifest.key();
        FeatureSet chunk =
                new FeatureSet(
                        k.backbone(),
                        k.dataset(),
                        k.split(),
                        k.perturbation(),
                        k.severity(),
                        manifest.classNames(),
                        imageFeatures,
                        logits,
                        labels,
                        indices);
        checkFinite(imageFeatures, "image features", indices);
        checkFinite(logits, "logits", indices);
        for (long index : indices) {
            if (index < nextIndex) {
                throw new IllegalArgumentException(
                        k + ": index " + index + " must be >= " + nextIndex + " (increasing)");
            }
            nextIndex = index + 1;
        }
        Path dir = partial.resolve(String.format("chunk-%06d", chunks.size()));
        Path tmp = FeatureStore.temporarySibling(dir, ".tmp-");
        try {
            FeatureStore.writeArrays(tmp, chunk);
            Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FeatureStore.deleteTree(tmp);
        }
        chunks.add(dir);
        count += labels.length;
    }

    /**
     * Joins the chunks into the final entry, atomically replacing any older entry of the key, and
     * removes the partial folder.
     *
     * @return the entry's features
     * @throws IOException if reading the chunks or writing the entry fails
     */
    public FeatureSet commit() throws IOException {
        List<FeatureSet> parts = new ArrayList<>();
        for (Path chunk : chunks) {
            parts.add(FeatureStore.readArrays(chunk, manifest.completed(0, null)));
        }
        FeatureSet all = concat(parts);
        store.write(all, manifest);
        FeatureStore.deleteTree(partial);
        return all;
    }

    private void resume() throws IOException {
        List<Path> found;
        try (Stream<Path> list = Files.list(partial)) {
            found = list.sorted().toList();
        }
        for (Path p : found) {
            Matcher m = CHUNK.matcher(p.getFileName().toString());
            if (!m.matches() || Integer.parseInt(m.group(1)) != chunks.size()) {
                if (!p.getFileName().toString().equals(FeatureStore.MANIFEST)) {
                    FeatureStore.deleteTree(p); // an unfinished chunk of the killed run
                }
                continue;
            }
            long[] indices = NpyArrays.readLongs(p.resolve(FeatureStore.INDICES), -1);
            chunks.add(p);
            count += indices.length;
            if (indices.length > 0) {
                nextIndex = indices[indices.length - 1] + 1;
            }
        }
        LOG.info(
                "resuming cache entry {} after {} chunks ({} images, next index {})",
                manifest.key(),
                chunks.size(),
                count,
                nextIndex);
    }

    private FeatureSet concat(List<FeatureSet> parts) {
        CacheKey k = manifest.key();
        float[][] feats = new float[count][];
        float[][] logits = new float[count][];
        int[] labels = new int[count];
        long[] indices = new long[count];
        int at = 0;
        for (FeatureSet p : parts) {
            int m = p.size();
            System.arraycopy(p.imageFeatures(), 0, feats, at, m);
            System.arraycopy(p.logits(), 0, logits, at, m);
            System.arraycopy(p.labels(), 0, labels, at, m);
            System.arraycopy(p.indices(), 0, indices, at, m);
            at += m;
        }
        return new FeatureSet(
                k.backbone(),
                k.dataset(),
                k.split(),
                k.perturbation(),
                k.severity(),
                manifest.classNames(),
                feats,
                logits,
                labels,
                indices);
    }

    private void checkFinite(float[][] rows, String what, long[] indices) {
        for (int i = 0; i < rows.length; i++) {
            for (float v : rows[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(
                            manifest.key()
                                    + ": "
                                    + what
                                    + " of image "
                                    + indices[i]
                                    + " must be finite, got "
                                    + v);
                }
            }
        }
    }

    private static Optional<CacheManifest> readQuietly(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(FeatureStore.readManifest(file))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
