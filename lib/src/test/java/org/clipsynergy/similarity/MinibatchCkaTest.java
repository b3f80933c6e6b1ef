package org.clipsynergy.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.jetbrains.bio.npy.NpyFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minibatch CKA (Nguyen, Raghu & Kornblith 2021) and streaming rows from NPY files. */
class MinibatchCkaTest {
    private static CenteredKernelAlignment cka;

    @BeforeAll
    static void open() {
        cka = CenteredKernelAlignment.onCpu();
    }

    @AfterAll
    static void close() {
        cka.close();
    }

    @Test
    void oneBatchOfEveryRowIsTheDebiasedCka() throws IOException {
        float[][] x = CkaFixtures.x();
        float[][] y = CkaFixtures.y();
        MinibatchCka minibatch = new MinibatchCka(cka);
        minibatch.add(x, y);
        assertEquals(cka.linearDebiased(x, y), minibatch.value(), 1e-12);
        assertEquals(1, minibatch.batches());
        assertEquals(100, minibatch.rows());
    }

    @Test
    void manyBatchesApproximateTheDebiasedCkaOfAllRows() {
        // 8,000 rows of related representations in 16 batches of 500: each batch's unbiased
        // HSIC estimates the population HSIC, so the average lands near the full-set value.
        float[][] x = CkaFixtures.gaussian(8000, 12, 7);
        float[][] y = related(x, 8, 8);
        double full = cka.linearDebiased(x, y);
        double batched = MinibatchCka.stream(cka, blocks(x, 500), blocks(y, 500));
        assertEquals(full, batched, 0.01);
        assertTrue(full > 0.2 && full < 0.9, "a case that is neither trivial nor saturated");
    }

    @Test
    void streamsNpyFilesInStepWithMemory(@TempDir Path dir) throws IOException {
        float[][] x = CkaFixtures.gaussian(1003, 6, 9);
        float[][] y = related(x, 5, 10);
        Path fx = write(dir.resolve("x.npy"), x);
        Path fy = write(dir.resolve("y.npy"), y);

        double fromMemory = MinibatchCka.stream(cka, blocks(x, 100), blocks(y, 100));
        double fromFiles;
        try (NpyRowBlocks bx = NpyRowBlocks.open(fx, 100);
                NpyRowBlocks by = NpyRowBlocks.open(fy, 100)) {
            assertEquals(1003, bx.rows());
            assertEquals(6, bx.columns());
            fromFiles = MinibatchCka.stream(cka, bx, by);
        }
        // The last block has 3 rows (< 4) and is skipped on both paths.
        assertEquals(fromMemory, fromFiles, 1e-12);
    }

    @Test
    void readsEveryRowInFileOrderAndShuffled(@TempDir Path dir) throws IOException {
        float[][] x = CkaFixtures.gaussian(57, 3, 11);
        Path file = write(dir.resolve("x.npy"), x);
        List<float[]> ordered = new ArrayList<>();
        try (NpyRowBlocks blocks = NpyRowBlocks.open(file, 10)) {
            blocks.forEachRemaining(b -> ordered.addAll(Arrays.asList(b)));
        }
        assertEquals(57, ordered.size());
        for (int i = 0; i < 57; i++) {
            assertArrayEquals(x[i], ordered.get(i));
        }

        List<float[]> first = readAll(NpyRowBlocks.shuffled(file, 10, 5));
        List<float[]> again = readAll(NpyRowBlocks.shuffled(file, 10, 5));
        List<float[]> other = readAll(NpyRowBlocks.shuffled(file, 10, 6));
        assertEquals(57, first.size());
        for (int i = 0; i < 57; i++) {
            assertArrayEquals(first.get(i), again.get(i));
        }
        assertNotEquals(Arrays.toString(first.get(0)), Arrays.toString(other.get(0)));
        // A permutation: the multiset of first columns is unchanged.
        double[] sorted = first.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] expected = Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        assertArrayEquals(expected, sorted, 0);
    }

    private static List<float[]> readAll(NpyRowBlocks blocks) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (blocks) {
            blocks.forEachRemaining(b -> rows.addAll(Arrays.asList(b)));
        }
        return rows;
    }

    static Path write(Path file, float[][] rows) {
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        NpyFile.write(file, flat, new int[] {rows.length, d});
        return file;
    }

    /** x A + noise, for a Gaussian d x e map A. */
    static float[][] related(float[][] x, int e, long seed) {
        float[][] y = CkaFixtures.times(x, CkaFixtures.gaussianMap(x[0].length, e, seed));
        float[][] noise = CkaFixtures.gaussian(x.length, e, seed + 1);
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < e; j++) {
                y[i][j] += 3 * noise[i][j];
            }
        }
        return y;
    }

    static Iterator<float[][]> blocks(float[][] x, int rows) {
        List<float[][]> blocks = new ArrayList<>();
        for (int from = 0; from < x.length; from += rows) {
            blocks.add(Arrays.copyOfRange(x, from, Math.min(x.length, from + rows)));
        }
        return blocks.iterator();
    }
}
