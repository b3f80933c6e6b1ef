package org.clipsynergy.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Properties every corruption must have: validated settings, reproducibility per (seed, image
 * index), severity order, any image size and grey input. Photographs from scikit-image's sample
 * data (see {@link ReferenceFixtures}).
 */
class CorruptionsTest {

    /** Corruptions that draw no random numbers. */
    static final Set<String> DETERMINISTIC =
            Set.of(
                    "gaussian_blur",
                    "defocus_blur",
                    "zoom_blur",
                    "brightness",
                    "contrast",
                    "saturate",
                    "pixelate",
                    "jpeg_compression");

    @Test
    void registryHasTheBenchmarkNames() {
        List<String> names = Corruptions.names();
        assertEquals(17, names.size());
        assertTrue(
                names.containsAll(
                        List.of(
                                "gaussian_noise",
                                "shot_noise",
                                "impulse_noise",
                                "speckle_noise",
                                "gaussian_blur",
                                "defocus_blur",
                                "glass_blur",
                                "motion_blur",
                                "zoom_blur",
                                "brightness",
                                "contrast",
                                "saturate",
                                "pixelate",
                                "jpeg_compression",
                                "fog",
                                "elastic_transform",
                                "snow")));
        Corruption c = Corruptions.byName("fog", 3, 42L);
        assertEquals("fog", c.name());
        assertEquals(3, c.severity());
        assertEquals(42L, c.seed());
    }

    @Test
    void unknownNameListsKnownNames() {
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> Corruptions.byName("frosty", 1, 0));
        assertTrue(e.getMessage().contains("got \"frosty\""), e.getMessage());
        assertTrue(e.getMessage().contains("gaussian_noise"), e.getMessage());
        assertTrue(e.getMessage().contains("elastic_transform"), e.getMessage());
    }

    @Test
    void severityOutsideOneToFiveIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Corruptions.byName("fog", 6, 0));
        assertEquals("corruption severity: expected 1 to 5, got 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Corruptions.byName("fog", 0, 0));
        assertEquals("corruption severity: expected 1 to 5, got 0", e.getMessage());
    }

    @Test
    void sameSeedAndIndexGiveTheSameImage() {
        BufferedImage photo = ReferenceFixtures.photo("chelsea-small");
        for (String name : Corruptions.names()) {
            BufferedImage first = Corruptions.byName(name, 3, 42).apply(photo, 11);
            // Other images first, then the same one again from a new instance.
            Corruption again = Corruptions.byName(name, 3, 42);
            again.apply(photo, 10);
            again.apply(photo, 12);
            BufferedImage second = again.apply(photo, 11);
            assertEquals(0, ReferenceFixtures.maxAbsDiff(first, second), name);
        }
    }

    @Test
    void differentIndexOrSeedGivesDifferentNoise() {
        BufferedImage photo = ReferenceFixtures.photo("chelsea-small");
        for (String name : Corruptions.names()) {
            BufferedImage a = Corruptions.byName(name, 3, 42).apply(photo, 0);
            BufferedImage b = Corruptions.byName(name, 3, 42).apply(photo, 1);
            BufferedImage c = Corruptions.byName(name, 3, 43).apply(photo, 0);
            if (DETERMINISTIC.contains(name)) {
                assertEquals(0, ReferenceFixtures.maxAbsDiff(a, b), name);
                assertEquals(0, ReferenceFixtures.maxAbsDiff(a, c), name);
            } else {
                assertNotEquals(0, ReferenceFixtures.maxAbsDiff(a, b), name + " index");
                assertNotEquals(0, ReferenceFixtures.maxAbsDiff(a, c), name + " seed");
            }
        }
    }

    @Test
    void severityOneChangesLessThanSeverityFive() {
        for (String photoName : List.of("chelsea-small", "camera28")) {
            BufferedImage photo = ReferenceFixtures.photo(photoName);
            for (String name : Corruptions.names()) {
                BufferedImage mild = Corruptions.byName(name, 1, 5).apply(photo, 3);
                BufferedImage severe = Corruptions.byName(name, 5, 5).apply(photo, 3);
                double ssimMild = Ssim.of(photo, mild);
                double ssimSevere = Ssim.of(photo, severe);
                assertTrue(
                        ssimMild > ssimSevere,
                        name
                                + " on "
                                + photoName
                                + ": SSIM at severity 1 "
                                + ssimMild
                                + " expected above severity 5 "
                                + ssimSevere);
                // Saturation at severity 1-3 only scales saturation, which grey images lack.
                boolean unchanged = name.equals("saturate") && photoName.equals("camera28");
                assertEquals(
                        unchanged,
                        ssimMild == 1,
                        name + " on " + photoName + ": SSIM at severity 1 " + ssimMild);
            }
        }
    }

    @Test
    void anySizeAndGreyImagesComeBackAsRgbOfTheSameSize() {
        int[][] sizes = {{1, 1}, {7, 5}, {28, 28}, {33, 20}};
        for (int[] size : sizes) {
            BufferedImage grey = greyRamp(size[0], size[1]);
            BufferedImage copy = greyRamp(size[0], size[1]);
            for (String name : Corruptions.names()) {
                for (int severity = 1; severity <= 5; severity++) {
                    BufferedImage out = Corruptions.byName(name, severity, 1).apply(grey, 0);
                    String what = name + " " + severity + " at " + size[0] + "x" + size[1];
                    assertEquals(size[0], out.getWidth(), what);
                    assertEquals(size[1], out.getHeight(), what);
                    assertEquals(BufferedImage.TYPE_INT_RGB, out.getType(), what);
                }
            }
            assertEquals(0, ReferenceFixtures.maxAbsDiff(grey, copy), "input modified");
        }
    }

    @Test
    void greyImageIsCorruptedAsThreeEqualChannels() {
        BufferedImage grey = greyRamp(28, 28);
        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = grey.getRaster().getSample(x, y, 0);
                rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        for (String name : Corruptions.names()) {
            BufferedImage a = Corruptions.byName(name, 4, 9).apply(grey, 2);
            BufferedImage b = Corruptions.byName(name, 4, 9).apply(rgb, 2);
            assertEquals(0, ReferenceFixtures.maxAbsDiff(a, b), name);
        }
    }

    @Test
    void threadsGiveTheSameImagesAsOneThread() throws Exception {
        BufferedImage photo = ReferenceFixtures.photo("camera28");
        for (String name : List.of("jpeg_compression", "fog", "glass_blur")) {
            Corruption c = Corruptions.byName(name, 2, 77);
            List<BufferedImage> serial = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                serial.add(c.apply(photo, i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<BufferedImage>> parallel = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int index = i;
                    parallel.add(pool.submit(() -> c.apply(photo, index)));
                }
                for (int i = 0; i < 16; i++) {
                    assertEquals(
                            0,
                            ReferenceFixtures.maxAbsDiff(serial.get(i), parallel.get(i).get()),
                            name + " image " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void noneLeavesTheImage() {
        BufferedImage photo = ReferenceFixtures.photo("camera28");
        assertSame(photo, Perturbation.none().apply(photo, 0));
    }

    /** A grey (TYPE_BYTE_GRAY) image with a diagonal ramp and a bright square, like a digit. */
    static BufferedImage greyRamp(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x + y) * 255 / Math.max(1, w + h - 2);
                if (x > w / 4 && x < w / 2 && y > h / 4 && y < 3 * h / 4) {
                    v = 250;
                }
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        return img;
    }
}
