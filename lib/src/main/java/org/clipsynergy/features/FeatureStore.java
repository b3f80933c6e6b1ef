package org.clipsynergy.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature cache on disk: one folder per {@link CacheKey} holding NumPy arrays and a manifest.
 *
 * <p>An entry's folder, {@code <root>/features/<backbone>/<dataset>/<split>/<perturbation>-
 * <severity>/} ({@code ...-seed<seed>/} for a corruption with a seed other than 0), holds {@code
 * image_features.npy} (float32, n x d, L2-normalised rows), {@code logits.npy} (float32, n x c),
 * {@code labels.npy} (int32, n), {@code indices.npy} (int64, n) and {@code manifest.json} ({@link
 * CacheManifest}). All of them load with {@code numpy.load}.
 *
 * <p>Entries appear atomically: they are written under a temporary name and renamed when complete,
 * so a reader never sees a partial entry. Long extractions write through a {@link PendingEntry},
 * which keeps completed chunks in {@code <entry>.partial/} so that a killed run resumes from its
 * last completed chunk. A writer holds the entry's {@link org.clipsynergy.WorkLock} ({@code
 * <entry>.lock}), so two extractions of one entry, in one process or two, run one after the other.
 */
public final class FeatureStore {

    /** The file of the L2-normalised image embeddings, float32 n x d. */
    public static final String IMAGE_FEATURES = "image_features.npy";

    /** The file of the zero-shot logits, float32 n x c. */
    public static final String LOGITS = "logits.npy";

    /** The file of the true labels, int32 n. */
    public static final String LABELS = "labels.npy";

    /** The file of the images' indices in their split, int64 n. */
    public static final String INDICES = "indices.npy";

    /** The file of the entry's provenance. */
    public static final String MANIFEST = "manifest.json";

    static final String PARTIAL_SUFFIX = ".partial";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStore.class);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /**
     * A store rooted at a folder (created when the first entry is written).
     *
     * @param cacheRoot the cache folder, e.g. {@link org.clipsynergy.ProjectLayout#cache()}
     */
    public FeatureStore(Path cacheRoot) {
        this.root = Objects.requireNonNull(cacheRoot, "cacheRoot").toAbsolutePath().normalize();
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /**
     * The folder of an entry (whether or not it exists).
     *
     * @param key the entry
     * @return {@code <root>/}{@link CacheKey#relativePath()}
     */
    public Path entryDir(CacheKey key) {
        return root.resolve(key.relativePath());
    }

    /** Whether a complete entry with a readable manifest exists for the key. */
    public boolean contains(CacheKey key) throws IOException {
        return manifest(key).isPresent();
    }

    /**
     * The manifest of a complete entry. A manifest that is not valid JSON or lacks a field (a disk
     * filled up, an edit by hand) makes its entry stale: a WARN names the file and the parse error,
     * and the entry is treated as absent, so the next extraction recomputes and replaces it.
     *
     * @param key the entry
     * @return the manifest, or empty when there is no complete entry or its manifest is unreadable
     * @throws IOException if the manifest exists but the file system refuses to read it
     */
    public Optional<CacheManifest> manifest(CacheKey key) throws IOException {
        Path file = entryDir(key).resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return readManifestOrStale(file);
    }

    /**
     * Loads a complete entry.
     *
     * @param key the entry
     * @return the features, or empty when there is no complete entry
     * @throws DamagedEntryException if the entry exists but an array file is missing, cut short or
     *     of the wrong shape or type; the message names the file and the shapes
     * @throws IOException if the file system refuses to read the entry
     */
    public Optional<FeatureSet> load(CacheKey key) throws IOException {
        Optional<CacheManifest> found = manifest(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CacheManifest manifest = found.get();
        if (!manifest.key().equals(key)) {
            throw new IOException(
                    entryDir(key).resolve(MANIFEST)
                            + ": field 'key' expected "
                            + key
                            + ", got "
                            + manifest.key());
        }
        return Optional.of(readArrays(entryDir(key), manifest));
    }

    /**
     * Every complete entry in the store.
     *
     * @return the keys, sorted by their folder path
     * @throws IOException if the cache folder cannot be listed
     */
    public List<CacheKey> keys() throws IOException {
        Path features = root.resolve("features");
        if (!Files.isDirectory(features)) {
            return List.of();
        }
        List<CacheKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.find(features, 5, (p, a) -> isEntryManifest(p))) {
            for (Path file : files.sorted().toList()) {
                Optional<CacheManifest> manifest = readManifestOrStale(file);
                if (manifest.isEmpty()) {
                    continue;
                }
                CacheKey key = manifest.get().key();
                if (entryDir(key).equals(file.getParent())) {
                    keys.add(key);
                } else {
                    // An entry written before the seed was part of the key, under another seed.
                    LOG.debug("{}: made for {}, not listed (stale)", file, key);
                }
            }
        }
        return keys;
    }

    /**
     * Writes a whole entry at once, atomically, replacing any entry of the same key.
     *
     * @param features the arrays; the manifest's key must describe them
     * @param manifest the provenance
     * @throws IOException if writing fails; an existing entry is then left as it was
     */
    public void write(FeatureSet features, CacheManifest manifest) throws IOException {
        checkMatches(features, manifest);
        Path target = entryDir(manifest.key());
        Path tmp = temporarySibling(target, ".tmp-");
        try {
            writeArrays(tmp, features);
            writeManifest(tmp.resolve(MANIFEST), manifest.completed(features.size(), now()));
            publish(tmp, target);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Starts (or resumes) a chunked write of an entry. Completed chunks of an earlier attempt with
     * the same source ({@link CacheManifest#sameSource}) are kept; chunks from another source are
     * deleted.
     *
     * @param manifest the provenance of the entry to write
     * @return the pending entry; {@link PendingEntry#nextIndex()} says where to resume
     * @throws IOException if the partial folder cannot be read or created
     */
    public PendingEntry begin(CacheManifest manifest) throws IOException {
        return new PendingEntry(this, manifest);
    }

    /**
     * Takes the write lock of an entry ({@link org.clipsynergy.WorkLock}), waiting while another
     * extraction, in this or another process, holds it.
     *
     * @param key the entry
     * @param wait how long to wait at most
     * @return the held lock; close it to release
     * @throws IOException if another extraction still holds it after {@code wait}; the message
     *     names the entry and the other process
     */
    public org.clipsynergy.WorkLock lock(CacheKey key, java.time.Duration wait) throws IOException {
        return org.clipsynergy.WorkLock.acquire(
                lockFile(key), key.toString(), "being written by another extraction", wait);
    }

    /** The lock file of an entry: {@code <entry>.lock} beside the entry's folder. */
    public Path lockFile(CacheKey key) {
        Path dir = entryDir(key);
        return dir.resolveSibling(dir.getFileName() + ".lock");
    }

    /**
     * Deletes an entry and any partial write of it.
     *
     * @param key the entry
     * @throws IOException if a file cannot be deleted
     */
    public void delete(CacheKey key) throws IOException {
        Path dir = entryDir(key);
        deleteTree(dir);
        deleteTree(dir.resolveSibling(dir.getFileName() + PARTIAL_SUFFIX));
    }

    // ---- package-private helpers shared with PendingEntry ----

    static void writeArrays(Path dir, FeatureSet f) throws IOException {
        Files.createDirectories(dir);
        int d = f.size() == 0 ? 0 : f.imageFeatures()[0].length;
        NpyArrays.writeMatrix(dir.resolve(IMAGE_FEATURES), f.imageFeatures(), d);
        NpyArrays.writeMatrix(dir.resolve(LOGITS), f.logits(), f.numClasses());
        NpyArrays.writeInts(dir.resolve(LABELS), f.labels());
        NpyArrays.writeLongs(dir.resolve(INDICES), f.indices());
    }

    static FeatureSet readArrays(Path dir, CacheManifest m) throws IOException {
        int n = NpyArrays.rows(dir.resolve(LABELS));
        if (m.count() > 0 && n != m.count()) {
            throw new DamagedEntryException(
                    dir.resolve(LABELS)
                            + ": length expected "
                            + m.count()
                            + " (manifest field 'count'), got "
                            + n);
        }
        CacheKey k = m.key();
        return new FeatureSet(
                k.backbone(),
                k.dataset(),
                k.split(),
                k.perturbation(),
                k.severity(),
                m.classNames(),
                NpyArrays.readMatrix(dir.resolve(IMAGE_FEATURES), n, -1),
                NpyArrays.readMatrix(dir.resolve(LOGITS), n, m.classNames().size()),
                NpyArrays.readInts(dir.resolve(LABELS), n),
                NpyArrays.readLongs(dir.resolve(INDICES), n));
    }

    private static final java.util.Set<String> WARNED =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    static CacheManifest readManifest(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), CacheManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a valid cache manifest: " + e.getMessage(), e);
        }
    }

    /** Reads a manifest; one that does not parse is logged at WARN and read as absent. */
    static Optional<CacheManifest> readManifestOrStale(Path file) throws IOException {
        try {
            return Optional.of(JSON.readValue(file.toFile(), CacheManifest.class));
        } catch (com.fasterxml.jackson.core.JacksonException | RuntimeException e) {
            // An extraction reads a manifest up to three times (before and after taking the
            // entry's lock, then to say why it recomputes): say it once per file version.
            String version = file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file);
            if (WARNED.add(version)) {
                LOG.warn(
                        "{}: unreadable cache manifest ({}); treating the entry as stale, it will"
                                + " be recomputed",
                        file,
                        firstLine(e));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the cache manifest: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
        String m =
                cause.getMessage() == null
                        ? cause.getClass().getSimpleName() + ", no message"
                        : cause.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static void writeManifest(Path file, CacheManifest manifest) throws IOException {
        JSON.writeValue(file.toFile(), manifest);
    }

    /** Renames a finished temporary folder to its final name, replacing an older entry. */
    static void publish(Path tmp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path old = null;
        if (Files.exists(target)) {
            old = temporarySibling(target, ".old-");
            move(target, old);
        }
        move(tmp, target);
        if (old != null) {
            deleteTree(old);
        }
        LOG.debug("published cache entry {}", target);
    }

    static Path temporarySibling(Path target, String infix) {
        return target.resolveSibling(target.getFileName() + infix + UUID.randomUUID());
    }

    static String now() {
        return java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e)
                            throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "cannot rename " + from + " to " + to + " atomically: " + e.getMessage(), e);
        }
    }

    private static boolean isEntryManifest(Path p) {
        String parent = p.getParent().getFileName().toString();
        return p.getFileName().toString().equals(MANIFEST)
                && !parent.contains(".tmp-")
                && !parent.contains(".old-")
                && !parent.endsWith(PARTIAL_SUFFIX);
    }

    private static void checkMatches(FeatureSet f, CacheManifest m) {
        CacheKey k = m.key();
        CacheKey fromSet =
                new CacheKey(f.backbone(), f.dataset(), f.split(), f.perturbation(), f.severity());
        if (!k.sameImages(fromSet)) {
            throw new IllegalArgumentException(
                    "manifest field 'key' expected " + fromSet + ", got " + k);
        }
        if (!m.classNames().equals(f.classNames())) {
            throw new IllegalArgumentException(
                    "manifest field 'classNames' of "
                            + k
                            + " expected "
                            + f.classNames().size()
                            + " names equal to the features' class names, got "
                            + m.classNames().size());
        }
    }
}
