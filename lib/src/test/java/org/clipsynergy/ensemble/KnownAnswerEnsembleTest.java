package org.clipsynergy.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.clipsynergy.features.FeatureSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ensembles on synthetic members whose best combination is known by construction (see {@link
 * SyntheticMembers}).
 */
class KnownAnswerEnsembleTest {

    private static List<FeatureSet> holdout;
    private static List<FeatureSet> test;
    private static int[] labels;

    @BeforeAll
    static void halves() {
        holdout = SyntheticMembers.halves(400, 10, 16, 1, "holdout");
        test = SyntheticMembers.halves(400, 10, 16, 2, "test");
        labels = test.get(0).labels();
    }

    /** The paper's optimiser settings; batch 32 so that 500 steps are 50 epochs of 320 images. */
    static ControllerSettings controllerSettings(long seed) {
        return ControllerSettings.defaults(seed).withSchedule(32, 300, 20);
    }

    private static double accuracy(Ensemble e) {
        return Members.accuracy(e.fit(holdout).predict(test), labels);
    }

    @Test
    void meanOfLogitsStaysNearHalfOnTheHalves() {
        double mean = accuracy(StaticEnsembles.meanOfLogits());
        assertTrue(mean > 0.35 && mean < 0.65, "mean of logits " + mean);
        for (FeatureSet m : test) {
            double single = Members.accuracy(m.logits(), labels);
            assertTrue(single > 0.45 && single < 0.55, m.backbone() + " alone " + single);
        }
    }

    @Test
    void controllerApproachesTheOracleOnTheHalves() {
        double accuracy = accuracy(new NeuralLogitController(controllerSettings(7)));
        assertTrue(accuracy >= 0.95, "controller accuracy " + accuracy);
    }

    @Test
    void routerApproachesTheOracleOnTheHalves() {
        double accuracy = accuracy(new Router(Router.Settings.defaults(3)));
        assertTrue(accuracy >= 0.95, "router accuracy " + accuracy);
    }

    @Test
    void mixtureOfExpertsApproachesTheOracleOnTheHalves() {
        double accuracy = accuracy(new MixtureOfExperts(MixtureOfExperts.Settings.defaults(3)));
        assertTrue(accuracy >= 0.95, "mixture of experts accuracy " + accuracy);
    }

    @Test
    void stackingLearnsAMemberWhoseClassesAreShifted() {
        // Member "shifted" is right 90 % of the time up to a relabelling y -> y + 1 (mod 5); the
        // other member is right 50 % of the time. Stacking can undo the shift; averaging cannot.
        List<FeatureSet> h = shifted("holdout", 300, 41);
        List<FeatureSet> t = shifted("test", 300, 51);
        int[] y = t.get(0).labels();
        double stacking =
                Members.accuracy(new Stacking(Stacking.Settings.defaults(0)).fit(h).predict(t), y);
        double mean = Members.accuracy(StaticEnsembles.meanLogits(t), y);
        assertTrue(stacking >= 0.85 && mean < 0.6, "stacking " + stacking + ", mean " + mean);
    }

    private static List<FeatureSet> shifted(String split, int n, long seed) {
        FeatureSet weak = SyntheticMembers.noisy("weak", split, n, 5, 4, seed, 0.5);
        FeatureSet strong = SyntheticMembers.noisy("shifted", split, n, 5, 4, seed + 1, 0.9);
        float[][] logits = new float[n][];
        for (int i = 0; i < n; i++) {
            logits[i] = new float[5];
            for (int c = 0; c < 5; c++) {
                logits[i][(c + 1) % 5] = strong.logits()[i][c];
            }
        }
        return List.of(
                weak,
                SyntheticMembers.set(
                        "shifted", split, strong.imageFeatures(), logits, strong.labels()));
    }

    @Test
    void identicalMembersGiveTheSingleMembersPredictions() {
        List<FeatureSet> h = SyntheticMembers.identical(3, 200, 5, 8, 11);
        List<FeatureSet> t = SyntheticMembers.identical(3, 100, 5, 8, 12);
        int[] single = argmax(t.get(0).logits());
        List<Ensemble> methods =
                List.of(
                        StaticEnsembles.bestSingle(),
                        StaticEnsembles.meanOfLogits(),
                        StaticEnsembles.meanOfProbabilities(),
                        StaticEnsembles.majorityVote(),
                        StaticEnsembles.mostConfident(),
                        StaticEnsembles.lowestEntropy(),
                        new CalibratedAveraging(),
                        new CalibratedAveraging(CalibratedAveraging.Mode.LOG_PROBABILITIES),
                        new Router(Router.Settings.defaults(1)),
                        new MixtureOfExperts(MixtureOfExperts.Settings.defaults(1)),
                        new NeuralLogitController(controllerSettings(1).withMaxSteps(20)),
                        new Cascade(
                                java.util.Map.of("copy0", 1.0, "copy1", 2.0, "copy2", 3.0), 0.9));
        for (Ensemble e : methods) {
            assertArrayEquals(single, argmax(e.fit(h).predict(t)), e.name());
        }
    }

    @Test
    void controllerFitsOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        // libtorch's grad mode is per thread and on by default; DJL turns it off only on the
        // thread that loads the engine. A notebook kernel may run a later cell on another thread,
        // where the optimiser's in-place update of a parameter used to fail ("a leaf Variable
        // that requires grad is being used in an in-place operation").
        new NeuralLogitController(controllerSettings(1).withMaxSteps(5)).fit(holdout);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<FittedEnsemble> fitted =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread other =
                new Thread(
                        () -> {
                            try {
                                fitted.set(
                                        new NeuralLogitController(
                                                        controllerSettings(1).withMaxSteps(5))
                                                .fit(holdout));
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        });
        other.start();
        other.join();
        if (failure.get() != null) {
            throw new AssertionError("fit on a new thread failed: " + failure.get(), failure.get());
        }
        assertTrue(fitted.get() != null);
    }

    @Test
    void controllerDownWeightsAUselessMember() {
        FeatureSet a = SyntheticMembers.noisy("good-a", "holdout", 300, 10, 16, 21, 0.8);
        FeatureSet b = SyntheticMembers.noisy("good-b", "holdout", 300, 10, 16, 22, 0.8);
        List<FeatureSet> h = List.of(a, b, SyntheticMembers.useless("useless", a, 23));
        FeatureSet ta = SyntheticMembers.noisy("good-a", "test", 200, 10, 16, 31, 0.8);
        FeatureSet tb = SyntheticMembers.noisy("good-b", "test", 200, 10, 16, 32, 0.8);
        List<FeatureSet> t = List.of(ta, tb, SyntheticMembers.useless("useless", ta, 33));

        NeuralLogitController.Fitted fitted =
                new NeuralLogitController(controllerSettings(5)).fit(h);
        float[][] temperatures = fitted.temperatures(t);
        double[] mean = new double[3];
        for (float[] row : temperatures) {
            for (int m = 0; m < 3; m++) {
                mean[m] += row[m] / temperatures.length;
            }
        }
        double good = Math.max(mean[0], mean[1]);
        // Measured: about 0.65 for the good members and 1.76 for the useless one after 500 steps.
        assertTrue(mean[2] > 2 * good, "mean temperatures " + java.util.Arrays.toString(mean));
        double controller = Members.accuracy(fitted.predict(t), t.get(0).labels());
        double meanOfLogits = Members.accuracy(StaticEnsembles.meanLogits(t), t.get(0).labels());
        assertTrue(
                controller > meanOfLogits, "controller " + controller + " vs mean " + meanOfLogits);
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        List<FeatureSet> h = SyntheticMembers.halves(200, 10, 16, 3, "holdout");
        List<FeatureSet> t = SyntheticMembers.halves(100, 10, 16, 4, "test");
        List<Ensemble> methods =
                List.of(
                        new NeuralLogitController(controllerSettings(11).withMaxSteps(30)),
                        new Stacking(Stacking.Settings.defaults(11)),
                        new Router(Router.Settings.defaults(11)),
                        new MixtureOfExperts(new MixtureOfExperts.Settings(0.01, 5, 16, 1e-4, 11)));
        for (Ensemble e : methods) {
            float[][] first = e.fit(h).predict(t);
            float[][] second = e.withSeed(11).fit(h).predict(t);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], second[i], 0f, e.name() + " row " + i);
            }
        }
        float[][] other =
                new NeuralLogitController(controllerSettings(12).withMaxSteps(30))
                        .fit(h)
                        .predict(t);
        float[][] first =
                new NeuralLogitController(controllerSettings(11).withMaxSteps(30))
                        .fit(h)
                        .predict(t);
        assertTrue(
                !java.util.Arrays.deepEquals(first, other), "another seed changes the controller");
    }

    static int[] argmax(float[][] logits) {
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Members.argmax(logits[i]);
        }
        return out;
    }

    static List<FeatureSet> list(FeatureSet... sets) {
        return new ArrayList<>(List.of(sets));
    }
}
