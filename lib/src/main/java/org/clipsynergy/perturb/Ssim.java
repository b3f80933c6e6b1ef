package org.clipsynergy.perturb;

import java.awt.image.BufferedImage;

/**
 * The structural similarity index (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment:
 * From Error Visibility to Structural Similarity", IEEE TIP 2004) with the defaults of
 * scikit-image's structural_similarity: a 7 x 7 uniform window, K1 = 0.01, K2 = 0.03, sample
 * covariances (normalised by 48), data range 255, the mean over the positions whose window lies
 * inside the image, averaged over the three RGB channels.
 */
public final class Ssim {

    private Ssim() {}

    private static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double DATA_RANGE = 255;

    /**
     * SSIM of two RGB images of the same size (grey images count as three equal channels).
     *
     * @throws IllegalArgumentException if the sizes differ or a side is under 7 pixels
     */
    public static double of(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException(
                    "SSIM image size: expected "
                            + a.getWidth()
                            + " x "
                            + a.getHeight()
                            + ", got "
                            + b.getWidth()
                            + " x "
                            + b.getHeight());
        }
        if (a.getWidth() < WINDOW || a.getHeight() < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM image side: expected at least "
                            + WINDOW
                            + ", got "
                            + a.getWidth()
                            + " x "
                            + a.getHeight());
        }
        Planes pa = Planes.of(a);
        Planes pb = Planes.of(b);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += channel(pa.levels(k), pb.levels(k), a.getWidth(), a.getHeight());
        }
        return sum / 3;
    }

    /** SSIM of one channel, levels 0-255, height x width row-major. */
    static double channel(int[] x, int[] y, int width, int height) {
        double c1 = (K1 * DATA_RANGE) * (K1 * DATA_RANGE);
        double c2 = (K2 * DATA_RANGE) * (K2 * DATA_RANGE);
        int np = WINDOW * WINDOW;
        double covNorm = np / (np - 1.0);
        int n = width * height;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        double[] fx = new double[n];
        double[] fy = new double[n];
        for (int i = 0; i < n; i++) {
            fx[i] = x[i];
            fy[i] = y[i];
            xx[i] = fx[i] * fx[i];
            yy[i] = fy[i] * fy[i];
            xy[i] = fx[i] * fy[i];
        }
        double[] sx = windowSums(fx, width, height);
        double[] sy = windowSums(fy, width, height);
        double[] sxx = windowSums(xx, width, height);
        double[] syy = windowSums(yy, width, height);
        double[] sxy = windowSums(xy, width, height);
        double total = 0;
        for (int i = 0; i < sx.length; i++) {
            double ux = sx[i] / np;
            double uy = sy[i] / np;
            double vx = covNorm * (sxx[i] / np - ux * ux);
            double vy = covNorm * (syy[i] / np - uy * uy);
            double vxy = covNorm * (sxy[i] / np - ux * uy);
            double num = (2 * ux * uy + c1) * (2 * vxy + c2);
            double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
            total += num / den;
        }
        return total / sx.length;
    }

    /**
     * Sums over every 7 x 7 window that lies inside the image: (height - 6) x (width - 6), one per
     * window position, row-major. Exact for the integer-valued inputs used here.
     */
    private static double[] windowSums(double[] v, int width, int height) {
        int ow = width - WINDOW + 1;
        int oh = height - WINDOW + 1;
        double[] rows = new double[ow * height];
        for (int r = 0; r < height; r++) {
            double s = 0;
            for (int c = 0; c < WINDOW; c++) {
                s += v[r * width + c];
            }
            rows[r * ow] = s;
            for (int c = 1; c < ow; c++) {
                s += v[r * width + c + WINDOW - 1] - v[r * width + c - 1];
                rows[r * ow + c] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int c = 0; c < ow; c++) {
            double s = 0;
            for (int r = 0; r < WINDOW; r++) {
                s += rows[r * ow + c];
            }
            out[c] = s;
            for (int r = 1; r < oh; r++) {
                s += rows[(r + WINDOW - 1) * ow + c] - rows[(r - 1) * ow + c];
                out[r * ow + c] = s;
            }
        }
        return out;
    }
}
