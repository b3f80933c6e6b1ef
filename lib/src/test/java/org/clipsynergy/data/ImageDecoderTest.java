package org.clipsynergy.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding the odd image kinds real datasets hold. The fixtures under images/ and their expected
 * pixels (expected.json) were made with Pillow by environment/reference/make_decoder_fixtures.py;
 * the 16-bit RGB file is made here with ImageIO.
 */
class ImageDecoderTest {

    private static final JsonNode EXPECTED = TestData.json("images/expected.json");

    /** JPEG decoders differ by a few levels (IDCT, chroma upsampling); PNG must be exact. */
    private static final int JPEG_TOLERANCE = 3;

    @ParameterizedTest
    @ValueSource(strings = {"gray.png", "gray16.png"})
    void grayKindsDecodeToByteGrayWithPilValues(String file) throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/" + file));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType(), file);
        assertPixels(file, image, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png_named.jpg", "rgb.jpg"})
    void colourKindsDecodeToIntRgbWithPilValues(String file) throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/" + file));
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), file);
        assertPixels(file, image, file.equals("rgb.jpg") ? JPEG_TOLERANCE : 0);
    }

    @Test
    void paletteStaysIndexedAndLooksUpToPilColours() throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/palette.png"));
        assertTrue(image.getColorModel() instanceof IndexColorModel, image.toString());
        assertPixels("palette.png", ImageDecoder.toRgb(image), 0);
    }

    @Test
    void alphaIsKeptUnpremultipliedAndDroppedByToRgb() throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/rgba.png"));
        assertEquals(BufferedImage.TYPE_INT_ARGB, image.getType());
        for (int i = 0; i < 48; i++) {
            // the fixture's alpha is 5 * (row-major pixel index)
            assertEquals(5 * i, image.getRGB(i % 8, i / 8) >>> 24, "alpha of pixel " + i);
        }
        BufferedImage rgb = ImageDecoder.toRgb(image);
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertPixels("rgba.png", rgb, 0);
    }

    @Test
    void greyWithAlphaRepeatsTheGreyUncorrected() throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/gray_alpha.png"));
        assertEquals(BufferedImage.TYPE_INT_ARGB, image.getType());
        JsonNode grey = EXPECTED.get("gray_alpha.png").get("pixels");
        for (int i = 0; i < 48; i++) {
            int argb = image.getRGB(i % 8, i / 8);
            int g = grey.get(i).asInt();
            assertEquals(255 - g, argb >>> 24, "alpha of pixel " + i);
            assertEquals((g << 16) | (g << 8) | g, argb & 0xffffff, "grey of pixel " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmyk.jpg", "ycck.jpg"})
    void cmykAndYcckJpegsDecodeToTheirColours(String file) throws IOException {
        BufferedImage image = ImageDecoder.decode(TestData.resource("images/" + file));
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(8, image.getWidth());
        assertEquals(6, image.getHeight());
        // Blocks: red top-left, green top-right, blue bottom-left, 160/255 black bottom-right.
        // Converted through a CMYK profile, so the colours are print colours, not pure sRGB.
        int[] red = rgb(image, 1, 1);
        int[] green = rgb(image, 6, 1);
        int[] blue = rgb(image, 1, 4);
        int[] grey = rgb(image, 6, 4);
        assertTrue(red[0] > 180 && red[1] < 90 && red[2] < 90, file + " red " + str(red));
        assertTrue(
                green[1] > 120 && green[0] < 90 && green[2] < 120, file + " green " + str(green));
        assertTrue(blue[2] > 100 && blue[0] < 90 && blue[1] < 110, file + " blue " + str(blue));
        int spread =
                Math.max(grey[0], Math.max(grey[1], grey[2]))
                        - Math.min(grey[0], Math.min(grey[1], grey[2]));
        assertTrue(spread < 25 && grey[0] < 200 && grey[0] > 40, file + " grey " + str(grey));
    }

    @Test
    void sixteenBitRgbScalesToEightBits(@TempDir Path dir) throws IOException {
        ComponentColorModel model =
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        new int[] {16, 16, 16},
                        false,
                        false,
                        Transparency.OPAQUE,
                        DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        int[][] values = {{65535, 0, 32896}, {257 * 10, 257 * 200, 65535}, {0, 0, 0}};
        for (int x = 0; x < 3; x++) {
            raster.setPixel(x, 0, values[x]);
        }
        Path file = dir.resolve("rgb16.png");
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", file.toFile());

        BufferedImage image = ImageDecoder.decode(file);
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        int[][] expected = {{255, 0, 128}, {10, 200, 255}, {0, 0, 0}};
        for (int x = 0; x < 3; x++) {
            int[] actual = rgb(image, x, 0);
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(expected[x][c] - actual[c]) <= 1, x + ": " + str(actual));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated.png", "truncated.jpg"})
    void truncatedFilesFailNamingTheFile(String file) {
        Path path = TestData.resource("images/" + file);
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(path));
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
    }

    @Test
    void emptyAndNonImageFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all\n");
        for (Path p : new Path[] {empty, text}) {
            IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(p));
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
    }

    @Test
    void toRgbCopiesGreyValuesInsteadOfGammaConverting() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 7);
        BufferedImage rgb = ImageDecoder.toRgb(gray);
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertEquals(0x808080, rgb.getRGB(0, 0) & 0xffffff);
        assertEquals(0x070707, rgb.getRGB(1, 0) & 0xffffff);
    }

    private static void assertPixels(String file, BufferedImage image, int tolerance) {
        JsonNode spec = EXPECTED.get(file);
        JsonNode pixels = spec.get("pixels");
        boolean gray = spec.get("mode").asText().equals("L");
        int w = image.getWidth();
        assertEquals(pixels.size(), w * image.getHeight() * (gray ? 1 : 3), file);
        for (int i = 0; i < w * image.getHeight(); i++) {
            int x = i % w;
            int y = i / w;
            int[] actual =
                    gray ? new int[] {image.getRaster().getSample(x, y, 0)} : rgb(image, x, y);
            for (int c = 0; c < actual.length; c++) {
                int want = pixels.get(i * actual.length + c).asInt();
                assertTrue(
                        Math.abs(want - actual[c]) <= tolerance,
                        file
                                + " pixel ("
                                + x
                                + ","
                                + y
                                + ") channel "
                                + c
                                + ": expected "
                                + want
                                + ", got "
                                + actual[c]);
            }
        }
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    private static String str(int[] rgb) {
        return "(" + rgb[0] + ", " + rgb[1] + ", " + rgb[2] + ")";
    }
}
