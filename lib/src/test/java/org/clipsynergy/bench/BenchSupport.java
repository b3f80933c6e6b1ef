package org.clipsynergy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Shared helpers of the benchmark mains: seeded data and memory readings. */
final class BenchSupport {
    private BenchSupport() {}

    /** Fills rows with standard normal values (Box-Muller) from a seeded generator. */
    static void gaussian(float[][] rows, SplittableRandom random) {
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                double u = 1.0 - random.nextDouble();
                double v = random.nextDouble();
                row[j] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
            }
        }
    }

    /**
     * Two related representations of the same rows: x is Gaussian noise plus a shared k-dim signal
     * z mapped by fixed matrices, likewise y, so that their CKA is neither 0 nor 1.
     */
    static final class RelatedPair {
        final float[][] mapX;
        final float[][] mapY;
        final int shared;

        RelatedPair(int shared, int dx, int dy, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            this.shared = shared;
            mapX = new float[shared][dx];
            mapY = new float[shared][dy];
            gaussian(mapX, random);
            gaussian(mapY, random);
        }

        /** Fills x and y (same row count) with signal plus unit noise. */
        void fill(float[][] x, float[][] y, SplittableRandom random) {
            float[][] z = new float[x.length][shared];
            gaussian(z, random);
            gaussian(x, random);
            gaussian(y, random);
            for (int i = 0; i < x.length; i++) {
                addMapped(z[i], mapX, x[i]);
                addMapped(z[i], mapY, y[i]);
            }
        }

        private static void addMapped(float[] z, float[][] map, float[] out) {
            for (int k = 0; k < z.length; k++) {
                float zk = z[k] * 0.5f;
                float[] m = map[k];
                for (int j = 0; j < out.length; j++) {
                    out[j] += zk * m[j];
                }
            }
        }
    }

    /**
     * The sum of the heap pools' peak use since start, in MiB: an upper bound of the peak heap (the
     * pools peak at different times), so it can exceed -Xmx.
     */
    static double peakHeapMiB() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total / (1024.0 * 1024.0);
    }

    /** CPU seconds this process has used so far, all threads together. */
    static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The peak resident set of this process (VmHWM, native memory included), in MiB. */
    static double peakResidentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
