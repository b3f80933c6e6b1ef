package org.clipsynergy.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.clipsynergy.perturb.Corruption;
import org.clipsynergy.perturb.Corruptions;

/**
 * Prints the time per image of every corruption at severities 1, 3 and 5 on a 28 x 28 grey image
 * (MNIST's size) and a 224 x 224 photograph, one thread, after a warm-up: CPU time of the thread
 * (steady on a shared machine) and wall time.
 *
 * <p>Run: {@code make bench BENCH=org.clipsynergy.bench.CorruptionBench}; optional arguments: the
 * number of small and large images to time (default 2000 and 20).
 */
public final class CorruptionBench {

    private CorruptionBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args optional: images to time at 28 x 28, images to time at 224 x 224
     * @throws IOException if a test photograph cannot be read
     */
    public static void main(String[] args) throws IOException {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        BufferedImage digit = read("photo-camera28.png");
        BufferedImage photo = read("photo-astronaut.png");
        System.out.printf(
                Locale.ROOT,
                "%-18s %3s %13s %13s %13s %13s%n",
                "corruption",
                "sev",
                "cpu ms 28px",
                "wall ms 28px",
                "cpu ms 224px",
                "wall ms 224px");
        for (String name : Corruptions.names()) {
            for (int severity : new int[] {1, 3, 5}) {
                Corruption c = Corruptions.byName(name, severity, 0);
                time(c, digit, Math.max(1, small / 10));
                time(c, photo, 2);
                double[] msSmall = time(c, digit, small);
                double[] msLarge = time(c, photo, large);
                System.out.printf(
                        Locale.ROOT,
                        "%-18s %3d %13.3f %13.3f %13.2f %13.2f%n",
                        name,
                        severity,
                        msSmall[0],
                        msSmall[1],
                        msLarge[0],
                        msLarge[1]);
            }
        }
    }

    /** {CPU, wall} milliseconds per image. */
    private static double[] time(Corruption c, BufferedImage image, int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += c.apply(image, i).getRGB(0, 0);
        }
        double wall = (System.nanoTime() - start) / 1e6 / n;
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {cpuMs, wall};
    }

    private static BufferedImage read(String name) throws IOException {
        String path = "/org/clipsynergy/perturb/" + name;
        try (InputStream in = CorruptionBench.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return ImageIO.read(in);
        }
    }
}
