package org.clipsynergy.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.clipsynergy.backbone.BackboneCard;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;
import org.clipsynergy.text.ZeroShotHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backbone over a dataset split and stores what it sees in the {@link FeatureStore}.
 *
 * <p>A reader thread streams the split in index order and cuts it into batches; worker threads
 * perturb and preprocess each batch; the calling thread runs the model on batches in order,
 * normalises the embeddings, computes zero-shot logits and writes chunks to the cache. At most
 * {@code threads + 1} prepared batches wait at any time, so memory stays bounded whatever the size
 * of the split. A complete cache entry from the same source is returned without running the model;
 * a partial one is resumed.
 */
public final class FeatureExtractor {

    /**
     * The smallest image side accepted: a one-pixel side has no spatial structure for a resize
     * filter to interpolate and in real datasets marks a broken or placeholder file.
     */
    public static final int MIN_IMAGE_SIDE = 2;

    /** The version of this library written into manifests. */
    public static final String LIBRARY_VERSION =
            Optional.ofNullable(FeatureExtractor.class.getPackage().getImplementationVersion())
                    .orElse("0.1.0-SNAPSHOT");

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtractor.class);

    /**
     * How long an extraction waits by default for another extraction of the same entry: as long as
     * it takes (the lock dies with its process, so the wait ends), reporting the holder each
     * minute.
     */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofDays(365);

    private final FeatureStore store;
    private final ExtractionSettings settings;
    private final Duration lockWait;

    /**
     * An extractor writing to a store.
     *
     * @param store the cache
     * @param settings batch size, threads, chunk size, limit, seed, progress
     */
    public FeatureExtractor(FeatureStore store, ExtractionSettings settings) {
        this(store, settings, DEFAULT_LOCK_WAIT);
    }

    private FeatureExtractor(FeatureStore store, ExtractionSettings settings, Duration lockWait) {
        this.store = store;
        this.settings = settings;
        this.lockWait = lockWait;
    }

    /**
     * This extractor, waiting at most {@code wait} for another extraction of the same entry before
     * failing with a message that names the entry and the other process.
     *
     * @param wait the longest wait; {@link Duration#ZERO} to fail at once
     * @return the extractor
     */
    public FeatureExtractor withLockWait(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("lock wait expected a duration >= 0, got " + wait);
        }
        return new FeatureExtractor(store, settings, wait);
    }

    /**
     * The cache key of a job's result under these settings: the settings' seed is part of a
     * corrupted entry's identity.
     *
     * @param job the job
     * @return the key
     */
    public CacheKey keyFor(ExtractionJob job) {
        return job.key(settings.seed());
    }

    /**
     * The manifest an extraction of a job writes (count 0, no time yet).
     *
     * @param job the job
     * @return the manifest
     */
    public CacheManifest manifestFor(ExtractionJob job) {
        BackboneCard card = job.backbone().card();
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("inputSize", card.inputSize());
        pre.put("mean", card.mean());
        pre.put("std", card.std());
        pre.put("interpolation", card.interpolation());
        pre.put("resizeMode", card.resizeMode());
        CacheKey key = keyFor(job);
        return new CacheManifest(
                key,
                job.cardHash(),
                job.dataset().fingerprint(),
                job.head().hash(),
                job.head().classNames(),
                pre,
                key.seed(),
                settings.limit(),
                0,
                key.precision(),
                LIBRARY_VERSION,
                null);
    }

    /**
     * Extracts a job's features, or loads them when the cache already holds them from the same
     * source.
     *
     * @param job what to extract
     * @return the features
     * @throws IOException if the cache cannot be read or written
     * @throws IllegalArgumentException if the head's classes differ from the dataset's, or an image
     *     is unusable (the message names its index and origin)
     */
    public FeatureSet extract(ExtractionJob job) throws IOException {
        CacheKey key = keyFor(job);
        CacheManifest wanted = manifestFor(job);
        ImageDataset dataset = job.dataset();
        int total =
                settings.limit() < 0 ? dataset.size() : Math.min(settings.limit(), dataset.size());
        Optional<FeatureSet> hit = fromCache(key, wanted, total, false);
        if (hit.isPresent()) {
            return hit.get();
        }
        try (org.clipsynergy.WorkLock lock = store.lock(key, lockWait)) {
            // Another extraction may have published the entry while this one waited.
            hit = fromCache(key, wanted, total, true);
            return hit.isPresent() ? hit.get() : extractLocked(job, key, wanted, total);
        }
    }

    /**
     * The cached features when a complete entry of the same source covers the request. An entry
     * whose arrays are damaged is not served: it is computed again, and {@code warn} says so.
     */
    private Optional<FeatureSet> fromCache(
            CacheKey key, CacheManifest wanted, int total, boolean warn) throws IOException {
        Optional<CacheManifest> cached = store.manifest(key);
        if (cached.isPresent() && cached.get().covers(wanted, total)) {
            FeatureSet set;
            try {
                set = store.load(key).orElseThrow();
            } catch (DamagedEntryException e) {
                if (warn) {
                    LOG.warn(
                            "{}: damaged cache entry ({}); extracting it again",
                            key,
                            e.getMessage());
                }
                return Optional.empty();
            }
            // A larger entry of the same source is cut, never replaced by a smaller one.
            LOG.info("{}: cached ({} images, {} used)", key, cached.get().count(), total);
            return Optional.of(set.first(total));
        }
        return Optional.empty();
    }

    private FeatureSet extractLocked(
            ExtractionJob job, CacheKey key, CacheManifest wanted, int total) throws IOException {
        ImageDataset dataset = job.dataset();
        Optional<CacheManifest> cached = store.manifest(key);
        if (cached.isPresent() && !cached.get().covers(wanted, total)) {
            LOG.info(
                    "{}: cached entry differs in '{}' ({} images); extracting again",
                    key,
                    cached.get().difference(wanted).orElse("limit"),
                    cached.get().count());
        }
        job.head().requireClasses(dataset.name() + "/" + dataset.split(), dataset.classNames());
        // The manifest names the data by the catalog's checksums: check the files match them.
        dataset.verifyFiles();

        PendingEntry pending = store.begin(wanted);
        int remaining = total - pending.count();
        long start = System.nanoTime();
        int done = remaining > 0 ? run(job, pending, remaining, total) : 0;
        FeatureSet result = pending.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(
                "{}: encoded {} images in {} s, {} images/s ({} threads, batch {})",
                key,
                done,
                String.format("%.1f", seconds),
                String.format("%.1f", done / Math.max(seconds, 1e-9)),
                settings.threads(),
                settings.batchSize());
        return result;
    }

    private int run(ExtractionJob job, PendingEntry pending, int remaining, int total)
            throws IOException {
        ExecutorService workers =
                Executors.newFixedThreadPool(settings.threads(), daemon("preprocess"));
        BlockingQueue<Future<Prepared>> ready = new ArrayBlockingQueue<>(settings.threads() + 1);
        Reader reader = new Reader(job, pending.nextIndex(), remaining, workers, ready);
        Thread readerThread = daemon("read-" + job.dataset().name()).newThread(reader);
        ChunkBuffer chunk = new ChunkBuffer();
        int done = 0;
        try (ProgressBar bar = progressBar(keyFor(job), total, pending.count())) {
            readerThread.start();
            while (true) {
                Prepared batch = await(ready.take());
                if (batch == null) {
                    break;
                }
                encode(job, batch, chunk);
                done += batch.size();
                if (bar != null) {
                    bar.stepBy(batch.size());
                }
                if (chunk.size() >= settings.chunkSize()) {
                    chunk.flushTo(pending);
                }
            }
            chunk.flushTo(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("extraction of " + keyFor(job) + " was interrupted", e);
        } finally {
            reader.stop();
            readerThread.interrupt();
            workers.shutdownNow();
        }
        return done;
    }

    private void encode(ExtractionJob job, Prepared batch, ChunkBuffer chunk) {
        float[][] raw = job.backbone().encodeImages(batch.pixels, batch.size());
        float[][] features = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            try {
                features[i] = ZeroShotHead.normalize(raw[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        keyFor(job)
                                + ": embedding of image "
                                + batch.samples.get(i).index()
                                + " ("
                                + batch.samples.get(i).origin()
                                + ") "
                                + e.getMessage(),
                        e);
            }
        }
        chunk.add(batch.samples, features, job.head().logits(features));
    }

    private static Prepared await(Future<Prepared> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private ProgressBar progressBar(CacheKey key, int total, int initial) {
        if (!settings.progress()) {
            return null;
        }
        return org.clipsynergy.Progress.builder(key.toString(), total)
                .startsFrom(initial, Duration.ZERO)
                .setUnit(" img", 1)
                .showSpeed()
                .build();
    }

    /** Perturbs and preprocesses one batch of samples into one pixel array. */
    static Prepared prepare(ExtractionJob job, List<Sample> samples) {
        int s = job.backbone().card().inputSize();
        int per = 3 * s * s;
        float[] pixels = new float[samples.size() * per];
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            BufferedImage image = sample.image();
            if (image.getWidth() < MIN_IMAGE_SIDE || image.getHeight() < MIN_IMAGE_SIDE) {
                throw new IllegalArgumentException(
                        job.dataset().name()
                                + "/"
                                + job.dataset().split()
                                + " image "
                                + sample.index()
                                + " ("
                                + sample.origin()
                                + "): size expected at least "
                                + MIN_IMAGE_SIDE
                                + " x "
                                + MIN_IMAGE_SIDE
                                + " pixels, got "
                                + image.getWidth()
                                + " x "
                                + image.getHeight());
            }
            BufferedImage changed = job.perturbation().apply(image, sample.index());
            job.preprocessor().applyInto(changed, pixels, i * per);
        }
        return new Prepared(samples, pixels);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A batch ready for the model. */
    record Prepared(List<Sample> samples, float[] pixels) {
        int size() {
            return samples.size();
        }
    }

    /** Streams the split, cuts batches and hands them to the workers in order. */
    private final class Reader implements Runnable {
        private final ExtractionJob job;
        private final long from;
        private final int remaining;
        private final ExecutorService workers;
        private final BlockingQueue<Future<Prepared>> ready;
        private volatile boolean stopped;

        Reader(
                ExtractionJob job,
                long from,
                int remaining,
                ExecutorService workers,
                BlockingQueue<Future<Prepared>> ready) {
            this.job = job;
            this.from = from;
            this.remaining = remaining;
            this.workers = workers;
            this.ready = ready;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                read();
                ready.put(CompletableFuture.completedFuture(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                try {
                    ready.put(CompletableFuture.failedFuture(e));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void read() throws InterruptedException {
            try (Stream<Sample> stream = job.dataset().stream(Math.toIntExact(from))) {
                Iterator<Sample> it = stream.iterator();
                List<Sample> batch = new ArrayList<>(settings.batchSize());
                int taken = 0;
                while (!stopped && taken < remaining && it.hasNext()) {
                    batch.add(it.next());
                    taken++;
                    if (batch.size() == settings.batchSize()) {
                        submit(batch);
                        batch = new ArrayList<>(settings.batchSize());
                    }
                }
                if (!batch.isEmpty() && !stopped) {
                    submit(batch);
                }
            } catch (UncheckedIOException e) {
                throw new IllegalStateException(
                        "reading " + job.dataset().name() + ": " + e.getMessage(), e);
            }
        }

        private void submit(List<Sample> batch) throws InterruptedException {
            List<Sample> samples = List.copyOf(batch);
            ready.put(workers.submit(() -> prepare(job, samples)));
        }
    }

    /** Rows waiting to be written as one cache chunk. */
    private static final class ChunkBuffer {
        private final List<float[]> features = new ArrayList<>();
        private final List<float[]> logits = new ArrayList<>();
        private final List<Sample> samples = new ArrayList<>();

        void add(List<Sample> batch, float[][] f, float[][] l) {
            samples.addAll(batch);
            features.addAll(List.of(f));
            logits.addAll(List.of(l));
        }

        int size() {
            return samples.size();
        }

        void flushTo(PendingEntry pending) throws IOException {
            if (samples.isEmpty()) {
                return;
            }
            int[] labels = new int[samples.size()];
            long[] indices = new long[samples.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = samples.get(i).label();
                indices[i] = samples.get(i).index();
            }
            pending.append(
                    features.toArray(new float[0][]),
                    logits.toArray(new float[0][]),
                    labels,
                    indices);
            features.clear();
            logits.clear();
            samples.clear();
        }
    }
}
