package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipsynergy.ProjectLayout;
import org.clipsynergy.backbone.Fixtures;
import org.clipsynergy.features.CacheKey;
import org.clipsynergy.features.CacheManifest;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.features.FeatureStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The notebooks' facade over the real MNIST test split and the two tiny open_clip fixture backbones
 * (tiny-rn, tiny-vit, exported by environment/reference/backbone_fixtures.py).
 */
class StudyTest {

    @TempDir Path cache;

    private ProjectLayout layout() {
        Path root = Path.of(System.getProperty("clipsynergy.root", "..")).toAbsolutePath();
        ProjectLayout layout =
                new ProjectLayout(
                        root, root.resolve("data"), Fixtures.root(), cache, cache.resolve("fig"));
        Assumptions.assumeTrue(
                Files.isRegularFile(layout.data().resolve("mnist/t10k-images-idx3-ubyte")),
                "MNIST is not downloaded (make data); skipping the extraction through the study");
        return layout;
    }

    @Test
    void extractsOnceThenCutsLargerCachedEntries() throws IOException {
        try (Study study = Study.open(layout(), List.of(), List.of("mnist"))) {
            assertEquals(List.of("tiny-rn", "tiny-vit"), study.backbones());
            List<FeatureSet> sets = study.clean("mnist", "test", 24);
            assertEquals(2, sets.size());
            assertEquals("tiny-rn", sets.get(0).backbone());
            assertEquals("tiny-vit", sets.get(1).backbone());
            for (FeatureSet s : sets) {
                assertEquals(24, s.size());
                assertEquals(10, s.numClasses());
                assertEquals(0L, s.indices()[0]);
                assertEquals(23L, s.indices()[23]);
            }
            assertArrayEquals(sets.get(0).labels(), sets.get(1).labels());

            CacheKey key = CacheKey.clean("tiny-rn", "mnist", "test");
            CacheManifest before = study.store().manifest(key).orElseThrow();
            List<FeatureSet> fewer = study.clean("mnist", "test", 10);
            CacheManifest after = study.store().manifest(key).orElseThrow();
            // Served from the 24-image entry: not written again.
            assertEquals(before.createdAt(), after.createdAt());
            assertEquals(24, after.count());
            assertEquals(10, fewer.get(0).size());
            assertArrayEquals(sets.get(0).logits()[9], fewer.get(0).logits()[9]);
            assertArrayEquals(sets.get(1).imageFeatures()[3], fewer.get(1).imageFeatures()[3]);
        }
    }

    @Test
    void aDamagedCachedEntryIsExtractedAgainNotFailed() throws IOException {
        try (Study study = Study.open(layout(), List.of("tiny-rn"), List.of("mnist"))) {
            FeatureSet first = study.clean("mnist", "test", 12).get(0);
            Path features =
                    study.store()
                            .entryDir(CacheKey.clean("tiny-rn", "mnist", "test"))
                            .resolve(FeatureStore.IMAGE_FEATURES);
            byte[] bytes = Files.readAllBytes(features);
            Files.write(features, java.util.Arrays.copyOf(bytes, bytes.length - 40));
            FeatureSet again = study.clean("mnist", "test", 12).get(0);
            assertEquals(bytes.length, Files.size(features), "the entry was written whole again");
            assertArrayEquals(first.imageFeatures()[11], again.imageFeatures()[11], 1e-6f);
        }
    }

    @Test
    void aRobustnessSweepChecksEveryCorruptionBeforeExtractingAny() throws IOException {
        try (Study study = Study.open(layout(), List.of("tiny-vit"), List.of("mnist"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    study.robustness(
                                            "test",
                                            List.of("gaussian_noise", "gaussian_nois"),
                                            List.of(1),
                                            8));
            assertTrue(e.getMessage().contains("gaussian_nois"), e.getMessage());
            assertTrue(study.store().keys().isEmpty(), "nothing was extracted");
            var sets = study.robustness("test", List.of("gaussian_noise"), List.of(1, 3), 8);
            assertEquals(3, sets.get("mnist").size(), "clean, then severities 1 and 3");
            assertEquals(3, study.store().keys().size());
        }
    }

    @Test
    void corruptedEntriesAreSeparateAndSeeded() throws IOException {
        try (Study study = Study.open(layout(), List.of("tiny-vit"), List.of("mnist"))) {
            FeatureSet clean = study.clean("mnist", "test", 8).get(0);
            FeatureSet noisy = study.corrupted("mnist", "test", "gaussian_noise", 5, 8).get(0);
            assertEquals("gaussian_noise", noisy.perturbation());
            assertEquals(5, noisy.severity());
            assertArrayEquals(clean.labels(), noisy.labels());
            double moved = 0;
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < clean.imageFeatures()[i].length; j++) {
                    moved += Math.abs(clean.imageFeatures()[i][j] - noisy.imageFeatures()[i][j]);
                }
            }
            assertTrue(moved > 0.1, "severity-5 noise should move the embeddings, moved " + moved);
            assertTrue(
                    study.store()
                            .contains(
                                    new CacheKey(
                                            "tiny-vit", "mnist", "test", "gaussian_noise", 5)));
        }
    }

    @Test
    void cardsGiveGflopsFromTheCardFiles() throws IOException {
        try (Study study = Study.open(layout(), List.of("tiny-vit", "tiny-rn"), List.of())) {
            assertEquals(Study.EMBEDDED_DATASETS, study.datasets());
            Table cards = study.cards();
            assertEquals(List.of("tiny-vit", "tiny-rn"), cards.stringColumn("model").asList());
            // tiny-vit/card.json: "gflops": 0.0108, "parameters": 153856
            assertEquals(0.0108, cards.doubleColumn("GFLOPs").get(0), 1e-12);
            assertEquals(0.0108, study.gflops("tiny-vit"), 1e-12);
            assertEquals(153856L, cards.longColumn("parameters").get(0));
        }
    }

    @Test
    void unknownBackboneNamesThoseAvailable() {
        // The fixture check (an assumption) runs outside assertThrows, so it skips, not fails.
        var project = layout();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Study.open(project, List.of("RN50"), List.of("mnist")));
        assertTrue(e.getMessage().contains("'RN50'"), e.getMessage());
        assertTrue(e.getMessage().contains("tiny-rn"), e.getMessage());
    }

    @Test
    void everyUnknownBackboneAndDatasetIsNamedInOneMessage() {
        var project = layout();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Study.open(
                                        project,
                                        List.of("tiny-rn", "RN50", "ViT-X"),
                                        List.of("mnist", "cifar-11", "fashion-mnist")));
        String m = e.getMessage();
        assertTrue(m.contains("backbone 'RN50', 'ViT-X' (known in "), m);
        assertTrue(m.contains(": tiny-rn, tiny-vit)"), m);
        assertTrue(m.contains("dataset 'cifar-11' (known in "), m);
        assertTrue(m.contains("datasets.yaml: mnist, fashion-mnist"), m);
        assertTrue(!m.contains("'tiny-rn'") && !m.contains("'mnist'"), m);
    }

    @Test
    void aNameGivenTwiceIsRefusedBeforeAnyWork() {
        var project = layout();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Study.open(
                                        project,
                                        List.of("tiny-rn", "tiny-vit", "tiny-rn"),
                                        List.of("mnist", "mnist")));
        String m = e.getMessage();
        assertTrue(m.startsWith("names given more than once, nothing was extracted: "), m);
        assertTrue(m.contains("backbone 'tiny-rn'; dataset 'mnist'"), m);
    }

    @Test
    void alignRefusesDifferentImages() {
        FeatureSet a = set("a", new int[] {1, 2, 3}, new long[] {0, 1, 2});
        FeatureSet b = set("b", new int[] {1, 2, 3}, new long[] {0, 1, 5});
        FeatureSet c = set("c", new int[] {1, 2, 0}, new long[] {0, 1, 2});
        assertEquals(2, Study.align(List.of(a, a)).size());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Study.align(List.of(a, b)));
        assertTrue(e.getMessage().contains("'indices'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Study.align(List.of(a, c)));
        assertTrue(e.getMessage().contains("'labels'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Study.align(List.of()));
    }

    @Test
    void headCopiesTheFirstRows() {
        FeatureSet a = set("a", new int[] {1, 2, 3}, new long[] {4, 5, 6});
        assertSame(a, Study.head(a, 3));
        FeatureSet two = Study.head(a, 2);
        assertArrayEquals(new int[] {1, 2}, two.labels());
        assertArrayEquals(new long[] {4, 5}, two.indices());
        assertThrows(IllegalArgumentException.class, () -> Study.head(a, 4));
    }

    private static FeatureSet set(String backbone, int[] labels, long[] indices) {
        int n = labels.length;
        float[][] features = new float[n][2];
        float[][] logits = new float[n][4];
        for (int i = 0; i < n; i++) {
            features[i][0] = 1;
            logits[i][labels[i]] = 1;
        }
        return new FeatureSet(
                backbone,
                "toy",
                "test",
                FeatureSet.CLEAN,
                0,
                List.of("w", "x", "y", "z"),
                features,
                logits,
                labels,
                indices);
    }
}
