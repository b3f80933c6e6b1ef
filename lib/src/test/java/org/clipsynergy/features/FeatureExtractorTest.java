package org.clipsynergy.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.clipsynergy.backbone.BackboneOptions;
import org.clipsynergy.backbone.Backbones;
import org.clipsynergy.backbone.Fixtures;
import org.clipsynergy.backbone.TorchScriptBackbone;
import org.clipsynergy.perturb.Perturbation;
import org.clipsynergy.text.ZeroShotHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction on the reduced-width ResNet fixture ({@link Fixtures}) over synthetic images: order,
 * normalisation, caching, resumption after a crash, and bad input.
 */
class FeatureExtractorTest {

    private static final List<String> CLASSES = List.of("red", "green", "blue");
    private static TorchScriptBackbone backbone;
    private static ZeroShotHead head;
    private static String cardHash;

    @TempDir Path cache;

    @BeforeAll
    static void open() throws IOException {
        Path dir = Fixtures.model("tiny-rn");
        backbone =
                TorchScriptBackbone.load(dir, BackboneOptions.defaults().withDevice(Device.cpu()));
        head = ZeroShotHead.build(backbone, CLASSES, List.of("a photo of a {}."));
        cardHash = Backbones.cardHash(dir);
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    /** Nearest-neighbour resize to the card's size and the card's normalisation (test only). */
    static void preprocess(BufferedImage image, float[] dst, int offset) {
        int s = backbone.card().inputSize();
        double[] mean = backbone.card().mean();
        double[] std = backbone.card().std();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int rgb = image.getRGB(x * image.getWidth() / s, y * image.getHeight() / s);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xff;
                    dst[offset + c * s * s + y * s + x] = (float) ((v / 255.0 - mean[c]) / std[c]);
                }
            }
        }
    }

    private static ExtractionJob job(SyntheticDataset data, Perturbation p, ZeroShotHead h) {
        return new ExtractionJob(
                "tiny-rn", backbone, cardHash, data, p, h, FeatureExtractorTest::preprocess);
    }

    private static ExtractionSettings settings() {
        return new ExtractionSettings(3, 2, 4, -1, 0, false);
    }

    @Test
    void extractsEveryImageInOrderWithNormalisedFeaturesAndHeadLogits() throws IOException {
        SyntheticDataset data = new SyntheticDataset(10, 40, CLASSES, "fp-a");
        FeatureSet set =
                new FeatureExtractor(new FeatureStore(cache), settings())
                        .extract(job(data, Perturbation.none(), head));

        assertEquals(10, set.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, set.indices());
        assertArrayEquals(data.labels(), set.labels());
        float[] alone = new float[3 * 64 * 64];
        preprocess(SyntheticDataset.image(7, 40), alone, 0);
        float[] expected = ZeroShotHead.normalize(backbone.encodeImages(alone, 1)[0]);
        assertArrayEquals(expected, set.imageFeatures()[7], 1e-5f);
        assertArrayEquals(head.logits(new float[][] {expected})[0], set.logits()[7], 1e-3f);
        for (float[] row : set.imageFeatures()) {
            double n = 0;
            for (float v : row) {
                n += v * v;
            }
            assertEquals(1.0, n, 1e-5);
        }
    }

    @Test
    void secondRunReadsTheCacheWithoutStreamingImages() throws IOException {
        SyntheticDataset data = new SyntheticDataset(5, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(new FeatureStore(cache), settings());
        FeatureSet first = extractor.extract(job(data, Perturbation.none(), head));
        FeatureSet second = extractor.extract(job(data, Perturbation.none(), head));
        assertEquals(1, data.streams());
        assertArrayEquals(first.logits()[4], second.logits()[4]);
    }

    @Test
    void aDataFileThatChangedIsNeverEncodedButItsCachedEntryStaysServed() throws IOException {
        FeatureExtractor extractor = new FeatureExtractor(new FeatureStore(cache), settings());
        SyntheticDataset changed = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        changed.changeFile("data/x/images");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> extractor.extract(job(changed, Perturbation.none(), head)));
        assertTrue(e.getMessage().startsWith("data/x/images: SHA-256"), e.getMessage());
        assertEquals(0, changed.streams(), "no image of a changed file is read");
        assertTrue(
                new FeatureStore(cache)
                        .manifest(extractor.keyFor(job(changed, Perturbation.none(), head)))
                        .isEmpty());

        SyntheticDataset intact = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        FeatureSet first = extractor.extract(job(intact, Perturbation.none(), head));
        // Features already computed from the intact file are not thrown away when it changes later.
        FeatureSet cached = extractor.extract(job(changed, Perturbation.none(), head));
        assertArrayEquals(first.logits()[3], cached.logits()[3]);
        assertEquals(0, changed.streams());
    }

    @Test
    void smallerLimitIsCutFromTheLargerEntryWhichStays() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(9, 40, CLASSES, "fp-a");
        FeatureSet all = new FeatureExtractor(store, settings()).extract(job(data, none(), head));
        FeatureSet four =
                new FeatureExtractor(store, settings().withLimit(4))
                        .extract(job(data, none(), head));
        assertEquals(1, data.streams(), "the smaller limit is served from the cache");
        assertEquals(4, four.size());
        assertArrayEquals(all.logits()[3], four.logits()[3]);
        CacheKey key = CacheKey.clean("tiny-rn", "synthetic", "test");
        assertEquals(9, store.manifest(key).orElseThrow().count(), "the larger entry is kept");

        FeatureSet more =
                new FeatureExtractor(store, settings().withLimit(20))
                        .extract(job(data, none(), head));
        assertEquals(9, more.size(), "a limit above the split's size is the whole split");
        assertEquals(1, data.streams());
    }

    @Test
    void changedDatasetFingerprintRecomputesTheEntry() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        extractor.extract(job(new SyntheticDataset(5, 40, CLASSES, "fp-a"), none(), head));
        SyntheticDataset changed = new SyntheticDataset(6, 40, CLASSES, "fp-b");
        FeatureSet set = extractor.extract(job(changed, none(), head));
        assertEquals(1, changed.streams());
        assertEquals(6, set.size());
        assertEquals(
                "fp-b",
                store.manifest(CacheKey.clean("tiny-rn", "synthetic", "test"))
                        .orElseThrow()
                        .datasetFingerprint());
    }

    @Test
    void killedExtractionResumesFromItsLastCompleteChunk() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(11, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        // Batches of 3, chunks of at least 4 written at batch ends: [0..5] is complete when the
        // run crashes preparing image 9; [6..8] was encoded but not yet written.
        Perturbation crash = new CrashAt(9);
        assertThrows(IllegalStateException.class, () -> extractor.extract(job(data, crash, head)));
        assertTrue(
                store.load(extractor.keyFor(job(data, crash, head))).isEmpty(),
                "nothing published");

        PendingEntry partial = store.begin(extractor.manifestFor(job(data, none(), head)));
        assertEquals(1, partial.completedChunks());
        assertEquals(6, partial.nextIndex());

        SyntheticDataset again = new SyntheticDataset(11, 40, CLASSES, "fp-a");
        FeatureSet resumed = extractor.extract(job(again, none(), head));
        assertEquals(11, resumed.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, resumed.indices());

        FeatureSet clean =
                new FeatureExtractor(new FeatureStore(cache.resolve("other")), settings())
                        .extract(job(new SyntheticDataset(11, 40, CLASSES, "fp-a"), none(), head));
        for (int i = 0; i < 11; i++) {
            assertArrayEquals(clean.imageFeatures()[i], resumed.imageFeatures()[i], 1e-6f);
        }
    }

    @Test
    void headWithAnotherClassCountIsRejected() {
        ZeroShotHead two =
                new ZeroShotHead(List.of("red", "green"), new float[][] {{1, 0}, {0, 1}}, 100, "h");
        SyntheticDataset data = new SyntheticDataset(3, 40, CLASSES, "fp-a");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new FeatureExtractor(new FeatureStore(cache), settings())
                                        .extract(job(data, none(), two)));
        assertTrue(e.getMessage().contains("synthetic/test"), e.getMessage());
        assertTrue(e.getMessage().contains("class count expected 3"), e.getMessage());
        assertTrue(e.getMessage().contains("got 2"), e.getMessage());
    }

    @Test
    void onePixelImageIsRejectedNamingIt() {
        SyntheticDataset tiny = new SyntheticDataset(4, 1, CLASSES, "fp-1px");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new FeatureExtractor(new FeatureStore(cache), settings())
                                        .extract(job(tiny, none(), head)));
        assertTrue(e.getMessage().contains("image 0 (synthetic:0)"), e.getMessage());
        assertTrue(e.getMessage().contains("got 1 x 1"), e.getMessage());
    }

    @Test
    void corruptionsOfDifferentSeedsLiveSideBySide() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        FeatureExtractor seed1 = new FeatureExtractor(store, settings().withSeed(1));
        FeatureExtractor seed2 = new FeatureExtractor(store, settings().withSeed(2));
        FeatureSet first = seed1.extract(job(data, noise(1), head));
        FeatureSet second = seed2.extract(job(data, noise(2), head));
        FeatureSet again = seed1.extract(job(data, noise(1), head));

        assertEquals(2, data.streams(), "seed 1 is served from its own entry the second time");
        assertArrayEquals(first.logits()[3], again.logits()[3]);
        assertFalse(
                java.util.Arrays.equals(first.logits()[3], second.logits()[3]),
                "different seeds give different noise");
        CacheKey k1 = seed1.keyFor(job(data, noise(1), head));
        CacheKey k2 = seed2.keyFor(job(data, noise(2), head));
        assertEquals(1, store.manifest(k1).orElseThrow().seed());
        assertEquals(2, store.manifest(k2).orElseThrow().seed());
        assertEquals("gaussian_noise-2-seed1", store.entryDir(k1).getFileName().toString());
        assertEquals(List.of(k1, k2), store.keys());
    }

    @Test
    void cleanEntriesKeepTheirFolderWhateverTheSeed() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(3, 40, CLASSES, "fp-a");
        FeatureExtractor seeded = new FeatureExtractor(store, settings().withSeed(9));
        CacheKey key = seeded.keyFor(job(data, none(), head));
        seeded.extract(job(data, none(), head));
        new FeatureExtractor(store, settings()).extract(job(data, none(), head));
        assertEquals(1, data.streams(), "the seed does not matter to clean images");
        assertEquals(0, key.seed());
        assertEquals("none-0", store.entryDir(key).getFileName().toString());
    }

    @Test
    void featuresComputedInHalfPrecisionAreNeverServedForFullPrecision() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        org.clipsynergy.backbone.Backbone half = new HalfPrecision(backbone);
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        ExtractionJob halfJob =
                new ExtractionJob(
                        "tiny-rn",
                        half,
                        cardHash,
                        data,
                        none(),
                        head,
                        FeatureExtractorTest::preprocess);
        extractor.extract(halfJob);
        extractor.extract(job(data, none(), head));
        extractor.extract(halfJob);

        assertEquals(2, data.streams(), "fp32 is extracted once, beside fp16, not from it");
        CacheKey halfKey = extractor.keyFor(halfJob);
        CacheKey fullKey = extractor.keyFor(job(data, none(), head));
        assertEquals("none-0-fp16", store.entryDir(halfKey).getFileName().toString());
        assertEquals("none-0", store.entryDir(fullKey).getFileName().toString());
        assertEquals(
                org.clipsynergy.backbone.Precision.FP16,
                store.manifest(halfKey).orElseThrow().precision());
        assertEquals(
                org.clipsynergy.backbone.Precision.FP32,
                store.manifest(fullKey).orElseThrow().precision());
    }

    /** The fixture backbone, reporting fp16 as a half-precision export on a GPU would. */
    private record HalfPrecision(org.clipsynergy.backbone.Backbone inner)
            implements org.clipsynergy.backbone.Backbone {
        @Override
        public org.clipsynergy.backbone.BackboneCard card() {
            return inner.card();
        }

        @Override
        public float[][] encodeImages(float[] pixels, int n) {
            return inner.encodeImages(pixels, n);
        }

        @Override
        public float[][] encodeTexts(List<String> texts) {
            return inner.encodeTexts(texts);
        }

        @Override
        public org.clipsynergy.backbone.Precision precision() {
            return org.clipsynergy.backbone.Precision.FP16;
        }

        @Override
        public void close() {}
    }

    @Test
    void anEntryLockedByAnotherExtractionFailsAfterTheWaitNamingEntryAndHolder()
            throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(3, 40, CLASSES, "fp-a");
        FeatureExtractor extractor =
                new FeatureExtractor(store, settings())
                        .withLockWait(java.time.Duration.ofMillis(300));
        CacheKey key = extractor.keyFor(job(data, none(), head));
        try (org.clipsynergy.WorkLock held = store.lock(key, java.time.Duration.ZERO)) {
            IOException e =
                    assertThrows(
                            IOException.class, () -> extractor.extract(job(data, none(), head)));
            String m = e.getMessage();
            assertTrue(m.startsWith(key + ": being written by another extraction"), m);
            String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
            assertTrue(m.contains("pid@host " + self + " since "), m);
            assertTrue(m.contains(store.lockFile(key).toString()), m);
        }
        assertEquals(0, data.streams(), "nothing was read while the entry was locked");
        assertEquals(3, extractor.extract(job(data, none(), head)).size(), "free again");
    }

    @Test
    void anEntryLockedByAnotherProcessNamesThatProcessAndIsFreedWhenItEnds() throws Exception {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(3, 40, CLASSES, "fp-a");
        FeatureExtractor extractor =
                new FeatureExtractor(store, settings())
                        .withLockWait(java.time.Duration.ofMillis(300));
        CacheKey key = extractor.keyFor(job(data, none(), head));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child =
                new ProcessBuilder(
                                javaBin.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                LockHolder.class.getName(),
                                store.lockFile(key).toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            var out =
                    new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                    child.getInputStream(),
                                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            IOException e =
                    assertThrows(
                            IOException.class, () -> extractor.extract(job(data, none(), head)));
            assertTrue(e.getMessage().contains("pid@host " + child.pid() + "@"), e.getMessage());
        } finally {
            child.getOutputStream().close(); // the holder ends, and the system frees its lock
            assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(0, data.streams());
        assertEquals(3, extractor.extract(job(data, none(), head)).size());
    }

    /** Another process: holds an entry's lock until its standard input closes. */
    static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (org.clipsynergy.WorkLock lock =
                    org.clipsynergy.WorkLock.acquire(
                            Path.of(args[0]), "held", "held", java.time.Duration.ZERO)) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close the pipe
                }
            }
        }
    }

    @Test
    void twoExtractionsOfOneEntryAtOnceRunOneAfterTheOther() throws Exception {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset first = new SyntheticDataset(6, 40, CLASSES, "fp-a");
        SyntheticDataset second = new SyntheticDataset(6, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a =
                    pool.submit(
                            () -> {
                                go.await();
                                return extractor.extract(job(first, new Slow(), head));
                            });
            var b =
                    pool.submit(
                            () -> {
                                go.await();
                                return extractor.extract(job(second, new Slow(), head));
                            });
            go.countDown();
            FeatureSet x = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
            FeatureSet y = b.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, first.streams() + second.streams(), "the second read the first's");
            assertEquals(6, x.size());
            assertArrayEquals(x.logits()[5], y.logits()[5]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBrokenManifestIsLoggedAndItsEntryRecomputed() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        FeatureSet before = extractor.extract(job(data, none(), head));
        CacheKey key = extractor.keyFor(job(data, none(), head));
        Path manifest = store.entryDir(key).resolve(FeatureStore.MANIFEST);
        java.nio.file.Files.writeString(
                manifest, "{\"key\": {\"backbone\": \"tiny-rn\", "); // cut off

        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        FeatureSet after;
        try {
            after = extractor.extract(job(data, none(), head));
        } finally {
            System.setErr(err);
        }
        String warn = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(warn.contains("WARN"), warn);
        assertTrue(warn.contains(manifest + ": unreadable cache manifest ("), warn);
        assertEquals(
                1, warn.split("unreadable cache manifest", -1).length - 1, "said once: " + warn);
        assertTrue(warn.contains("Unexpected end-of-input"), warn);
        assertEquals(2, data.streams(), "the stale entry was recomputed");
        assertArrayEquals(before.logits()[3], after.logits()[3], 1e-6f);
        assertEquals(4, store.manifest(key).orElseThrow().count(), "and its manifest is whole");
    }

    @Test
    void aDamagedOrMissingArrayFileIsLoggedAndItsEntryRecomputed() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        FeatureSet before = extractor.extract(job(data, none(), head));
        CacheKey key = extractor.keyFor(job(data, none(), head));
        Path logits = store.entryDir(key).resolve(FeatureStore.LOGITS);
        Path labels = store.entryDir(key).resolve(FeatureStore.LABELS);
        byte[] bytes = java.nio.file.Files.readAllBytes(logits);
        System.arraycopy(
                "garbage!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 8);
        java.nio.file.Files.write(logits, bytes);

        String warn = stderrOf(() -> extractor.extract(job(data, none(), head)));
        assertTrue(warn.contains("WARN"), warn);
        assertTrue(warn.contains(": damaged cache entry (" + logits + ": not a readable"), warn);
        assertEquals(1, warn.split("damaged cache entry", -1).length - 1, "said once: " + warn);
        assertEquals(2, data.streams(), "the damaged entry was recomputed");

        java.nio.file.Files.delete(labels);
        warn = stderrOf(() -> extractor.extract(job(data, none(), head)));
        assertTrue(warn.contains(": damaged cache entry (" + labels + ": missing)"), warn);
        assertEquals(3, data.streams(), "the entry without labels was recomputed");

        FeatureSet after = store.load(key).orElseThrow();
        assertArrayEquals(before.logits()[3], after.logits()[3], 1e-6f);
        assertArrayEquals(before.labels(), after.labels());
        assertEquals(4, store.manifest(key).orElseThrow().count());
        extractor.extract(job(data, none(), head));
        assertEquals(3, data.streams(), "and the repaired entry is served from the cache");
    }

    /** What a piece of work writes to standard error (where the log goes in tests). */
    private static String stderrOf(IoWork work) throws IOException {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(err);
        }
        return log.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface IoWork {
        void run() throws IOException;
    }

    @Test
    void aManifestWithANegativeCountIsRecomputed() throws IOException {
        FeatureStore store = new FeatureStore(cache);
        SyntheticDataset data = new SyntheticDataset(4, 40, CLASSES, "fp-a");
        FeatureExtractor extractor = new FeatureExtractor(store, settings());
        extractor.extract(job(data, none(), head));
        CacheKey key = extractor.keyFor(job(data, none(), head));
        Path manifest = store.entryDir(key).resolve(FeatureStore.MANIFEST);
        String text = java.nio.file.Files.readString(manifest);
        assertTrue(text.contains("\"count\" : 4"), text);
        java.nio.file.Files.writeString(manifest, text.replace("\"count\" : 4", "\"count\" : -4"));

        assertTrue(store.manifest(key).isEmpty(), "a negative count is not a complete entry");
        FeatureSet again = extractor.extract(job(data, none(), head));
        assertEquals(2, data.streams(), "the entry was recomputed");
        assertEquals(4, again.size());
        assertEquals(4, store.manifest(key).orElseThrow().count());
    }

    /** Clean images, slowly: 30 ms per image, so that two extractions overlap. */
    private record Slow() implements Perturbation {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public int severity() {
            return 0;
        }

        @Override
        public BufferedImage apply(BufferedImage image, long imageIndex) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return image;
        }
    }

    private static Perturbation noise(long seed) {
        return org.clipsynergy.perturb.Corruptions.byName("gaussian_noise", 2, seed);
    }

    private static Perturbation none() {
        return Perturbation.none();
    }

    /** Clean images, but the process "dies" when it reaches one index. */
    private record CrashAt(long index) implements Perturbation {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public int severity() {
            return 0;
        }

        @Override
        public BufferedImage apply(BufferedImage image, long imageIndex) {
            if (imageIndex == index) {
                throw new IllegalStateException("simulated crash at image " + imageIndex);
            }
            return image;
        }
    }
}
