package org.clipsynergy.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The corruptions against the imagecorruptions package 1.1.2 run in Python on the same photographs
 * (fixtures from environment/reference/make_corruption_fixtures.py; see {@link ReferenceFixtures}).
 *
 * <p>Tolerances. Deterministic corruptions, pixel by pixel: no value more than 1 level apart and a
 * mean absolute difference of at most 0.01 levels (they agree exactly on the fixtures; one level
 * allows a float rounding to land on the other side of a truncation). SSIM against scikit-image's
 * structural_similarity on the same pair of images: within 1e-6. Change statistics (mean and
 * standard deviation of corrupted - clean in levels, SSIM to the clean image), the reference
 * averaged over its 10 draws and this implementation over its own R draws, where the reference's
 * standard deviation across draws is s: |difference| at most f + 4 s sqrt(1/10 + 1/R), with the
 * floor f = 0.25 levels for the mean, 0.25 levels + 1 % for the standard deviation, and 0.005 for
 * SSIM; a deterministic corruption has s = 0 and so meets the floor.
 */
class CorruptionReferenceTest {

    private static final int REFERENCE_DRAWS = 10;
    private static final Set<String> SMALL_PHOTOS = Set.of("camera28", "chelsea-small");
    private static final int DRAWS_SMALL = 10;
    private static final int DRAWS_LARGE = 2;
    private static final long SEED = 2024;

    private static final double MEAN_FLOOR = 0.25;
    private static final double STD_FLOOR = 0.25;
    private static final double STD_RELATIVE = 0.01;
    private static final double SSIM_FLOOR = 0.005;
    private static final double SPREADS = 4;

    @Test
    void deterministicCorruptionsMatchPixelByPixel() {
        int checked = 0;
        for (CSVRecord r : ReferenceFixtures.csv("ssim-check.csv")) {
            Exact e = Exact.parse(r.get("file"));
            BufferedImage clean = ReferenceFixtures.photo(e.photo);
            BufferedImage expected = ReferenceFixtures.image("exact/" + r.get("file"));
            BufferedImage actual =
                    Corruptions.byName(e.corruption, e.severity, SEED).apply(clean, 0);
            assertTrue(
                    ReferenceFixtures.maxAbsDiff(expected, actual) <= 1,
                    r.get("file")
                            + ": max difference "
                            + ReferenceFixtures.maxAbsDiff(expected, actual));
            double mad = ReferenceFixtures.meanAbsDiff(expected, actual);
            assertTrue(mad <= 0.01, r.get("file") + ": mean absolute difference " + mad);
            checked++;
        }
        assertEquals(80, checked);
    }

    @Test
    void ssimMatchesScikitImage() {
        for (CSVRecord r : ReferenceFixtures.csv("ssim-check.csv")) {
            Exact e = Exact.parse(r.get("file"));
            BufferedImage clean = ReferenceFixtures.photo(e.photo);
            BufferedImage corrupted = ReferenceFixtures.image("exact/" + r.get("file"));
            assertEquals(
                    Double.parseDouble(r.get("ssim")),
                    Ssim.of(clean, corrupted),
                    1e-6,
                    r.get("file"));
        }
    }

    @Test
    void changeStatisticsMatchTheReference() {
        Map<String, BufferedImage> photos = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (ReferenceFixtures.Stats ref : ReferenceFixtures.stats()) {
            BufferedImage clean = photos.computeIfAbsent(ref.photo(), ReferenceFixtures::photo);
            boolean deterministic = CorruptionsTest.DETERMINISTIC.contains(ref.corruption());
            int draws =
                    deterministic
                            ? 1
                            : SMALL_PHOTOS.contains(ref.photo()) ? DRAWS_SMALL : DRAWS_LARGE;
            Corruption c = Corruptions.byName(ref.corruption(), ref.severity(), SEED);
            double mean = 0;
            double std = 0;
            double ssim = 0;
            for (int d = 0; d < draws; d++) {
                BufferedImage out = c.apply(clean, d);
                double[] change = ReferenceFixtures.change(clean, out);
                mean += change[0] / draws;
                std += change[1] / draws;
                ssim += Ssim.of(clean, out) / draws;
            }
            double k = SPREADS * Math.sqrt(1.0 / REFERENCE_DRAWS + 1.0 / draws);
            check(failures, ref, "mean", mean, ref.meanChange(), MEAN_FLOOR + k * ref.meanSpread());
            check(
                    failures,
                    ref,
                    "std",
                    std,
                    ref.stdChange(),
                    STD_FLOOR + STD_RELATIVE * ref.stdChange() + k * ref.stdSpread());
            check(failures, ref, "ssim", ssim, ref.ssim(), SSIM_FLOOR + k * ref.ssimSpread());
            rows++;
        }
        assertEquals(5 * 17 * 5, rows);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " outside tolerance:\n" + String.join("\n", failures));
    }

    private static void check(
            List<String> failures,
            ReferenceFixtures.Stats ref,
            String what,
            double actual,
            double expected,
            double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            failures.add(
                    String.format(
                            Locale.ROOT,
                            "%s %s %d %s: expected %.4f +- %.4f, got %.4f",
                            ref.photo(),
                            ref.corruption(),
                            ref.severity(),
                            what,
                            expected,
                            tolerance,
                            actual));
        }
    }

    /** A fixture file name: photo-corruption-severity.png. */
    private record Exact(String photo, String corruption, int severity) {
        static Exact parse(String file) {
            String photo = file.startsWith("camera28") ? "camera28" : "chelsea-small";
            String rest = file.substring(photo.length() + 1, file.length() - ".png".length());
            int dash = rest.lastIndexOf('-');
            return new Exact(
                    photo, rest.substring(0, dash), Integer.parseInt(rest.substring(dash + 1)));
        }
    }
}
