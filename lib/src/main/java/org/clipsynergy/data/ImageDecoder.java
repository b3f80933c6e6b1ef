package org.clipsynergy.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files of any kind real datasets hold into a few image types that keep what CLIP
 * preprocessing needs to know about the file (Pillow resizes palette images with nearest neighbour
 * and images with alpha premultiplied, and open_clip converts to RGB only after resizing):
 *
 * <ul>
 *   <li>grey without alpha (1 to 16 bits): {@link BufferedImage#TYPE_BYTE_GRAY};
 *   <li>palette (indexed colour): kept as decoded, with its {@link IndexColorModel};
 *   <li>colour or grey with alpha: {@link BufferedImage#TYPE_INT_ARGB}, not premultiplied, grey
 *       repeated in the three colour channels;
 *   <li>any other colour (RGB, 16-bit RGB, CMYK and YCCK JPEG, ...): {@link
 *       BufferedImage#TYPE_INT_RGB}.
 * </ul>
 *
 * <p>Decoding uses ImageIO with the TwelveMonkeys plugins, which read CMYK and YCCK JPEGs
 * (converted to RGB through their colour profile), 16-bit PNGs and TIFFs, palette images, BMP and
 * WebP. The format is found from the file's content, so a PNG named {@code .jpg} decodes as a PNG.
 * Grey values are copied, not gamma-converted; samples of more than 8 bits are scaled to 8 bits,
 * {@code round(v * 255 / (2^bits - 1))}. {@link #toRgb} then gives what Pillow's {@code
 * convert("RGB")} gives: alpha dropped (the stored colour kept), palette looked up, grey repeated.
 *
 * <p>Limitation: Pillow clips 16-bit grey to 0-255 on conversion instead of scaling it; we scale,
 * which is what a 16-bit image means.
 *
 * <p>A file that cannot be decoded (no reader recognises it, the reader fails, or the data ends
 * early) raises an {@link IOException} naming the file.
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    static {
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    /**
     * Decodes one image file.
     *
     * @param file the image file
     * @return the image, of one of the types listed in the class comment
     * @throws IOException if the file cannot be read or decoded, or is truncated; the message names
     *     the file and the reason
     */
    public static BufferedImage decode(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new IOException(file + ": empty file, not an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException(file + ": cannot open as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": no image reader recognises this file's content");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                String truncation = truncationWarning(warnings);
                if (truncation != null) {
                    throw new IOException(
                            file + ": truncated or corrupt " + format(reader) + ": " + truncation);
                }
                return normalise(image);
            } catch (IOException | RuntimeException e) {
                if (e instanceof IOException
                        && e.getMessage() != null
                        && e.getMessage().startsWith(file.toString())) {
                    throw (IOException) e;
                }
                throw new IOException(file + ": cannot decode " + format(reader) + ": " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Converts any decoded image to one of the types listed in the class comment. An image already
     * of {@code TYPE_BYTE_GRAY}, {@code TYPE_INT_RGB}, {@code TYPE_INT_ARGB}, or with a palette, is
     * returned as is.
     *
     * @param image a decoded image
     * @return the normalised image
     */
    public static BufferedImage normalise(BufferedImage image) {
        int type = image.getType();
        ColorModel cm = image.getColorModel();
        if (type == BufferedImage.TYPE_BYTE_GRAY
                || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_INT_ARGB
                || cm instanceof IndexColorModel) {
            return image;
        }
        boolean gray =
                cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                        && cm.getNumColorComponents() == 1;
        if (gray) {
            return cm.hasAlpha() ? grayAlphaToArgb(image) : grayFromRaster(image);
        }
        return packed(image, cm.hasAlpha());
    }

    /**
     * The image as {@code TYPE_INT_RGB}, as Pillow's {@code convert("RGB")} gives it: grey values
     * copied to all three channels (unlike {@link BufferedImage#getRGB}, which gamma-converts
     * linear grey: 128 becomes 188), palette entries looked up, alpha dropped.
     *
     * @param image any decoded image
     * @return an RGB image of the same size
     */
    public static BufferedImage toRgb(BufferedImage image) {
        BufferedImage n = normalise(image);
        if (n.getType() == BufferedImage.TYPE_INT_RGB) {
            return n;
        }
        if (n.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return packed(n, false);
        }
        int w = n.getWidth();
        int h = n.getHeight();
        byte[] g = ((DataBufferByte) n.getRaster().getDataBuffer()).getData();
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int v = g[i] & 0xff;
            rgb[i] = (v << 16) | (v << 8) | v;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getRaster().setDataElements(0, 0, w, h, rgb);
        return out;
    }

    /** Grey (any bit depth, with or without alpha) to 8-bit grey, from the raster's first band. */
    private static BufferedImage grayFromRaster(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bits = image.getColorModel().getComponentSize(0);
        long max = (1L << bits) - 1;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = (byte) (bits == 8 ? row[x] : (row[x] * 255L + max / 2) / max);
            }
        }
        return out;
    }

    /** Grey with alpha (any bit depth) to INT_ARGB, grey repeated, from the raster's bands. */
    private static BufferedImage grayAlphaToArgb(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        long grayMax = (1L << image.getColorModel().getComponentSize(0)) - 1;
        long alphaMax = (1L << image.getColorModel().getComponentSize(1)) - 1;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] g = new int[w];
        int[] a = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, g);
            raster.getSamples(0, y, w, 1, 1, a);
            for (int x = 0; x < w; x++) {
                int v = (int) ((g[x] * 255L + grayMax / 2) / grayMax);
                int alpha = (int) ((a[x] * 255L + alphaMax / 2) / alphaMax);
                row[x] = (alpha << 24) | (v << 16) | (v << 8) | v;
            }
            out.getRaster().setDataElements(0, y, w, 1, row);
        }
        return out;
    }

    /**
     * Colour (palette, 16-bit, BGR, CMYK converted, ...) through sRGB ARGB values to INT_ARGB
     * (alpha kept, not premultiplied) or INT_RGB (alpha dropped).
     */
    private static BufferedImage packed(BufferedImage image, boolean keepAlpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out =
                new BufferedImage(
                        w, h, keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            if (!keepAlpha) {
                for (int x = 0; x < w; x++) {
                    row[x] &= 0xffffff;
                }
            }
            out.getRaster().setDataElements(0, y, w, 1, row);
        }
        return out;
    }

    /** The first reader warning that says the data ended early, or null. */
    private static String truncationWarning(List<String> warnings) {
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("truncat")) {
                return w;
            }
        }
        return null;
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }
}
