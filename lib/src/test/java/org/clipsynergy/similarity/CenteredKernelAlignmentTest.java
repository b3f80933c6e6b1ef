package org.clipsynergy.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * CKA against the reference values and its defining properties. Reference: X, Y and values from
 * environment/reference/make_cka_fixtures.py (numpy 1.26), which reproduces the published numbers
 * of the CKA authors' demo (linear 0.55761, RBF at threshold 0.5 0.65483, debiased linear 0.51346).
 */
class CenteredKernelAlignmentTest {
    private static final double REFERENCE = 1e-5;
    private static final double TIGHT = 1e-9;

    private static CenteredKernelAlignment exact;
    private static CenteredKernelAlignment mixed;
    private static float[][] x;
    private static float[][] y;
    private static Map<String, Double> values;

    @BeforeAll
    static void open() throws IOException {
        exact = CenteredKernelAlignment.onCpu();
        mixed = new CenteredKernelAlignment(Device.cpu(), Precision.MIXED, 32);
        x = CkaFixtures.x();
        y = CkaFixtures.y();
        values = CkaFixtures.values();
    }

    @AfterAll
    static void close() {
        exact.close();
        mixed.close();
    }

    @Test
    void publishedLinearCka() {
        assertEquals(values.get("linear"), exact.linear(x, y), REFERENCE);
        assertEquals(values.get("linear"), mixed.linear(x, y), REFERENCE);
        assertEquals(CkaFixtures.PUBLISHED_LINEAR, exact.linear(x, y), REFERENCE);
        assertEquals(
                values.get("linear"),
                GramHsic.cka(GramHsic.linearGram(x), GramHsic.linearGram(y), false),
                REFERENCE);
    }

    @Test
    void publishedRbfCkaAtThresholdHalf() {
        assertEquals(values.get("rbf_0.5"), exact.rbf(x, y, 0.5), REFERENCE);
        assertEquals(CkaFixtures.PUBLISHED_RBF_05, exact.rbf(x, y, 0.5), REFERENCE);
        assertEquals(
                values.get("rbf_0.5"),
                GramHsic.cka(GramHsic.rbfGram(x, 0.5), GramHsic.rbfGram(y, 0.5), false),
                REFERENCE);
    }

    @Test
    void rbfMatrixMatchesTheReferenceAndThePairwiseValues() {
        // A third matrix: x with its rows' features scaled, so all three pairs differ.
        float[][] z = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = new float[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                z[i][k] = x[i][k] * (1 + k % 3) + y[i][k % y[i].length];
            }
        }
        List<float[][]> sets = List.of(x, y, z);
        double[][] m = exact.rbfMatrix(sets, 0.5);
        assertEquals(values.get("rbf_0.5"), m[0][1], REFERENCE);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, m[i][i], 0.0);
            for (int j = 0; j < 3; j++) {
                assertEquals(m[i][j], m[j][i], 0.0);
                if (i != j) {
                    assertEquals(exact.rbf(sets.get(i), sets.get(j), 0.5), m[i][j], TIGHT);
                }
            }
        }
    }

    @Test
    void publishedDebiasedLinearCka() {
        assertEquals(values.get("debiased_linear"), exact.linearDebiased(x, y), REFERENCE);
        assertEquals(values.get("debiased_linear"), mixed.linearDebiased(x, y), REFERENCE);
        assertEquals(CkaFixtures.PUBLISHED_DEBIASED_LINEAR, exact.linearDebiased(x, y), REFERENCE);
        assertEquals(
                values.get("debiased_linear"),
                GramHsic.cka(GramHsic.linearGram(x), GramHsic.linearGram(y), true),
                REFERENCE);
    }

    @Test
    void ckaOfARepresentationWithItselfIsOne() {
        assertEquals(1.0, exact.linear(x, x), TIGHT);
        assertEquals(1.0, exact.linearDebiased(x, x), TIGHT);
        assertEquals(1.0, exact.rbf(x, x, 0.5), TIGHT);
        assertEquals(1.0, exact.rbfDebiased(x, x, 1.0), TIGHT);
    }

    @Test
    void symmetric() {
        assertEquals(exact.linear(x, y), exact.linear(y, x), TIGHT);
        assertEquals(exact.linearDebiased(x, y), exact.linearDebiased(y, x), TIGHT);
        assertEquals(exact.rbf(x, y, 0.5), exact.rbf(y, x, 0.5), TIGHT);
    }

    @Test
    void invariantToOrthogonalTransformsAndIsotropicScaling() {
        float[][] rotated = CkaFixtures.times(y, CkaFixtures.orthogonal(10, 21));
        float[][] scaled = CkaFixtures.times(y, scale(10, 3.7));
        double tolerance = 1e-6; // float32 rounding of the transformed inputs
        assertEquals(exact.linear(x, y), exact.linear(x, rotated), tolerance);
        assertEquals(exact.linear(x, y), exact.linear(x, scaled), tolerance);
        assertEquals(exact.linearDebiased(x, y), exact.linearDebiased(x, rotated), tolerance);
        assertEquals(exact.linearDebiased(x, y), exact.linearDebiased(x, scaled), tolerance);
        assertEquals(exact.rbf(x, y, 0.5), exact.rbf(x, rotated, 0.5), tolerance);
        assertEquals(exact.rbf(x, y, 0.5), exact.rbf(x, scaled, 0.5), tolerance);
    }

    @Test
    void notInvariantToAnArbitraryLinearMap() {
        // A diagonal stretch by 1, 2, ..., 10 followed by a rotation: invertible, not orthogonal.
        double[][] stretch = new double[10][10];
        for (int i = 0; i < 10; i++) {
            stretch[i][i] = i + 1;
        }
        float[][] mapped =
                CkaFixtures.times(CkaFixtures.times(y, stretch), CkaFixtures.orthogonal(10, 22));
        assertTrue(Math.abs(exact.linear(x, y) - exact.linear(x, mapped)) > 0.05);
        assertTrue(Math.abs(exact.linearDebiased(x, y) - exact.linearDebiased(x, mapped)) > 0.05);
        assertTrue(Math.abs(exact.rbf(x, y, 0.5) - exact.rbf(x, mapped, 0.5)) > 0.05);
    }

    @Test
    void translationDoesNotChangeCka() {
        float[][] shifted = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            shifted[i] = y[i].clone();
            for (int j = 0; j < shifted[i].length; j++) {
                shifted[i][j] += 5f;
            }
        }
        assertEquals(exact.linear(x, y), exact.linear(x, shifted), 1e-6);
        assertEquals(exact.linearDebiased(x, y), exact.linearDebiased(x, shifted), 1e-6);
    }

    @Test
    void gramAndFeatureFormsAgree() {
        float[][] a = CkaFixtures.gaussian(300, 24, 1);
        float[][] noise = CkaFixtures.gaussian(300, 16, 2);
        float[][] b = CkaFixtures.times(a, CkaFixtures.gaussianMap(24, 16, 3));
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b[i].length; j++) {
                b[i][j] += 2 * noise[i][j];
            }
        }
        double feature = exact.linear(a, b);
        assertEquals(feature, exact.linearGramForm(a, b, false), TIGHT);
        assertEquals(
                feature, GramHsic.cka(GramHsic.linearGram(a), GramHsic.linearGram(b), false), 1e-7);
        double debiased = exact.linearDebiased(a, b);
        assertEquals(debiased, exact.linearGramForm(a, b, true), TIGHT);
        assertEquals(
                debiased, GramHsic.cka(GramHsic.linearGram(a), GramHsic.linearGram(b), true), 1e-7);
        assertEquals(feature, mixed.linear(a, b), 1e-6);
        assertTrue(debiased < feature, "debiasing removes the positive bias of small samples");
    }

    @Test
    void unbiasedHsicMatchesThePureJavaEstimate() {
        // The feature-form moments give the same unbiased HSIC as Song et al.'s Gram formula.
        LinearMoments moments = exact.moments(x, y);
        double n = x.length;
        double scaledHsic = GramHsic.unbiased(GramHsic.linearGram(x), GramHsic.linearGram(y));
        assertEquals(scaledHsic, moments.unbiasedHsicXY(), 1e-9 * Math.abs(scaledHsic) + 1e-12);
        assertEquals(100, moments.rows());
        assertTrue(n > 0);
    }

    @Test
    void pairwiseTableOfFeatureSets() {
        FeatureSet a = set("a", x);
        FeatureSet b = set("b", y);
        Table table = exact.pairwise(List.of(a, b));
        // Ordered pairs (a, a), (a, b), (b, a), (b, b).
        assertEquals(4, table.rowCount());
        assertEquals("b", table.stringColumn("backbone_b").get(1));
        assertEquals(values.get("linear"), table.doubleColumn("linear_cka").get(1), REFERENCE);
        assertEquals(values.get("linear"), table.doubleColumn("linear_cka").get(2), REFERENCE);
        assertEquals(
                values.get("debiased_linear"),
                table.doubleColumn("debiased_linear_cka").get(2),
                REFERENCE);
        assertEquals(1.0, table.doubleColumn("linear_cka").get(3), TIGHT);
    }

    private static FeatureSet set(String backbone, float[][] features) {
        int n = features.length;
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return new FeatureSet(
                backbone,
                "fixture",
                "test",
                FeatureSet.CLEAN,
                0,
                List.of("only"),
                features,
                new float[n][1],
                new int[n],
                indices);
    }

    private static double[][] scale(int d, double factor) {
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            s[i][i] = factor;
        }
        return s;
    }
}
