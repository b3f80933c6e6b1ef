package org.clipsynergy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.clipsynergy.data.ImageDataset;
import org.clipsynergy.data.Sample;
import org.junit.jupiter.api.Test;

/** Grid geometry, scaled cells and captions. */
class ImageGridTest {

    private static BufferedImage solid(int rgb) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void threeImagesInTwoColumnsMakeTwoRows() {
        BufferedImage grid =
                ImageGrid.of(
                        List.of(solid(0xff0000), solid(0x00ff00), solid(0x0000ff)),
                        List.of("zero", "one", "a very long class name indeed"),
                        2,
                        32);
        int gap = ImageGrid.GAP;
        assertEquals(2 * (32 + gap) + gap, grid.getWidth());
        assertEquals(2 * (32 + ImageGrid.CAPTION_HEIGHT + gap) + gap, grid.getHeight());
        // Each 2x2 image fills its whole 32x32 cell: corners of the cells carry its colour.
        assertEquals(0xff0000, grid.getRGB(gap, gap) & 0xffffff);
        assertEquals(0xff0000, grid.getRGB(gap + 31, gap + 31) & 0xffffff);
        assertEquals(0x00ff00, grid.getRGB(2 * gap + 32, gap) & 0xffffff);
        int secondRowY = 2 * gap + 32 + ImageGrid.CAPTION_HEIGHT;
        assertEquals(0x0000ff, grid.getRGB(gap + 16, secondRowY + 16) & 0xffffff);
        // The empty fourth cell stays white.
        assertEquals(0xffffff, grid.getRGB(2 * gap + 32 + 16, secondRowY + 16) & 0xffffff);
        // Captions are drawn: some dark pixels in the band under the first cell.
        int dark = 0;
        for (int y = gap + 32; y < gap + 32 + ImageGrid.CAPTION_HEIGHT; y++) {
            for (int x = gap; x < gap + 32; x++) {
                if ((grid.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 5, "caption pixels: " + dark);
    }

    /** Six 2x2 images; image i has grey level 40 * i and label i % 3. */
    private static ImageDataset sixImages() {
        return new ImageDataset() {
            public String name() {
                return "six";
            }

            public String split() {
                return "test";
            }

            public List<String> classNames() {
                return List.of("zero", "one", "two");
            }

            public List<String> templates() {
                return List.of("a {}");
            }

            public int size() {
                return 6;
            }

            public int[] labels() {
                return new int[] {0, 1, 2, 0, 1, 2};
            }

            public Stream<Sample> stream(int fromIndex) {
                return IntStream.range(fromIndex, 6)
                        .mapToObj(i -> new Sample(i, solid(0x010101 * 40 * i), i % 3, "mem:" + i));
            }

            public String fingerprint() {
                return "six";
            }
        };
    }

    @Test
    void chosenDatasetImagesAreOrderedByClassThenIndex() {
        BufferedImage grid = ImageGrid.of(sixImages(), new int[] {4, 3, 0, 2}, 4, 16);
        int gap = ImageGrid.GAP;
        // Expected order: 0 (zero), 3 (zero), 4 (one), 2 (two).
        int[] expectedIndex = {0, 3, 4, 2};
        for (int cell = 0; cell < 4; cell++) {
            int x = gap + cell * (16 + gap) + 8;
            assertEquals(0x010101 * 40 * expectedIndex[cell], grid.getRGB(x, gap + 8) & 0xffffff);
        }
    }

    @Test
    void anIndexOutsideTheDatasetIsNamed() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ImageGrid.of(sixImages(), new int[] {6}, 4, 16));
        assertTrue(e.getMessage().contains("six/test: index 6 outside 0..5"), e.getMessage());
    }

    @Test
    void captionCountMustMatch() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ImageGrid.of(List.of(solid(0)), List.of(), 1, 32));
        assertTrue(e.getMessage().contains("one caption per image (1), got 0"), e.getMessage());
    }
}
