package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** Every documented precondition fails with a message naming the field, expected and actual. */
class BadInputTest {

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void membersWithDifferentClassCounts() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        FeatureSet b = SyntheticMembers.noisy("b", "holdout", 20, 4, 4, 2, 0.8);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StaticEnsembles.meanOfLogits().fit(List.of(a, b)));
        assertMessage(e, "member b", "class count", "expected 5", "got 4");
    }

    @Test
    void nanLogits() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        a.logits()[3][2] = Float.NaN;
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CalibratedAveraging().fit(List.of(a)));
        assertMessage(e, "member a", "logits[3][2]", "finite", "NaN");
    }

    @Test
    void classWithoutAHoldoutImage() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        int[] withoutClass4 =
                java.util.stream.IntStream.range(0, 20).filter(i -> i % 5 != 4).toArray();
        FeatureSet sub = Members.subset(a, withoutClass4);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> NeuralLogitController.withDefaults(0).fit(List.of(sub)));
        assertMessage(e, "class 4", "'class4'", "expected >= 1", "got 0");
    }

    @Test
    void moreShotsThanAClassHas() {
        FeatureSet a = SyntheticMembers.noisy("a", "train", 20, 5, 4, 1, 0.8);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FewShotExperiment.perClass(a.labels(), 5, 8, 0, a));
        assertMessage(e, "class 0", "expected >= k = 8", "got 4");
    }

    @Test
    void misalignedImages() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        FeatureSet b =
                Members.subset(
                        SyntheticMembers.noisy("b", "holdout", 21, 5, 4, 2, 0.8),
                        java.util.stream.IntStream.range(1, 21).toArray());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StaticEnsembles.meanOfLogits().fit(List.of(a, b)));
        assertMessage(e, "member b", "indices[0]", "expected 0", "got 1");
    }

    @Test
    void predictingForOtherMembers() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        FeatureSet b = SyntheticMembers.noisy("b", "holdout", 20, 5, 4, 2, 0.8);
        FittedEnsemble fitted = StaticEnsembles.meanOfLogits().fit(List.of(a, b));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> fitted.predict(List.of(b, a)));
        assertMessage(e, "member 0 backbone", "expected a", "got b");
    }

    @Test
    void cascadeWithoutTheCostOfAMember() {
        FeatureSet a = SyntheticMembers.noisy("a", "holdout", 20, 5, 4, 1, 0.8);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Cascade(Map.of("other", 1.0), 0.5).fit(List.of(a)));
        assertMessage(e, "gflops of member a", "got null");
    }

    @Test
    void invalidControllerSettings() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ControllerSettings.defaults(0).withLearningRate(-1));
        assertMessage(e, "learningRate", "> 0", "-1.0");
    }
}
