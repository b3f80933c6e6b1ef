package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** The controller on synthetic members whose best combination is known. */
class NeuralLogitControllerTest {

    private static ControllerSettings settings(long seed) {
        return ControllerSettings.defaults(seed).withSchedule(32, 200, 20);
    }

    @Test
    void learnsWhichMemberToTrustOnEachHalf() {
        List<FeatureSet> holdout = SyntheticMembers.halves(400, 10, 16, 1, "holdout");
        List<FeatureSet> test = SyntheticMembers.halves(400, 10, 16, 2, "test");
        int[] labels = test.get(0).labels();

        double mean =
                Members.accuracy(StaticEnsembles.meanOfLogits().fit(holdout).predict(test), labels);
        NeuralLogitController.Fitted controller =
                new NeuralLogitController(settings(7)).fit(holdout);
        double accuracy = Members.accuracy(controller.predict(test), labels);

        System.err.println("mean " + mean + " controller " + accuracy + " " + controller.report());
        assertTrue(mean > 0.35 && mean < 0.65, "mean of logits " + mean);
        assertTrue(accuracy >= 0.95, "controller accuracy " + accuracy);
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        List<FeatureSet> holdout = SyntheticMembers.halves(200, 10, 16, 3, "holdout");
        List<FeatureSet> test = SyntheticMembers.halves(100, 10, 16, 4, "test");
        float[][] a =
                new NeuralLogitController(settings(11).withSchedule(32, 5, 5))
                        .fit(holdout)
                        .predict(test);
        float[][] b =
                new NeuralLogitController(settings(11).withSchedule(32, 5, 5))
                        .fit(holdout)
                        .predict(test);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f, "row " + i);
        }
    }
}
