package org.clipsynergy.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.clipsynergy.similarity.CenteredKernelAlignment;
import org.clipsynergy.similarity.LinearMoments;
import org.clipsynergy.similarity.Precision;

/**
 * Times feature-form linear CKA of 50,000 x 1,024 against 50,000 x 768 (the sizes of two CLIP
 * backbones' embeddings of a 50,000-image split) in both precisions, side by side in one run.
 *
 * <p>Arguments (optional): rows, dx, dy, repeats. Prints one line per precision and repeat, and the
 * time of the three bare float32 products as the floor any implementation on DJL has.
 */
public final class LinearCkaBenchmark {
    private LinearCkaBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args rows dx dy repeats
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int dx = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int dy = args.length > 2 ? Integer.parseInt(args[2]) : 768;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        long start = System.nanoTime();
        float[][] x = new float[rows][dx];
        float[][] y = new float[rows][dy];
        new BenchSupport.RelatedPair(64, dx, dy, 1).fill(x, y, new SplittableRandom(2));
        System.out.printf(
                "data: %,d x %,d and %,d x %,d generated in %.1f s; device %s, intra-op threads: %s%n",
                rows,
                dx,
                rows,
                dy,
                (System.nanoTime() - start) / 1e9,
                Engine.getInstance().defaultDevice(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));

        double[] last = new double[2];
        for (int r = 0; r < repeats; r++) {
            for (Precision precision : Precision.values()) {
                try (CenteredKernelAlignment cka =
                        new CenteredKernelAlignment(
                                Engine.getInstance().defaultDevice(),
                                precision,
                                CenteredKernelAlignment.DEFAULT_BLOCK_ROWS)) {
                    long t = System.nanoTime();
                    double cpu = BenchSupport.cpuSeconds();
                    LinearMoments moments = cka.moments(x, y);
                    double seconds = (System.nanoTime() - t) / 1e9;
                    cpu = BenchSupport.cpuSeconds() - cpu;
                    double linear = moments.cka();
                    last[precision.ordinal()] = linear;
                    System.out.printf(
                            "repeat %d %-7s linear CKA %.8f debiased %.8f in %.2f s (%.2f CPU s)%n",
                            r + 1, precision, linear, moments.debiasedCka(), seconds, cpu);
                }
            }
        }
        System.out.printf(
                "bare float32 products X^T Y, X^T X, Y^T Y (floor): %.2f s%n", floor(x, y));
        System.out.printf(
                "|MIXED - FLOAT64| = %.2e; peak heap %.0f MiB, peak resident %.0f MiB%n",
                Math.abs(last[1] - last[0]), BenchSupport.peakHeapMiB(), peakResident());
    }

    /** Seconds of the three float32 products alone, on arrays already on the device. */
    private static double floor(float[][] x, float[][] y) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(x);
            NDArray b = manager.create(y);
            long t = System.nanoTime();
            double cpu = BenchSupport.cpuSeconds();
            NDArray at = a.transpose();
            double sum =
                    at.matMul(b).sum().getFloat()
                            + at.matMul(a).sum().getFloat()
                            + b.transpose().matMul(b).sum().getFloat();
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("  (floor CPU s: %.2f)%n", BenchSupport.cpuSeconds() - cpu);
            return Double.isNaN(sum) ? Double.NaN : seconds;
        }
    }

    private static double peakResident() {
        try {
            return BenchSupport.peakResidentMiB();
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }
}
