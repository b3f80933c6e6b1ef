package org.clipsynergy.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.jetbrains.bio.npy.NpyFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per documented precondition of CKA: each error names field, expected and actual. */
class CkaBadInputTest {
    private static CenteredKernelAlignment cka;
    private static final float[][] GOOD = CkaFixtures.gaussian(6, 2, 1);

    @BeforeAll
    static void open() {
        cka = CenteredKernelAlignment.onCpu();
    }

    @AfterAll
    static void close() {
        cka.close();
    }

    @Test
    void nanFeatures() {
        float[][] bad = copy(GOOD);
        bad[4][1] = Float.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> cka.linear(GOOD, bad));
        assertEquals("cka: y[4][1] expected a finite number, got NaN", e.getMessage());
    }

    @Test
    void infiniteFeatures() {
        float[][] bad = copy(GOOD);
        bad[0][0] = Float.NEGATIVE_INFINITY;
        var e = assertThrows(IllegalArgumentException.class, () -> cka.rbf(bad, GOOD, 0.5));
        assertEquals("cka: x[0][0] expected a finite number, got -Infinity", e.getMessage());
    }

    @Test
    void differentRowCounts() {
        float[][] fewer = CkaFixtures.gaussian(5, 2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> cka.linear(GOOD, fewer));
        assertEquals(
                "cka: rows of y expected 6 (the rows of x, one per image), got 5", e.getMessage());
    }

    @Test
    void tooFewRowsForUnbiasedHsic() {
        float[][] three = CkaFixtures.gaussian(3, 2, 3);
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> cka.linearDebiased(three, three));
        assertEquals("cka: rows of x expected >= 4, got 3", e.getMessage());
    }

    @Test
    void constantFeatures() {
        float[][] constant = new float[6][2];
        var e = assertThrows(IllegalArgumentException.class, () -> cka.linear(constant, GOOD));
        assertEquals(
                "cka: HSIC of x with itself expected > 0 (features that vary across images), got"
                        + " 0.0",
                e.getMessage());
    }

    @Test
    void nonPositiveThreshold() {
        var e = assertThrows(IllegalArgumentException.class, () -> cka.rbf(GOOD, GOOD, 0));
        assertEquals("cka: RBF threshold expected a finite number > 0, got 0.0", e.getMessage());
    }

    @Test
    void featureSetsOfDifferentDatasets() {
        FeatureSet a = set("a", "mnist", new long[] {0, 1, 2, 3, 4, 5});
        FeatureSet b = set("b", "fashion-mnist", new long[] {0, 1, 2, 3, 4, 5});
        var e = assertThrows(IllegalArgumentException.class, () -> cka.linear(a, b));
        assertEquals(
                "cka of 'a' and 'b': dataset expected mnist (as the first), got fashion-mnist",
                e.getMessage());
    }

    @Test
    void featureSetsInDifferentImageOrders() {
        FeatureSet a = set("a", "mnist", new long[] {0, 1, 2, 3, 4, 5});
        FeatureSet b = set("b", "mnist", new long[] {0, 1, 2, 3, 5, 4});
        var e = assertThrows(IllegalArgumentException.class, () -> cka.linearDebiased(a, b));
        assertEquals(
                "cka of 'a' and 'b': indices[4] expected 4 (as the first), got 5", e.getMessage());
    }

    @Test
    void streamsOfDifferentLengths() {
        float[][] x = CkaFixtures.gaussian(12, 2, 4);
        float[][] y = CkaFixtures.gaussian(8, 2, 5);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                MinibatchCka.stream(
                                        cka,
                                        MinibatchCkaTest.blocks(x, 4),
                                        MinibatchCkaTest.blocks(y, 4)));
        assertEquals(
                "minibatch cka: blocks of y expected to end with those of x after 8 rows, but x"
                        + " has more",
                e.getMessage());
    }

    @Test
    void npyOfTheWrongType(@TempDir Path dir) {
        Path file = dir.resolve("labels.npy");
        NpyFile.write(file, new int[] {1, 2, 3}, new int[] {3});
        var e = assertThrows(IOException.class, () -> NpyRowBlocks.open(file, 2));
        assertEquals(
                file + ": array expected float32 [n, d], got type i4 shape [3]", e.getMessage());
    }

    private static FeatureSet set(String backbone, String dataset, long[] indices) {
        float[][] logits = new float[6][2];
        return new FeatureSet(
                backbone,
                dataset,
                "test",
                FeatureSet.CLEAN,
                0,
                List.of("a", "b"),
                GOOD,
                logits,
                new int[6],
                indices);
    }

    private static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
