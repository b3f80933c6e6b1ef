package org.clipsynergy.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, atomic publication and resumption of the feature cache. */
class FeatureStoreTest {

    private static final List<String> CLASSES = List.of("zero", "one", "two");
    private static final CacheKey KEY = CacheKey.clean("tiny-vit", "mnist", "test");

    @TempDir Path dir;

    private static CacheManifest manifest(String cardHash) {
        return new CacheManifest(
                KEY,
                cardHash,
                "fp1",
                "head1",
                CLASSES,
                Map.of("inputSize", 32),
                0,
                -1,
                0,
                org.clipsynergy.backbone.Precision.FP32,
                "test",
                null);
    }

    /** A chunk of m images with indices from {@code from}, values from a seeded generator. */
    private static FeatureSet chunk(int from, int m, long seed) {
        Random r = new Random(seed);
        float[][] f = new float[m][4];
        float[][] l = new float[m][3];
        int[] y = new int[m];
        long[] idx = new long[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < 4; j++) {
                f[i][j] = (float) r.nextGaussian();
            }
            for (int j = 0; j < 3; j++) {
                l[i][j] = (float) r.nextGaussian();
            }
            y[i] = r.nextInt(3);
            idx[i] = from + i;
        }
        return new FeatureSet("tiny-vit", "mnist", "test", "none", 0, CLASSES, f, l, y, idx);
    }

    @Test
    void writtenEntryLoadsBackExactly() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        FeatureSet set = chunk(0, 5, 1);
        store.write(set, manifest("card1"));

        FeatureSet back = store.load(KEY).orElseThrow();
        assertEquals(5, back.size());
        assertArrayEquals(set.labels(), back.labels());
        assertArrayEquals(set.indices(), back.indices());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(set.imageFeatures()[i], back.imageFeatures()[i]);
            assertArrayEquals(set.logits()[i], back.logits()[i]);
        }
        assertEquals(CLASSES, back.classNames());
        assertEquals(5, store.manifest(KEY).orElseThrow().count());
        assertEquals(List.of(KEY), store.keys());
    }

    @Test
    void missingEntryIsEmpty() throws IOException {
        assertTrue(new FeatureStore(dir).load(KEY).isEmpty());
    }

    @Test
    void chunksAreInvisibleUntilCommitted() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        PendingEntry pending = store.begin(manifest("card1"));
        FeatureSet a = chunk(0, 3, 2);
        pending.append(a.imageFeatures(), a.logits(), a.labels(), a.indices());
        assertFalse(store.contains(KEY));
        assertTrue(store.load(KEY).isEmpty());
        assertEquals(List.of(), store.keys());

        FeatureSet b = chunk(3, 2, 3);
        pending.append(b.imageFeatures(), b.logits(), b.labels(), b.indices());
        FeatureSet all = pending.commit();
        assertEquals(5, all.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, store.load(KEY).orElseThrow().indices());
        try (Stream<Path> left = Files.list(store.entryDir(KEY).getParent())) {
            assertEquals(1, left.count(), "only the published entry remains");
        }
    }

    @Test
    void killedRunResumesFromItsLastCompletedChunk() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        PendingEntry first = store.begin(manifest("card1"));
        FeatureSet a = chunk(0, 4, 4);
        first.append(a.imageFeatures(), a.logits(), a.labels(), a.indices());
        // A chunk being written when the process died: a temporary folder that never got renamed.
        Path entry = store.entryDir(KEY);
        Path half = entry.resolveSibling(entry.getFileName() + ".partial/chunk-000001.tmp-x");
        Files.createDirectories(half);
        Files.writeString(half.resolve(FeatureStore.LABELS), "garbage");

        PendingEntry second = store.begin(manifest("card1"));
        assertEquals(1, second.completedChunks());
        assertEquals(4, second.nextIndex());
        assertEquals(4, second.count());
        assertFalse(Files.exists(half));
        FeatureSet b = chunk(4, 3, 5);
        second.append(b.imageFeatures(), b.logits(), b.labels(), b.indices());
        FeatureSet all = second.commit();
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6}, all.indices());
        assertArrayEquals(a.imageFeatures()[3], all.imageFeatures()[3]);
        assertArrayEquals(b.logits()[0], all.logits()[4]);
    }

    @Test
    void partialChunksOfAnotherCardAreDiscardedNotMixed() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        PendingEntry old = store.begin(manifest("card-old"));
        FeatureSet a = chunk(0, 4, 6);
        old.append(a.imageFeatures(), a.logits(), a.labels(), a.indices());

        PendingEntry fresh = store.begin(manifest("card-new"));
        assertEquals(0, fresh.completedChunks());
        assertEquals(0, fresh.nextIndex());
        FeatureSet b = chunk(0, 2, 7);
        fresh.append(b.imageFeatures(), b.logits(), b.labels(), b.indices());
        FeatureSet all = fresh.commit();
        assertEquals(2, all.size());
        assertEquals("card-new", store.manifest(KEY).orElseThrow().cardHash());
    }

    @Test
    void republishingReplacesTheOldEntry() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        store.write(chunk(0, 5, 8), manifest("card1"));
        store.write(chunk(0, 2, 9), manifest("card2"));
        assertEquals(2, store.load(KEY).orElseThrow().size());
        assertEquals("card2", store.manifest(KEY).orElseThrow().cardHash());
    }

    @Test
    void nanFeaturesAreRejectedNamingTheImage() throws IOException {
        PendingEntry pending = new FeatureStore(dir).begin(manifest("card1"));
        FeatureSet a = chunk(10, 2, 10);
        a.imageFeatures()[1][2] = Float.NaN;
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                pending.append(
                                        a.imageFeatures(), a.logits(), a.labels(), a.indices()));
        assertTrue(e.getMessage().contains("image 11"), e.getMessage());
    }

    @Test
    void truncatedArrayFileIsReportedWithItsName() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        store.write(chunk(0, 5, 11), manifest("card1"));
        FeatureSet shorter = chunk(0, 4, 12);
        NpyArrays.writeMatrix(
                store.entryDir(KEY).resolve(FeatureStore.LOGITS), shorter.logits(), 3);
        IOException e = assertThrows(IOException.class, () -> store.load(KEY));
        assertTrue(e.getMessage().contains("logits.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 3]"), e.getMessage());
    }

    @Test
    void arrayFileCutShortIsRefusedNotZeroFilled() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        store.write(chunk(0, 5, 13), manifest("card1"));
        Path features = store.entryDir(KEY).resolve(FeatureStore.IMAGE_FEATURES);
        byte[] bytes = java.nio.file.Files.readAllBytes(features);
        // Keep the header and the first two rows (2 x 4 float32 values) only.
        java.nio.file.Files.write(
                features, java.util.Arrays.copyOf(bytes, bytes.length - 3 * 4 * 4));
        IOException e = assertThrows(IOException.class, () -> store.load(KEY));
        assertTrue(e.getMessage().contains("image_features.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 4]"), e.getMessage());
        assertTrue(
                e.getMessage().contains("file has " + (bytes.length - 48) + " "), e.getMessage());
    }

    @Test
    void entryWrittenBeforeSeedsWereKeysIsFoundForSeedZeroAndNeverPassesForAnother()
            throws IOException {
        FeatureStore store = new FeatureStore(dir);
        CacheKey noise = new CacheKey("tiny-vit", "mnist", "test", "gaussian_noise", 3);
        FeatureSet set = corrupted(chunk(0, 3, 14), noise);
        // The old layout: folder gaussian_noise-3, a key without a seed, the seed beside it.
        for (long oldSeed : new long[] {0, 7}) {
            store.write(set, manifest(noise, 0));
            Path file = store.entryDir(noise).resolve(FeatureStore.MANIFEST);
            var json =
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                            FeatureStore.JSON.readTree(file.toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("key")).remove("seed");
            json.put("seed", oldSeed);
            FeatureStore.JSON.writeValue(file.toFile(), json);

            CacheManifest read = store.manifest(noise).orElseThrow();
            assertEquals(oldSeed, read.key().seed());
            assertEquals(oldSeed == 0, read.covers(manifest(noise, 0), 3), "seed " + oldSeed);
            assertEquals(oldSeed == 0 ? List.of(noise) : List.of(), store.keys());
        }
        assertTrue(store.load(noise.withSeed(7)).isEmpty(), "seed 7 has its own folder");
    }

    @Test
    void entryWithoutARecordedPrecisionIsFullPrecisionInItsOldFolder() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        store.write(chunk(0, 3, 15), manifest("card1"));
        Path file = store.entryDir(KEY).resolve(FeatureStore.MANIFEST);
        var json =
                (com.fasterxml.jackson.databind.node.ObjectNode)
                        FeatureStore.JSON.readTree(file.toFile());
        json.remove("precision");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("key")).remove("precision");
        FeatureStore.JSON.writeValue(file.toFile(), json);

        CacheManifest old = store.manifest(KEY).orElseThrow();
        assertEquals(KEY, old.key(), "an old key reads as fp32, in its old folder");
        assertEquals(org.clipsynergy.backbone.Precision.FP32, old.precision());
        assertTrue(old.covers(manifest("card1"), 3), "found again for the same card");
        assertEquals(java.util.Optional.of("cardHash"), old.difference(manifest("card2")));
        CacheKey half = KEY.withPrecision(org.clipsynergy.backbone.Precision.FP16);
        assertTrue(store.manifest(half).isEmpty(), "an fp16 request looks elsewhere");
    }

    @Test
    void halfAndFullPrecisionEntriesLiveSideBySide() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        CacheKey half = KEY.withPrecision(org.clipsynergy.backbone.Precision.FP16);
        store.write(chunk(0, 3, 16), manifest(half, 0));
        assertTrue(store.manifest(KEY).isEmpty(), "fp16 is not served for fp32");
        store.write(chunk(0, 2, 17), manifest(KEY, 0));
        assertEquals(3, store.load(half).orElseThrow().size());
        assertEquals(2, store.load(KEY).orElseThrow().size());
        assertEquals(Path.of("features/tiny-vit/mnist/test/none-0-fp16"), half.relativePath());
        assertFalse(store.manifest(KEY).orElseThrow().covers(manifest(half, 0), 2));
    }

    @Test
    void seedIsPartOfACorruptedKeyButNotOfACleanOne() {
        CacheKey noise = new CacheKey("a", "mnist", "test", "gaussian_noise", 3, 7);
        assertEquals(Path.of("features/a/mnist/test/gaussian_noise-3-seed7"), noise.relativePath());
        assertEquals(
                Path.of("features/a/mnist/test/gaussian_noise-3"),
                noise.withSeed(0).relativePath());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CacheKey("a", "mnist", "test", "none", 0, 7));
        assertTrue(e.getMessage().contains("'seed' must be 0"), e.getMessage());
    }

    private static FeatureSet corrupted(FeatureSet s, CacheKey k) {
        return new FeatureSet(
                k.backbone(),
                k.dataset(),
                k.split(),
                k.perturbation(),
                k.severity(),
                s.classNames(),
                s.imageFeatures(),
                s.logits(),
                s.labels(),
                s.indices());
    }

    private static CacheManifest manifest(CacheKey key, long seed) {
        return new CacheManifest(
                key,
                "card1",
                "fp1",
                "head1",
                CLASSES,
                Map.of(),
                seed,
                -1,
                0,
                key.precision(),
                "test",
                null);
    }

    @Test
    void entryWithAnUnparsableManifestReadsAsAbsent() throws IOException {
        FeatureStore store = new FeatureStore(dir);
        store.write(chunk(0, 3, 18), manifest("card1"));
        Files.writeString(store.entryDir(KEY).resolve(FeatureStore.MANIFEST), "{\"key\": 42}");
        assertTrue(store.manifest(KEY).isEmpty());
        assertTrue(store.load(KEY).isEmpty());
        assertFalse(store.contains(KEY));
        assertEquals(List.of(), store.keys());
    }

    @Test
    void keyRejectsUnsafeNamesAndBadSeverity() {
        assertThrows(IllegalArgumentException.class, () -> CacheKey.clean("../x", "mnist", "test"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CacheKey("a", "mnist", "test", "gaussian_noise", 0));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("a", "b", "c", "none", 2));
    }
}
