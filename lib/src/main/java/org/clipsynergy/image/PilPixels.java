package org.clipsynergy.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A decoded image's 8-bit samples laid out the way Pillow holds the same file: its mode ("L",
 * "RGB", "RGBA" or "P") decides how CLIP preprocessing resizes it.
 *
 * @param samples height x width x channels, interleaved, row-major
 * @param width the width in pixels
 * @param height the height in pixels
 * @param channels 1 (L), 3 (RGB, also a palette image already looked up) or 4 (RGBA)
 * @param palette whether the source was a palette or bilevel image, which Pillow resizes with
 *     nearest neighbour whatever filter is asked for
 */
record PilPixels(byte[] samples, int width, int height, int channels, boolean palette) {

    /**
     * Reads an image's pixels: 8-bit grey as L, grey with alpha as RGBA with the grey repeated (the
     * same arithmetic as Pillow's LA path), 8-bit sRGB as RGB or RGBA from the raster, indexed
     * colour as palette RGB, anything else through {@link BufferedImage#getRGB}.
     */
    static PilPixels of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel) {
            return fromArgb(image, false, true);
        }
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            return fromPackedInts(image, type == BufferedImage.TYPE_INT_ARGB);
        }
        if (cm instanceof ComponentColorModel
                && raster.getTransferType() == DataBuffer.TYPE_BYTE
                && !cm.isAlphaPremultiplied()
                && allEightBit(cm)) {
            int bands = raster.getNumBands();
            int csType = cm.getColorSpace().getType();
            if (bands == 1 && csType == ColorSpace.TYPE_GRAY) {
                return new PilPixels(
                        (byte[]) raster.getDataElements(0, 0, w, h, null), w, h, 1, false);
            }
            if (bands == 2 && csType == ColorSpace.TYPE_GRAY) {
                byte[] la = (byte[]) raster.getDataElements(0, 0, w, h, null);
                byte[] rgba = new byte[w * h * 4];
                for (int i = 0, j = 0; i < la.length; i += 2, j += 4) {
                    rgba[j] = rgba[j + 1] = rgba[j + 2] = la[i];
                    rgba[j + 3] = la[i + 1];
                }
                return new PilPixels(rgba, w, h, 4, false);
            }
            if ((bands == 3 || bands == 4) && cm.getColorSpace().isCS_sRGB()) {
                byte[] data = (byte[]) raster.getDataElements(0, 0, w, h, null);
                return new PilPixels(data, w, h, bands, false);
            }
        }
        return fromArgb(image, cm.hasAlpha(), false);
    }

    private static boolean allEightBit(ColorModel cm) {
        for (int bits : cm.getComponentSize()) {
            if (bits != 8) {
                return false;
            }
        }
        return true;
    }

    /** TYPE_INT_RGB / TYPE_INT_ARGB: the raster already holds packed sRGB, no conversion. */
    private static PilPixels fromPackedInts(BufferedImage image, boolean alpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = alpha ? 4 : 3;
        byte[] out = new byte[w * h * channels];
        int[] row = new int[w];
        Raster raster = image.getRaster();
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getDataElements(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                out[o++] = (byte) (argb >> 16);
                out[o++] = (byte) (argb >> 8);
                out[o++] = (byte) argb;
                if (alpha) {
                    out[o++] = (byte) (argb >>> 24);
                }
            }
        }
        return new PilPixels(out, w, h, channels, false);
    }

    /** Row by row through getRGB: one int row buffer per image, no per-pixel objects. */
    private static PilPixels fromArgb(BufferedImage image, boolean alpha, boolean palette) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = alpha ? 4 : 3;
        byte[] out = new byte[w * h * channels];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                out[o++] = (byte) (argb >> 16);
                out[o++] = (byte) (argb >> 8);
                out[o++] = (byte) argb;
                if (alpha) {
                    out[o++] = (byte) (argb >>> 24);
                }
            }
        }
        return new PilPixels(out, w, h, channels, palette);
    }
}
