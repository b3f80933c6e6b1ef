package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.clipsynergy.features.FeatureSet;
import org.clipsynergy.metrics.CorrectnessMatrix;
import org.clipsynergy.similarity.CenteredKernelAlignment;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Hand-worked oracle gains and who-is-right labels; CKA matrices' symmetry and diagonal. */
class StudyTablesTest {

    private static final int[] LABELS = {0, 1, 0, 1};

    /** A set whose prediction is right exactly where {@code right} says. */
    private static FeatureSet set(String name, boolean[] right, long seed) {
        Random random = new Random(seed);
        int n = right.length;
        float[][] logits = new float[n][2];
        float[][] features = new float[n][3];
        for (int i = 0; i < n; i++) {
            int predicted = right[i] ? LABELS[i] : 1 - LABELS[i];
            logits[i][predicted] = 1;
            for (int j = 0; j < 3; j++) {
                features[i][j] = (float) random.nextGaussian();
            }
        }
        return new FeatureSet(
                name,
                "toy",
                "test",
                FeatureSet.CLEAN,
                0,
                List.of("a", "b"),
                features,
                logits,
                LABELS.clone(),
                new long[] {0, 1, 2, 3});
    }

    private static List<FeatureSet> toy() {
        return List.of(
                set("x", new boolean[] {true, true, false, false}, 1),
                set("y", new boolean[] {true, false, true, false}, 2),
                set("z", new boolean[] {false, false, false, false}, 3));
    }

    @Test
    void oracleGainByHand() {
        Map<String, List<FeatureSet>> perDataset = new LinkedHashMap<>();
        perDataset.put("toy", toy());
        Table gain = StudyTables.oracleGain(perDataset);
        // x and y are right on 2 of 4 each (x first on ties); together on 3 of 4.
        assertEquals("x", gain.stringColumn("best_member").get(0));
        assertEquals(0.5, gain.doubleColumn("best_member_accuracy").get(0), 1e-12);
        assertEquals(0.75, gain.doubleColumn("oracle_accuracy").get(0), 1e-12);
        assertEquals(25.0, gain.doubleColumn("oracle_gain_points").get(0), 1e-9);
    }

    @Test
    void patternBarsNameTheRightMembers() {
        List<FeatureSet> sets = toy();
        CorrectnessMatrix m = CorrectnessMatrix.fromFeatureSets(sets);
        Table bars = StudyTables.patternBars(m.patterns(), m.members(), 10);
        // Patterns: {x,y} on image 0, {x} on 1, {y} on 2, none on 3: one image each. Two of
        // three right is named by the one that is wrong.
        assertEquals(4, bars.rowCount());
        List<String> labels = bars.stringColumn("pattern").asList();
        assertEquals(
                true,
                labels.containsAll(List.of("all but z", "x", "y", "none")),
                labels.toString());
        assertEquals(4, (int) bars.intColumn("images").sum());
    }

    @Test
    void labelsDropTheCommonPrefix() {
        assertEquals(5, StudyTables.commonPrefix(List.of("mini-vit", "mini-mlp", "mini-mixer")));
        assertEquals(0, StudyTables.commonPrefix(List.of("RN50", "RN101", "ViT-B-32")));
        assertEquals(0, StudyTables.commonPrefix(List.of("RN50", "RN50x4")));
        assertEquals(4, StudyTables.commonPrefix(List.of("ViT-B-32", "ViT-L-14")));
    }

    @Test
    void ckaMatrixIsSymmetricWithUnitDiagonal() {
        List<FeatureSet> sets = toy();
        try (CenteredKernelAlignment cka = CenteredKernelAlignment.onCpu()) {
            for (StudyTables.CkaKind kind :
                    List.of(StudyTables.CkaKind.LINEAR, StudyTables.CkaKind.RBF)) {
                double[][] m = StudyTables.cka(sets, 4, kind, 0.5, cka);
                for (int i = 0; i < 3; i++) {
                    assertEquals(1.0, m[i][i], 1e-6, kind + " diagonal");
                    for (int j = 0; j < 3; j++) {
                        assertEquals(m[i][j], m[j][i], 1e-12);
                    }
                }
                assertEquals(
                        m[0][1],
                        cka.linear(sets.get(0).imageFeatures(), sets.get(1).imageFeatures()),
                        kind == StudyTables.CkaKind.LINEAR ? 1e-12 : 1.0);
            }
        }
    }

    @Test
    void ckaNeedsTwoBackbonesAndSaysSo() {
        try (CenteredKernelAlignment cka = CenteredKernelAlignment.onCpu()) {
            for (StudyTables.CkaKind kind : StudyTables.CkaKind.values()) {
                IllegalArgumentException one =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> StudyTables.cka(toy().subList(0, 1), 4, kind, 0.5, cka));
                assertEquals(
                        "CKA compares backbones: give at least two, got 1 (x)", one.getMessage());
            }
            IllegalArgumentException none =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    StudyTables.cka(
                                            List.of(), 4, StudyTables.CkaKind.LINEAR, 0.5, cka));
            assertEquals("CKA compares backbones: give at least two, got 0", none.getMessage());
        }
    }
}
