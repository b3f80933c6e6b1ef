package org.clipsynergy.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.clipsynergy.image.ClipPreprocessor;
import org.clipsynergy.image.ResampleFilter;

/**
 * Times CLIP preprocessing (resize, centre crop, normalise to 3 x 224 x 224) on one thread over the
 * sample photographs of the image test fixtures, converted to {@code TYPE_INT_RGB} as the data
 * package's decoder returns them. Decoding is not timed. Prints images per second; run with {@code
 * make bench BENCH=org.clipsynergy.bench.PreprocessBenchmark}.
 *
 * <p>Arguments (optional): passes over the photos (default 200), input size (default 224).
 */
public final class PreprocessBenchmark {

    /** Photos of the fixtures that are real photographs in colour. */
    private static final String[] PHOTOS = {
        "astronaut.png",
        "chelsea.png",
        "coffee.png",
        "rocket_tall.png",
        "china_wide.png",
        "flower_tall.png",
        "hubble_odd.png",
        "hubble_tall.png",
        "colorwheel.png"
    };

    /** OpenAI CLIP's normalisation (open_clip OPENAI_DATASET_MEAN / STD). */
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};

    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PreprocessBenchmark() {}

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
        List<BufferedImage> photos = new ArrayList<>();
        for (String name : PHOTOS) {
            photos.add(toIntRgb(read(name)));
        }
        for (ResampleFilter filter : ResampleFilter.values()) {
            ClipPreprocessor pre =
                    ClipPreprocessor.of(
                            size, filter, ClipPreprocessor.ResizeMode.SHORTEST, MEAN, STD);
            float[] out = new float[3 * size * size];
            for (int warm = 0; warm < 20; warm++) {
                for (BufferedImage photo : photos) {
                    pre.applyInto(photo, out, 0);
                }
            }
            long t0 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            double checksum = 0;
            for (int p = 0; p < passes; p++) {
                for (BufferedImage photo : photos) {
                    pre.applyInto(photo, out, 0);
                    checksum += out[p % out.length];
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            int images = passes * photos.size();
            System.out.printf(
                    Locale.ROOT,
                    "%s %d: %d images in %.2f s wall, %.0f images/s; CPU %.3f ms/image,"
                            + " %.0f images per CPU second (checksum %.3f)%n",
                    filter,
                    size,
                    images,
                    seconds,
                    images / seconds,
                    1000 * cpuSeconds / images,
                    images / cpuSeconds,
                    checksum);
        }
    }

    private static BufferedImage read(String name) throws IOException {
        String path = "/org/clipsynergy/image/" + name;
        try (InputStream in = PreprocessBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("test resource " + path + " is missing");
            }
            return ImageIO.read(in);
        }
    }

    private static BufferedImage toIntRgb(BufferedImage image) {
        BufferedImage rgb =
                new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }
}
