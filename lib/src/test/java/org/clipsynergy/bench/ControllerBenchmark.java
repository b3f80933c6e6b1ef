package org.clipsynergy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clipsynergy.ensemble.ControllerSettings;
import org.clipsynergy.ensemble.Members;
import org.clipsynergy.ensemble.NeuralLogitController;
import org.clipsynergy.ensemble.StaticEnsembles;
import org.clipsynergy.features.FeatureSet;

/**
 * Times the Neural Logit Controller's training at the published scale: nine members (feature sizes
 * of the nine OpenAI CLIP backbones), 1,000 classes, 16 shots per class, synthetic features and
 * logits. Prints the numbers; run with {@code make bench
 * BENCH=org.clipsynergy.bench.ControllerBenchmark} (threads: {@code CLIP_SYNERGY_THREADS}).
 *
 * <p>Arguments (optional): shots, classes, max epochs.
 */
public final class ControllerBenchmark {

    /**
     * Image feature sizes of RN50, RN101, RN50x4, RN50x16, RN50x64, ViT-B/32, B/16, L/14, L/14@336.
     */
    private static final int[] FEATURE_SIZES = {1024, 512, 640, 768, 1024, 512, 512, 768, 768};

    private ControllerBenchmark() {}

    /** Runs the benchmark. */
    public static void main(String[] args) {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int classes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ControllerSettings settings = ControllerSettings.defaults(0);
        if (args.length > 2) {
            settings =
                    settings.withSchedule(
                            settings.batchSize(), Integer.parseInt(args[2]), settings.patience());
        }
        long t0 = System.nanoTime();
        List<FeatureSet> holdout = members(shots, classes, 1, "holdout");
        List<FeatureSet> test = members(4, classes, 2, "test");
        double setup = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        NeuralLogitController.Fitted fitted = new NeuralLogitController(settings).fit(holdout);
        double train = (System.nanoTime() - t1) / 1e9;
        double trainCpu = (processCpuNanos() - cpu1) / 1e9;
        long t2 = System.nanoTime();
        float[][] logits = fitted.predict(test);
        double predict = (System.nanoTime() - t2) / 1e9;
        int[] labels = test.get(0).labels();
        double mean = Members.accuracy(StaticEnsembles.meanLogits(test), labels);
        double best = 0;
        for (FeatureSet m : test) {
            best = Math.max(best, Members.accuracy(m.logits(), labels));
        }
        NeuralLogitController.TrainingReport r = fitted.report();
        System.out.printf(
                "controller benchmark: %d members x %d classes x %d shots (%d images, D = %d)%n",
                FEATURE_SIZES.length, classes, shots, classes * shots, sum(FEATURE_SIZES));
        System.out.printf("  synthetic data: %.1f s%n", setup);
        System.out.printf(
                "  training: %.1f s wall (%d epochs, %d steps, %.1f ms/step, best epoch %d, val loss %.4f)%n",
                train,
                r.epochs(),
                r.steps(),
                1000 * r.seconds() / r.steps(),
                r.bestEpoch(),
                r.bestValidationLoss());
        System.out.printf(
                "  training CPU time of the process: %.1f s (%d cores; load average %.1f)%n",
                trainCpu,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf("  prediction of %d images: %.1f s%n", labels.length, predict);
        System.out.printf(
                "  test accuracy: controller %.4f, mean of logits %.4f, best single %.4f%n",
                Members.accuracy(logits, labels), mean, best);
    }

    /**
     * Members right with probability 0.3 + 0.05 m, each more often right on its own class subset.
     */
    private static List<FeatureSet> members(int perClass, int classes, long seed, String split) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = perClass * classes;
        int[] labels = new int[n];
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            indices[i] = i;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class" + k);
        }
        List<FeatureSet> out = new ArrayList<>();
        for (int m = 0; m < FEATURE_SIZES.length; m++) {
            int d = FEATURE_SIZES[m];
            float[][] features = new float[n][d];
            float[][] logits = new float[n][classes];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    features[i][j] = (float) (random.nextDouble() - 0.5);
                }
                features[i][labels[i] % d] += 2f;
                double accuracy =
                        0.3 + 0.05 * m + ((labels[i] % FEATURE_SIZES.length) == m ? 0.3 : 0);
                for (int j = 0; j < classes; j++) {
                    logits[i][j] = (float) (20 + 2 * random.nextDouble());
                }
                int target = random.nextDouble() < accuracy ? labels[i] : random.nextInt(classes);
                logits[i][target] += 3f;
            }
            out.add(
                    new FeatureSet(
                            "member" + m,
                            "synthetic",
                            split,
                            FeatureSet.CLEAN,
                            0,
                            names,
                            features,
                            logits,
                            labels,
                            indices));
        }
        return out;
    }

    /** CPU time of this JVM and its native threads (libtorch), in nanoseconds. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime()
                : -1;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }
}
