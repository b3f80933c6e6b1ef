package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Fixtures written by environment/reference/make_corruption_fixtures.py with the imagecorruptions
 * package 1.1.2 (scikit-image 0.26, numpy 1.26, OpenCV 4.11, Pillow 13): photographs from
 * scikit-image's sample data, the change statistics of each corruption on them, and the outputs of
 * the deterministic corruptions.
 */
final class ReferenceFixtures {

    private ReferenceFixtures() {}

    /** One row of reference-stats.csv: means over three draws and their spread across draws. */
    record Stats(
            String photo,
            String corruption,
            int severity,
            double meanChange,
            double stdChange,
            double ssim,
            double meanSpread,
            double stdSpread,
            double ssimSpread) {}

    static BufferedImage image(String name) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    static BufferedImage photo(String photo) {
        return image("photo-" + photo + ".png");
    }

    static List<CSVRecord> csv(String name) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream(name)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .build()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    static List<Stats> stats() {
        List<Stats> out = new ArrayList<>();
        for (CSVRecord r : csv("reference-stats.csv")) {
            out.add(
                    new Stats(
                            r.get("photo"),
                            r.get("corruption"),
                            Integer.parseInt(r.get("severity")),
                            Double.parseDouble(r.get("mean_change")),
                            Double.parseDouble(r.get("std_change")),
                            Double.parseDouble(r.get("ssim")),
                            Double.parseDouble(r.get("mean_change_spread")),
                            Double.parseDouble(r.get("std_change_spread")),
                            Double.parseDouble(r.get("ssim_spread"))));
        }
        return out;
    }

    /** Mean and standard deviation of (b - a) over all pixels and channels, in 0-255 units. */
    static double[] change(BufferedImage clean, BufferedImage corrupted) {
        Planes a = Planes.of(clean);
        Planes b = Planes.of(corrupted);
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int k = 0; k < 3; k++) {
            int[] la = a.levels(k);
            int[] lb = b.levels(k);
            for (int i = 0; i < la.length; i++) {
                double d = lb[i] - la[i];
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean))};
    }

    /** Mean absolute difference in levels between two images of the same size. */
    static double meanAbsDiff(BufferedImage x, BufferedImage y) {
        Planes a = Planes.of(x);
        Planes b = Planes.of(y);
        double sum = 0;
        long n = 0;
        for (int k = 0; k < 3; k++) {
            int[] la = a.levels(k);
            int[] lb = b.levels(k);
            for (int i = 0; i < la.length; i++) {
                sum += Math.abs(la[i] - lb[i]);
                n++;
            }
        }
        return sum / n;
    }

    /** Largest absolute difference in levels between two images of the same size. */
    static int maxAbsDiff(BufferedImage x, BufferedImage y) {
        Planes a = Planes.of(x);
        Planes b = Planes.of(y);
        int max = 0;
        for (int k = 0; k < 3; k++) {
            int[] la = a.levels(k);
            int[] lb = b.levels(k);
            for (int i = 0; i < la.length; i++) {
                max = Math.max(max, Math.abs(la[i] - lb[i]));
            }
        }
        return max;
    }
}
