package org.clipsynergy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** One test per documented precondition: each error names the field, expected and actual. */
class BadInputTest {
    private static final float[][] LOGITS = {{1, 0}, {0, 1}, {1, 0}};
    private static final int[] LABELS = {0, 1, 1};

    @Test
    void logitsAndLabelsOfDifferentLengths() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Accuracy.scores(LOGITS, new int[] {0, 1}));
        assertEquals(
                "accuracy: labels length expected 3 (the logits' rows), got 2", e.getMessage());
    }

    @Test
    void nonFiniteLogits() {
        float[][] logits = {{1, 0}, {Float.NaN, 1}};
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Accuracy.scores(logits, new int[] {0, 1}));
        assertEquals("accuracy: logits[1][0] expected a finite number, got NaN", e.getMessage());
        float[][] infinite = {{Float.POSITIVE_INFINITY, 0}};
        assertThrows(
                IllegalArgumentException.class, () -> Accuracy.scores(infinite, new int[] {0}));
    }

    @Test
    void labelOutOfRange() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Accuracy.scores(LOGITS, new int[] {0, 2, 1}));
        assertEquals("accuracy: labels[1] expected in [0, 2), got 2", e.getMessage());
    }

    @Test
    void emptySubset() {
        OracleBound oracle = new OracleBound(OracleBoundTest.fourMembers());
        var e = assertThrows(IllegalArgumentException.class, () -> oracle.accuracy(List.of()));
        assertEquals(
                "oracle: subset expected at least 1 member of [A, B, C, D], got an empty subset",
                e.getMessage());
    }

    @Test
    void unknownMember() {
        OracleBound oracle = new OracleBound(OracleBoundTest.fourMembers());
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> oracle.perImage(List.of("A", "Z")));
        assertEquals("members: name expected one of [A, B, C, D], got 'Z'", e.getMessage());
    }

    @Test
    void featureSetsOfDifferentDatasets() {
        FeatureSet a = Fixtures.set("a", "mnist", "test", LOGITS, LABELS);
        FeatureSet b = Fixtures.set("b", "fashion-mnist", "test", LOGITS, LABELS);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CorrectnessMatrix.fromFeatureSets(List.of(a, b)));
        assertEquals(
                "member 'b': dataset expected 'mnist' (as member 'a'), got 'fashion-mnist'",
                e.getMessage());
    }

    @Test
    void featureSetsOfDifferentSplits() {
        FeatureSet a = Fixtures.set("a", "mnist", "test", LOGITS, LABELS);
        FeatureSet b = Fixtures.set("b", "mnist", "train", LOGITS, LABELS);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CorrectnessMatrix.fromFeatureSets(List.of(a, b)));
        assertEquals(
                "member 'b': split expected 'test' (as member 'a'), got 'train'", e.getMessage());
    }

    @Test
    void featureSetsInDifferentImageOrders() {
        FeatureSet a = Fixtures.set("a", "mnist", "test", LOGITS, LABELS);
        FeatureSet b = Fixtures.set("b", "mnist", "test", LOGITS, LABELS);
        long[] reordered = {0, 2, 1};
        FeatureSet c =
                new FeatureSet(
                        "c",
                        b.dataset(),
                        b.split(),
                        b.perturbation(),
                        b.severity(),
                        b.classNames(),
                        b.imageFeatures(),
                        b.logits(),
                        b.labels(),
                        reordered);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CorrectnessMatrix.fromFeatureSets(List.of(a, c)));
        assertEquals("member 'c': indices[1] expected 1 (as member 'a'), got 2", e.getMessage());
    }

    @Test
    void featureSetsOfDifferentSeverities() {
        FeatureSet a = Fixtures.set("a", "mnist", "test", LOGITS, LABELS);
        FeatureSet b = Fixtures.set("b", "mnist", "test", LOGITS, LABELS);
        FeatureSet noisy =
                new FeatureSet(
                        "b",
                        b.dataset(),
                        b.split(),
                        "gaussian_noise",
                        3,
                        b.classNames(),
                        b.imageFeatures(),
                        b.logits(),
                        b.labels(),
                        b.indices());
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CorrectnessMatrix.fromFeatureSets(List.of(a, noisy)));
        assertEquals(
                "member 'b': perturbation expected 'none' (as member 'a'), got 'gaussian_noise'",
                e.getMessage());
    }

    @Test
    void duplicateBackbones() {
        FeatureSet a = Fixtures.set("a", "mnist", "test", LOGITS, LABELS);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CorrectnessMatrix.fromFeatureSets(List.of(a, a)));
        assertEquals(
                "members: backbone expected distinct names, got 'a' at positions 0 and 1",
                e.getMessage());
    }

    @Test
    void correctnessOfDifferentLengths() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CorrectnessMatrix.of(
                                        List.of("x", "y"),
                                        List.of(Fixtures.flags("101"), Fixtures.flags("10"))));
        assertEquals("member 'y': images expected 3 (as member 'x'), got 2", e.getMessage());
    }

    @Test
    void tooFewBootstrapResamples() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile95(1, 42));
        assertEquals("bootstrap: resamples expected >= 2, got 1", e.getMessage());
    }
}
