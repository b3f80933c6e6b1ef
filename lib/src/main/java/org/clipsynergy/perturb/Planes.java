package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * An RGB image as three planes of doubles in [0, 1] (value / 255), row-major, the working form of
 * every corruption.
 */
final class Planes {

    final int width;
    final int height;

    /** 3 x (height * width): red, green and blue, each row after row. */
    final double[][] c;

    /** Whether the values are float32 results, scaled to 0-255 in float32 as numpy would. */
    boolean float32;

    Planes(int width, int height) {
        this(width, height, new double[3][width * height]);
    }

    Planes(int width, int height, double[][] c) {
        this.width = width;
        this.height = height;
        this.c = c;
    }

    /**
     * Reads an image; a one-band image (grey, as MNIST decodes) becomes three equal channels, as
     * the reference implementation stacks grey images before corrupting them.
     */
    static Planes of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Planes p = new Planes(w, h);
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    double v = row[x] / 255.0;
                    p.c[0][y * w + x] = v;
                    p.c[1][y * w + x] = v;
                    p.c[2][y * w + x] = v;
                }
            }
            return p;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            p.c[0][i] = ((argb[i] >> 16) & 0xff) / 255.0;
            p.c[1][i] = ((argb[i] >> 8) & 0xff) / 255.0;
            p.c[2][i] = (argb[i] & 0xff) / 255.0;
        }
        return p;
    }

    /** 8-bit levels 0-255 of one channel, the integer form some corruptions work on. */
    int[] levels(int channel) {
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(c[channel][i] * 255.0);
        }
        return out;
    }

    /**
     * Writes an RGB image: each value is clipped to [0, 1], multiplied by 255 and truncated, as
     * {@code np.uint8(np.clip(x, 0, 1) * 255)} does in the reference implementation.
     */
    BufferedImage toImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (level(c[0][i]) << 16) | (level(c[1][i]) << 8) | level(c[2][i]);
            if (float32) {
                rgb[i] = (level32(c[0][i]) << 16) | (level32(c[1][i]) << 8) | level32(c[2][i]);
            }
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    Planes copy() {
        double[][] d = new double[3][];
        for (int k = 0; k < 3; k++) {
            d[k] = c[k].clone();
        }
        return new Planes(width, height, d);
    }

    static int level(double v) {
        double clipped = v < 0 ? 0 : (v > 1 ? 1 : v);
        return (int) (clipped * 255);
    }

    static int level32(double v) {
        float clipped = (float) (v < 0 ? 0 : (v > 1 ? 1 : v));
        return (int) (clipped * 255f);
    }

    static double clip01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
